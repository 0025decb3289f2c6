// The kernel's boot id changes at every boot: comparing it with the one saved when READY was reported
// tells a reboot (READY must be reported again) from a daemon restart (it must not).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** /proc/sys/kernel/random/boot_id under `procRoot`, or "" where it does not exist (non-Linux, containers). */
export function readBootId(procRoot = '/proc'): string {
  try {
    return readFileSync(join(procRoot, 'sys/kernel/random/boot_id'), 'utf8').trim();
  } catch {
    return '';
  }
}
