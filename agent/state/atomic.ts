// The one atomic file replacement of the agent (state, status and pulled documents): temporary file in
// the same directory, fsync, rename, so a reader in another process sees the old file or the new one,
// never a torn one. Synchronous on purpose: the final save runs inside a SIGTERM handler and must
// complete before exit, and the files are a few kilobytes (a rename is cheaper than a promise chain).
import { chmodSync, closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Creates `dir` and missing parents with exactly `mode` (mkdir's mode alone is filtered by the umask). */
export function ensureDirSync(dir: string, mode = 0o755): void {
  const created = mkdirSync(dir, { recursive: true, mode });
  if (created === undefined) return;
  for (let d = dir; d.startsWith(created); d = dirname(d)) chmodSync(d, mode);
}

/**
 * Replaces `path` with `content`, with exactly `mode` whatever the umask; creates the directory with `dirMode`.
 * `durable: false` skips the fsync, for files on tmpfs that are rewritten anyway.
 */
export function replaceFileSync(path: string, content: string, mode: number, dirMode = 0o755, durable = true): void {
  const dir = dirname(path);
  ensureDirSync(dir, dirMode);
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w', mode);
  try {
    fchmodSync(fd, mode);
    writeSync(fd, content);
    if (durable) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
