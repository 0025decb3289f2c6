// Synchronous atomic replacement of small files (state and status): temporary file in the same
// directory, fsync, rename. Synchronous on purpose: the final save runs inside a SIGTERM handler and
// must complete before exit, and the files are a few kilobytes.
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `path` with `content`, with exactly `mode` whatever the umask; creates the directory with `dirMode`.
 * `durable: false` skips the fsync, for files on tmpfs or rewritten every cycle anyway.
 */
export function replaceFileSync(path: string, content: string, mode: number, dirMode = 0o755, durable = true): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: dirMode });
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
