// The one place that turns an error into what `onegate` prints and its exit status (docs/cli.md, "Output and exit statuses"):
// 255 for handled errors (HTTP and connection failures, usage errors), 1 for option and configuration
// errors and for answers that cannot be shown. Matches on `err.code` only, so that the client and context
// modules need not be loaded to classify their errors.
import { answerNeedsHint } from '../../agent/onegate/errors';
import { printable } from '../../agent/printable';

/** Codes of errors raised by the CLI itself. */
export type CliErrorCode =
  | 'CLI_USAGE' // the Ruby client's usage errors: exit 255
  | 'CLI_OPTION' // a bad option or option argument: exit 1
  | 'CLI_CONFIG' // no or unusable endpoint: exit 1
  | 'CLI_ABSENT'; // `vm get` of a missing attribute, `vm wait` that timed out: exit 1

/** A failure detected by the CLI. */
export class CliError extends Error {
  /** Stable code. */
  readonly code: CliErrorCode;
  /** Print the help text before the message, after it (an unknown command), or alone (no command). */
  readonly help?: HelpPlacement;

  constructor(code: CliErrorCode, message: string, help?: HelpPlacement) {
    super(message);
    this.name = 'CliError';
    this.code = code;
    if (help !== undefined) this.help = help;
  }
}

/** Where the help text goes relative to the message; 'only' prints nothing else. */
export type HelpPlacement = 'before' | 'after' | 'only';

/** What to print for an error, and the exit status. */
export interface ErrorReport {
  /** Text for stderr, newline-terminated, without the help text. */
  text: string;
  /** Where to print the help text. */
  help?: HelpPlacement;
  /** Exit status. */
  status: number;
}

interface CodedError {
  code?: unknown;
  message?: string;
  status?: number;
  body?: string;
  hint?: string;
}

const HTTP_CODES = new Set([
  'ONEGATE_BAD_REQUEST',
  'ONEGATE_UNAUTHORIZED',
  'ONEGATE_FORBIDDEN',
  'ONEGATE_NOT_FOUND',
  'ONEGATE_SERVER_ERROR',
  'ONEGATE_HTTP_ERROR',
]);

/** "host:port" of an endpoint URL, for the Ruby client's `Server:` line. */
function serverOf(endpoint: string | undefined): string | undefined {
  if (!endpoint) return undefined;
  try {
    const url = new URL(endpoint);
    return `${url.hostname.replace(/^\[|\]$/g, '')}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
  } catch {
    return undefined;
  }
}

function connectionText(prefix: string, err: CodedError, endpoint: string | undefined): string {
  const server = serverOf(endpoint);
  const hint = err.hint ? `hint: ${err.hint}\n` : '';
  return `ERROR: \n${prefix} (${err.message}).\n${server ? `Server: ${server}\n` : ''}${hint}`;
}

/** Maps any thrown value to its report; `endpoint` names the server in connection errors. */
export function reportError(err: unknown, endpoint?: string): ErrorReport {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as CodedError;
  const code = typeof e.code === 'string' ? e.code : '';
  if (err instanceof CliError) {
    const usage = code === 'CLI_USAGE';
    return {
      text: err.help === 'only' ? '' : usage && err.help !== 'after' ? `${err.message}\n` : `onegate: ${err.message}\n`,
      help: err.help,
      status: usage ? 255 : 1,
    };
  }
  // The Ruby client prints error bodies verbatim after an "ERROR: " line; they are plain text, never JSON.
  // Their lines are kept, their control characters escaped: a server must not drive the user's terminal.
  // Ruby's lines stay as they are; where 7.x's answer alone does not say what happened (its lost reasons,
  // Host not permitted), one hint line follows (docs/cli.md).
  // Ruby's `puts` ends the body with a line feed only when it has none (a proxy's or another server's page).
  if (HTTP_CODES.has(code)) {
    const hint = e.hint && answerNeedsHint(e.status, e.body) ? `hint: ${e.hint}\n` : '';
    const body = printable(e.body ?? e.message ?? '', 64 * 1024, true);
    return { text: `ERROR: \n${body}${body.endsWith('\n') ? '' : '\n'}${hint}`, status: 255 };
  }
  if (code === 'ONEGATE_UNREACHABLE') return { text: connectionText('Error connecting to server', e, endpoint), status: 255 };
  if (code === 'ONEGATE_TIMEOUT') return { text: connectionText('Error timeout while connected to server', e, endpoint), status: 255 };
  const hint = e.hint ? `hint: ${e.hint}\n` : '';
  return { text: `onegate: ${e.message ?? String(err)}\n${hint}`, status: 1 };
}
