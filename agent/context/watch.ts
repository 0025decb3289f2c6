// Change detection for the daemon's credentials refresh: cheap polling of what discovery reads (stat
// and one volume-descriptor read per tick), a full rediscovery only when that changes, and for a source
// with nothing cheap to watch (vCenter guestinfo: no media, no events) a rediscovery every rereadIntervalMs
// compared by content hash.
import { type Clock, systemClock } from '../schedule/clock';
import { discoverDetailed } from './discover';
import { sourceContext } from './sources/files';
import { sourcesFor } from './sources/index';
import type { ContextFiles, DiscoverOptions, ResolvedContext } from './types';
import { probeContext } from './watch-probe';

/** Options of watchContext on top of the discovery options. */
export interface WatchOptions extends DiscoverOptions {
  /** Poll period; default 10000 ms. */
  intervalMs?: number;
  /** Full rediscovery period when the context may come from a source that cannot be watched (VMware guestinfo); default 60000 ms. */
  rereadIntervalMs?: number;
  /** The context the caller already uses; without it the first check reports what it finds. */
  initial?: ResolvedContext;
  /** Called with the new context when endpoint, VMID, token or any variable changed. */
  onChange: (ctx: ResolvedContext) => void;
  /** Aborting stops the watcher. */
  signal?: AbortSignal;
  /** Time and the poll timer; default the system clock. */
  clock?: Clock;
}

/** The running watcher. */
export interface ContextWatcher {
  /** Runs one check now (the timer runs them too); never rejects. */
  check(): Promise<void>;
  /** Stops the timer. */
  close(): void;
}

/** Starts polling; the timer does not keep the process alive. */
export function watchContext(opts: WatchOptions): ContextWatcher {
  const ctx = sourceContext(opts);
  const clock = opts.clock ?? systemClock;
  const log = ctx.log;
  const rereadable = sourcesFor(opts).sources.filter((s) => s.watch.reread);
  let current = opts.initial;
  let lastProbe: string | undefined;
  let lastFiles: ContextFiles | undefined;
  let lastFull = 0;
  let pending: string | undefined; // fingerprint of a context that lost a credential, awaiting confirmation
  let lastError: string | undefined;
  let running: Promise<void> | undefined;
  let closed = false;

  const due = async (): Promise<boolean> => {
    const probe = await probeContext(opts, ctx, lastFiles);
    const changed = probe !== lastProbe;
    lastProbe = probe;
    if (changed || current === undefined) return true;
    if (clock.now() - lastFull < (opts.rereadIntervalMs ?? 60_000)) return false;
    return mayUseRereadable(current);
  };
  const mayUseRereadable = async (context: ResolvedContext): Promise<boolean> => {
    for (const source of rereadable) {
      if (source.kinds.includes(context.source) || (await source.watch.reread?.(ctx))) return true;
    }
    return false;
  };

  const run = async (): Promise<void> => {
    try {
      if (!(await due())) return;
      lastFull = clock.now();
      const { context, files } = await discoverDetailed(opts);
      lastFiles = files;
      if (lastError !== undefined) log.info('context: readable again');
      lastError = undefined;
      if (context.fingerprint === current?.fingerprint) return;
      // A half-rewritten one_env can lack a value for a moment: a credential that disappears must be seen twice.
      if (current && lostCredential(current, context) && pending !== context.fingerprint) {
        pending = context.fingerprint;
        lastProbe = undefined;
        return;
      }
      pending = undefined;
      if (closed) return;
      current = context;
      log.info(`context: changed (source ${context.source})`);
      opts.onChange(context);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (message !== lastError) log.warn(`context: ${message}; keeping the previous context`);
      lastError = message;
      lastProbe = undefined;
    }
  };

  const check = (): Promise<void> => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
  // A chain of one-shot timers (a Clock has no interval); the real ones are unref'd so watching never keeps
  // the process alive.
  let timer: unknown;
  const arm = (): void => {
    timer = clock.setTimeout(() => {
      void check().finally(() => {
        if (!closed) arm();
      });
    }, opts.intervalMs ?? 10_000);
    (timer as { unref?: () => void }).unref?.();
  };
  arm();
  const close = (): void => {
    closed = true;
    clock.clearTimeout(timer);
  };
  opts.signal?.addEventListener('abort', close, { once: true });
  if (opts.signal?.aborted) close();
  return { check, close };
}

function lostCredential(before: ResolvedContext, after: ResolvedContext): boolean {
  return (
    (before.endpoint !== undefined && after.endpoint === undefined) ||
    (before.vmid !== undefined && after.vmid === undefined) ||
    (before.token !== undefined && after.token === undefined)
  );
}
