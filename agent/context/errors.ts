// Typed context errors: callers (the `context` command, the daemon, the onegate CLI) match on `code`.

/** Stable codes: CONTEXT_INVALID for bad input (exit 2), CONTEXT_MISSING when a required value is nowhere. */
export type ContextErrorCode = 'CONTEXT_INVALID' | 'CONTEXT_MISSING';

/** A context source that is unusable, or a required value that no source provides. */
export class ContextError extends Error {
  /** Stable code to match on. */
  code: ContextErrorCode;
  /** The source the problem is about, e.g. "/context/context.sh" or "environment VMID". */
  source: string;

  constructor(code: ContextErrorCode, source: string, problem: string, options?: { cause?: unknown }) {
    super(`${source}: ${problem}`, options);
    this.name = 'ContextError';
    this.code = code;
    this.source = source;
  }
}

/** An image that is not a readable ISO 9660 volume; discovery then falls back to mounting it. */
export class IsoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IsoError';
  }
}
