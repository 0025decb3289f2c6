// The one reader for procfs and sysfs files. Their stat size is 0 or 4096 whatever the content, so the file is
// read in chunks up to a bound instead of trusting the size (prometheus/procfs readfile.go does the same).
// Reads are synchronous on purpose: procfs is served from kernel memory and never waits for a disk, and a sync
// read costs one syscall where fs.promises costs three thread-pool round trips per file; it also keeps the
// libuv pool free for statfs and DNS.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { CollectError, NoDataError } from './types';

/** Errors that mean "this file is not there for us" rather than a failure. */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'ESRCH']);
const CHUNK = 16 * 1024;

/** Default bound: /proc/self/mountinfo on a busy container host can reach a few hundred KiB. */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;

/** Reads `rel` under `root` as UTF-8 text; NoDataError when absent, CollectError when larger than maxBytes. */
export function readProc(root: string, rel: string, maxBytes = DEFAULT_MAX_BYTES): string {
  const path = join(root, rel);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw wrap(e, path);
  }
  try {
    return readBounded(fd, path, maxBytes);
  } catch (e) {
    throw e instanceof CollectError ? e : wrap(e, path);
  } finally {
    closeSync(fd);
  }
}

/** Reads and parses one file; NoDataError with `reason` when the parser finds nothing usable (empty or truncated). */
export function parseProc<T>(root: string, rel: string, parse: (text: string) => T | undefined, reason: string): T {
  const value = parse(readProc(root, rel));
  if (value === undefined) throw new NoDataError(join(root, rel), reason);
  return value;
}

/** The parsed object or list, or undefined when it is empty (for {@link parseProc}). */
export function nonEmpty<T extends object>(parsed: T): T | undefined {
  return Object.keys(parsed).length > 0 ? parsed : undefined;
}

// One buffer for every read: a cycle reads a handful of small files one after another, synchronously.
// It grows for a larger file and goes back to CHUNK afterwards, so a big mountinfo is not kept.
let shared = Buffer.allocUnsafe(CHUNK);

function readBounded(fd: number, path: string, maxBytes: number): string {
  let total = 0;
  try {
    for (;;) {
      if (total === shared.length) {
        const bigger = Buffer.allocUnsafe(shared.length * 2);
        shared.copy(bigger, 0, 0, total);
        shared = bigger;
      }
      const room = shared.length - total;
      const n = readSync(fd, shared, total, room, null);
      total += n;
      if (total > maxBytes) throw new CollectError('COLLECT_TOO_LARGE', path, `larger than ${maxBytes} bytes`);
      // A short read ends a regular file, and a procfs seq_file too: it fills all the room it is given.
      // Stopping here saves the extra read that would return 0, one syscall per file and cycle.
      if (n < room) break;
    }
    return shared.toString('utf8', 0, total);
  } finally {
    if (shared.length > CHUNK) shared = Buffer.allocUnsafe(CHUNK);
  }
}

function wrap(e: unknown, path: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (code && ABSENT.has(code)) return new NoDataError(path, code, { cause: e });
  return new CollectError('COLLECT_READ_FAILED', path, (e as Error).message, { cause: e });
}
