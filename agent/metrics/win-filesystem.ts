// DISK_USED_<DRIVE> on Windows: used % of every drive letter through statfs (GetDiskFreeSpaceExW), with the
// formula of Linux. metrics.filesystem.mounts and exclude_mounts take drive roots ("C:\"); the CONTEXT
// media (context.sh at its root) is never measured, as iso9660 is not on Linux. Each call is bounded by
// metrics.filesystem.timeout, so an unanswering network drive costs one cycle's wait, not the daemon.
import { type FilesystemOptions, usedPercent } from './filesystem';
import { nodeOsCalls, type OsCalls } from './os-facts';
import type { CollectContext, CollectorInstance } from './types';

export { config, defaultEnabled, name, options } from './filesystem';
export const attributes = [
  {
    names: ['DISK_USED_<MOUNT>'],
    unit: '%',
    source: 'drive letters + `fs.statfs()` (GetDiskFreeSpaceExW); `<MOUNT>` is the letter',
    formula: '100 × used / (used + available), used = (f_blocks − f_bfree)',
  },
];

/** "C:\\" -> "C"; undefined for anything that is not a drive root. */
export function driveName(root: string): string | undefined {
  return /^([A-Za-z]):\\?$/.exec(root)?.[1]?.toUpperCase();
}

/** The drive roots to measure: the configured ones, else every drive but the excluded and the CONTEXT media. */
export function selectDrives(present: string[], options: FilesystemOptions, os: Pick<OsCalls, 'exists'>): string[] {
  if (options.mounts) return options.mounts.flatMap((m) => (driveName(m) === undefined ? [] : [`${driveName(m)}:\\`]));
  const excluded = new Set((options.excludeMounts ?? []).map(driveName));
  return present.filter((root) => !excluded.has(driveName(root)) && !os.exists(`${root}context.sh`));
}

export function create(ctx: CollectContext<FilesystemOptions>, os: OsCalls = nodeOsCalls): CollectorInstance {
  const options = ctx.options ?? {};
  const timeoutMs = options.timeoutMs ?? 2000;
  async function measure(root: string): Promise<number | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    try {
      const result = await Promise.race([os.statfs(root), timeout]);
      if (result === undefined) ctx.log.warn(`filesystem: statfs ${root} did not answer within ${timeoutMs} ms`);
      return result && usedPercent(result);
    } catch (e) {
      ctx.log.debug(`filesystem: statfs ${root}: ${(e as Error).message}`);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    async collect() {
      const drives = selectDrives(os.driveRoots(), options, os);
      const values = await Promise.all(drives.map(measure));
      const metrics: Record<string, number> = {};
      drives.forEach((root, i) => {
        const v = values[i];
        if (v !== undefined) metrics[`DISK_USED_${driveName(root)}`] = v;
      });
      return metrics;
    },
  };
}
