// What the Windows collectors read, through Node's own OS APIs (no /proc there): libuv answers os.cpus()
// and os.uptime() from NtQuerySystemInformation and GetTickCount64, os.freemem() from
// GlobalMemoryStatusEx, fs.statfs() from GetDiskFreeSpaceExW. Node has no call for interface counters, so
// those come from the one probe, `netstat -e` (docs/metrics.md, "On Windows"). Tests inject their own.
import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { cpus, freemem, totalmem, uptime } from 'node:os';
import { win32 } from 'node:path';
import type { RunCommandResult } from '../process/run-command';
import { runLazily } from '../process/run-lazily';
import type { StatfsResult } from './filesystem';

/** Per-CPU times in milliseconds, as os.cpus() gives them. */
export interface CpuTimes {
  user: number;
  nice: number;
  sys: number;
  idle: number;
  irq: number;
}

/** The OS calls of the Windows collectors. */
export interface OsCalls {
  cpuTimes(): CpuTimes[];
  totalMemory(): number;
  freeMemory(): number;
  uptimeSeconds(): number;
  /** Roots of the drive letters present ("C:\\", "D:\\"). */
  driveRoots(): string[];
  /** True when `path` exists (context.sh at a drive's root marks the CONTEXT media). */
  exists(path: string): boolean;
  statfs(path: string): Promise<StatfsResult>;
  /** The output of `netstat -e` (the interface statistics), bounded by `timeoutMs`. */
  interfaceStatistics(timeoutMs: number): Promise<RunCommandResult>;
}

// A and B were floppy drives; probing them can wait for a drive that is not there.
const LETTERS = 'CDEFGHIJKLMNOPQRSTUVWXYZ';

/** The calls of this process. */
export const nodeOsCalls: OsCalls = {
  cpuTimes: () => cpus().map((c) => c.times),
  totalMemory: totalmem,
  freeMemory: freemem,
  uptimeSeconds: uptime,
  driveRoots: () => [...LETTERS].map((l) => `${l}:\\`).filter((root) => existsSync(root)),
  exists: existsSync,
  statfs,
  interfaceStatistics: (timeoutMs) =>
    runLazily({ argv: [win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'netstat.exe'), '-e'], timeoutMs }),
};
