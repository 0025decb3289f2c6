// Reading optional files: a missing or unreadable source is "no data" (a debug line), not a failure.
import { constants } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../log';
import * as fs from '../fs-async';

const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'ENXIO', 'ENOMEDIUM', 'ENODEV', 'EISDIR']);

/** True for the errno codes that mean "this source is not there or not for us". */
export function isAbsent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && ABSENT.has((err as NodeJS.ErrnoException).code ?? '');
}

/** Reads a UTF-8 file, or returns undefined (with a debug line) when it is missing or unreadable. */
export async function readOptional(file: string, log: Logger): Promise<string | undefined> {
  try {
    return await fs.readText(file);
  } catch (err) {
    if (!isAbsent(err)) throw err;
    log.debug(`context: skipping ${file}: ${(err as NodeJS.ErrnoException).code}`);
    return undefined;
  }
}

/** Maps an absolute guest path into the (test) root. */
export function underRoot(root: string, guestPath: string): string {
  return root === '/' ? guestPath : join(root, guestPath);
}

/** Finds an executable on PATH without spawning anything (so a missing program makes no noise). */
export async function findProgram(name: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await fs.access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
