// Shared types of context discovery (docs/context.md).
import type { Logger } from '../log';

/** Where the context variables came from. */
export type ContextSource = 'cdrom' | 'block' | 'directory' | 'vmware' | 'environment' | 'one_env' | 'file' | 'none';

/** Options of discoverContext/resolveCredentials; explicit options win over every other source. */
export interface DiscoverOptions {
  /** A directory holding context.sh (and token.txt), instead of searching. */
  contextDir?: string;
  /** A context.sh file, instead of searching. */
  contextFile?: string;
  /** OneGate endpoint, over every other source. */
  endpoint?: string;
  /** VM ID, over every other source. */
  vmid?: string;
  /** A file holding the token, over every other source. */
  tokenFile?: string;
  /** Environment read for ONEGATE_ENDPOINT, VMID, TOKENTXT, ONEGATE_TOKEN and PATH; default process.env. */
  env?: Record<string, string | undefined>;
  /** Filesystem root under which /dev, /sys, /proc, /run and /context are looked up (fixture trees); default '/'. */
  root?: string;
  /** Debug lines for skipped sources; default silent. */
  log?: Logger;
}

/** The outcome of discovery. */
export interface ResolvedContext {
  /** ONEGATE_ENDPOINT, validated as an http(s) URL. */
  endpoint?: string;
  /** VM ID, decimal digits. */
  vmid?: string;
  /** OneGate token, trimmed. Never log it. */
  token?: string;
  /** Where the context variables came from. */
  source: ContextSource;
  /** Human-readable origin of each value. */
  sources: { endpoint?: string; vmid?: string; token?: string; vars?: string };
  /** Every context variable. */
  vars: Record<string, string>;
  /** SHA-256 over endpoint, VMID, token and vars, for change detection. */
  fingerprint: string;
}

/** The raw files a context source found, before parsing. */
export interface ContextFiles {
  /** Which kind of source this is. */
  kind: ContextSource;
  /** Where the files are, for messages: "/dev/sr0", "/context", "vmware guestinfo". */
  origin: string;
  /** Content of context.sh, if present. */
  contextSh?: string;
  /** Content of token.txt, if present. */
  tokenTxt?: string;
}

/** What each source receives: where to look, and the reading helpers all sources share (sources/files.ts). */
export interface SourceContext {
  /** Filesystem root, '/' outside tests. */
  root: string;
  /** Environment (PATH for finding programs). */
  env: Record<string, string | undefined>;
  /** Debug output for skipped sources. */
  log: Logger;
  /** An absolute guest path ("/context") mapped into root. */
  path(guestPath: string): string;
  /** A UTF-8 file, or undefined (with a debug line) when it is missing or unreadable. */
  readOptional(file: string): Promise<string | undefined>;
  /** An executable on the environment's PATH, found without spawning anything. */
  findProgram(name: string): Promise<string | undefined>;
}
