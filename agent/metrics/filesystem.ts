// Disk used % per mount through statfs (docs/metrics.md): used / (used + available), like df, so blocks
// reserved for root are left out. statfs on a dead network mount blocks a libuv pool thread forever, so every
// call has a timeout, a mount that timed out is "stuck" and skipped until its call returns (node_exporter's
// watchdog), and no new call starts while MAX_STUCK pool threads are already pinned.
import { statfs as fsStatfs } from 'node:fs/promises';
import { number, stringList, type ValueOf } from '../schema/keys';
import { type MountEntry, type MountSelection, mountNames, parseMountinfo, parseMounts, selectMounts } from './mounts';
import { nonEmpty, parseProc, readProc } from './read-proc';
import { type CollectContext, type CollectorInstance, type CollectorToggle, collectorSection, NoDataError } from './types';

/** Options of the filesystem collector. */
export interface FilesystemOptions extends CollectorToggle, MountSelection {
  /** Give up on one statfs call after this many milliseconds and mark the mount stuck; default 2000. */
  timeoutMs?: number;
}

/** The statfs fields used (a subset of fs.StatsFs), in blocks. */
export interface StatfsResult {
  blocks: number;
  bfree: number;
  bavail: number;
}

/** How the collector calls statfs; tests replace it. */
export type StatfsFn = (path: string) => Promise<StatfsResult>;

// Half of libuv's default pool of 4: the rest stays free for DNS, other fs calls and crypto.
const MAX_STUCK = 2;

/** How long the parsed mount table is reused: mounts rarely change, and reading it is most of a cycle's cost here. */
export const MOUNT_TABLE_TTL_MS = 60_000;

export const name = 'filesystem';
export const defaultEnabled = true;
export const config = collectorSection(defaultEnabled, 'DISK_USED_<MOUNT>: percent used per mount point, as df shows it.', {
  mounts: stringList([], 'Mount points to measure; empty: every local filesystem.', { example: ['/', '/var/lib/mysql'] }),
  fs_types: stringList([], 'Filesystem types measured when mounts is empty; empty: the local types (ext4, xfs, btrfs, ...).'),
  exclude_mounts: stringList([], 'Mount points skipped, with everything below them, when mounts is empty.'),
  timeout: number(2, 'Seconds one statfs may take before the mount is marked stuck and skipped.', { min: 0.1, max: 60 }),
});
/** Empty lists are left out, so the collector's own defaults apply. */
export function options(c: ValueOf<typeof config>): FilesystemOptions {
  return {
    enabled: c.enabled,
    timeoutMs: Math.round(c.timeout * 1000),
    ...(c.mounts.length > 0 ? { mounts: c.mounts } : {}),
    ...(c.fs_types.length > 0 ? { fsTypes: c.fs_types } : {}),
    ...(c.exclude_mounts.length > 0 ? { excludeMounts: c.exclude_mounts } : {}),
  };
}
export const attributes = [
  {
    names: ['DISK_USED_<MOUNT>'],
    unit: '%',
    source: '`/proc/self/mountinfo` + `statfs(2)`',
    formula: '100 × used / (used + available), used = (f_blocks − f_bfree)',
  },
];

/** Used % of one statfs result; undefined for a filesystem without blocks. */
export function usedPercent(s: StatfsResult): number | undefined {
  const used = s.blocks - s.bfree;
  const total = used + s.bavail;
  return total > 0 ? (100 * used) / total : undefined;
}

export function create(ctx: CollectContext<FilesystemOptions>): CollectorInstance {
  return createFilesystem(ctx, fsStatfs);
}

/** statfs under node_exporter's watchdog: `measure` gives the used % per path, named by `nameOf`. */
export interface StatfsWatchdog {
  /** DISK_USED_<name> of every path that answered in time; stuck and failing paths are left out. */
  measure(paths: string[], nameOf: (path: string) => string | undefined): Promise<Record<string, number>>;
  /** The paths whose statfs timed out and has not returned yet, sorted. */
  stuck(): string[];
  /** The DISK_USED_<name> that the last measure could not give (stuck or failing paths). */
  missed(): string[];
}

/**
 * Every call is bounded by `timeoutMs`; a path that timed out is stuck and skipped until its call returns, and no
 * new call starts while MAX_STUCK calls are pinned.
 */
export function statfsWatchdog(ctx: CollectContext, statfs: StatfsFn, timeoutMs: number): StatfsWatchdog {
  const stuck = new Set<string>();
  let missed: string[] = [];

  async function used(path: string): Promise<number | undefined> {
    if (stuck.has(path) || stuck.size >= MAX_STUCK) {
      ctx.log.debug(`filesystem: skipping ${path} (stuck: ${[...stuck].join(', ')})`);
      return undefined;
    }
    const call = statfs(path);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const result = await Promise.race([call, timeout]);
      if (result !== 'timeout') return usedPercent(result);
      stuck.add(path);
      ctx.log.warn(`filesystem: statfs ${path} did not answer within ${timeoutMs} ms; skipping it until it does`);
      call
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          stuck.delete(path);
          ctx.log.info(`filesystem: statfs ${path} answered again`);
        });
      return undefined;
    } catch (e) {
      ctx.log.debug(`filesystem: statfs ${path}: ${(e as Error).message}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async measure(paths, nameOf) {
      const values = await Promise.all(paths.map(used));
      const metrics: Record<string, number> = {};
      missed = [];
      paths.forEach((p, i) => {
        const v = values[i];
        if (v !== undefined) metrics[`DISK_USED_${nameOf(p)}`] = v;
        else missed.push(`DISK_USED_${nameOf(p)}`);
      });
      return metrics;
    },
    stuck: () => [...stuck].sort(),
    missed: () => missed,
  };
}

/** create() with an injectable statfs. */
export function createFilesystem(ctx: CollectContext<FilesystemOptions>, statfs: StatfsFn): CollectorInstance {
  const options = ctx.options ?? {};
  const watchdog = statfsWatchdog(ctx, statfs, options.timeoutMs ?? 2000);
  let table: { paths: string[]; names: Map<string, string>; readAt: number } | undefined;

  function mounts(): { paths: string[]; names: Map<string, string> } {
    const now = ctx.now();
    if (!table || now - table.readAt >= MOUNT_TABLE_TTL_MS) {
      const paths = selectMounts(readMountTable(ctx), options);
      table = { paths, names: mountNames(paths), readAt: now };
    }
    return table;
  }

  return {
    async collect() {
      const { paths, names } = mounts();
      return watchdog.measure(paths, (p) => names.get(p));
    },
    status: () => ({ stuckMounts: watchdog.stuck() }),
    missed: () => watchdog.missed(),
  };
}

function readMountTable(ctx: CollectContext): MountEntry[] {
  try {
    const entries = parseMountinfo(readProc(ctx.procRoot, 'self/mountinfo'));
    if (entries.length > 0) return entries;
  } catch (e) {
    if (!(e instanceof NoDataError)) throw e;
  }
  return parseProc(ctx.procRoot, 'mounts', (t) => nonEmpty(parseMounts(t)), 'no mounts listed');
}
