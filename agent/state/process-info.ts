// Whether a pid is still the daemon, and its live footprint, from /proc (status runs as another process).
import { readFileSync } from 'node:fs';

/** True when `pid` exists and, where /proc tells, runs onegate-agent (a reused pid is not the daemon). */
export function isDaemonAlive(pid: number, procRoot = '/proc'): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    return readFileSync(`${procRoot}/${pid}/cmdline`, 'utf8').includes('onegate');
  } catch {
    return true;
  }
}

/** Resident memory and CPU time of `pid` from /proc, or undefined when unreadable. */
export function processUsage(pid: number, procRoot = '/proc'): { rssBytes: number; cpuUserMs: number; cpuSystemMs: number } | undefined {
  try {
    const status = readFileSync(`${procRoot}/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields (USER_HZ = 100).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const tick = 10;
    if (!Number.isFinite(rssKb)) return undefined;
    return { rssBytes: rssKb * 1024, cpuUserMs: Number(fields[11]) * tick, cpuSystemMs: Number(fields[12]) * tick };
  } catch {
    return undefined;
  }
}
