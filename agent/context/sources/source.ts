// The shape of one context source: what it reads, how the watcher notices that it changed, and its
// priority. sources/index.ts lists them (as node_exporter's collector registry lists collectors);
// discover.ts and watch-probe.ts only iterate that list.
import type { ContextFiles, ContextSource, SourceContext } from '../types';

/** One place the context (context.sh, token.txt) can come from. */
export interface Source {
  /** For debug lines: "CONTEXT block device". */
  name: string;
  /** Searched in ascending order; the first source that has a context.sh is used. */
  priority: number;
  /** The `kind`s of the files it returns (the `source` of the resolved context). */
  kinds: readonly ContextSource[];
  /** The files, or undefined when the source is absent; CONTEXT_INVALID when it is present but wrong. */
  read(ctx: SourceContext): Promise<ContextFiles | undefined>;
  /** How the watcher sees it change without reading it whole. */
  watch: SourceWatch;
}

/** What the watcher probes on every tick; a change of any of it triggers a full discovery. */
export interface SourceWatch {
  /** Files whose stat (inode, size, times) is part of the signature. */
  files?(ctx: SourceContext): string[];
  /** More of the signature (a device listing, a volume descriptor's hash); `last` only when this source gave it. */
  signature?(ctx: SourceContext, last: ContextFiles | undefined): Promise<string[]>;
  /**
   * For a source with nothing cheap to watch (guestinfo): true when it may be in use, and the watcher then
   * rediscovers every rereadIntervalMs. Asked only while the context in use is not from this source.
   */
  reread?(ctx: SourceContext): Promise<boolean>;
}
