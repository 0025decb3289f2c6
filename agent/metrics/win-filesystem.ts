// DISK_USED_<DRIVE> on Windows: used % of every drive letter through statfs (GetDiskFreeSpaceExW), with the
// formula of Linux. metrics.filesystem.mounts and exclude_mounts take drive roots ("C:\"); the CONTEXT
// media (context.sh at its root) is never measured, as iso9660 is not on Linux. Linux's stuck-mount watchdog
// applies: a drive whose statfs outlives metrics.filesystem.timeout is skipped until that call returns.
import { type FilesystemOptions, statfsWatchdog } from './filesystem';
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
  const watchdog = statfsWatchdog(ctx, (p) => os.statfs(p), options.timeoutMs ?? 2000);
  return {
    collect: () => watchdog.measure(selectDrives(os.driveRoots(), options, os), driveName),
    status: () => ({ stuckMounts: watchdog.stuck() }),
    missed: () => watchdog.missed(),
  };
}
