// status.json under run_dir: what `onegate-agent status` shows, rewritten atomically after every
// cycle and event. World-readable (0644): it names no secret, only where the credentials came from.
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileSync } from './atomic';
import { parseStatus, StatusFileError } from './status-check';
import type { StatusDocument } from './status-document';

/** The status file inside `runDir`. */
export function statusPath(runDir: string): string {
  return join(runDir, 'status.json');
}

/** Writes the status atomically, mode 0644; no fsync: it is rewritten every cycle and lives on tmpfs. */
export function writeStatus(runDir: string, doc: StatusDocument): void {
  replaceFileSync(statusPath(runDir), `${JSON.stringify(doc, null, 1)}\n`, 0o644, 0o755, false);
}

/** A status file is a few kilobytes; anything bigger is not one (and is never read whole). */
const MAX_STATUS_BYTES = 1 << 20;

/**
 * Reads the status; undefined when there is none (never started, or rebooted: run_dir is on tmpfs).
 * Throws StatusFileError for a file that cannot be read or is not a status document.
 */
export function readStatus(runDir: string): StatusDocument | undefined {
  const path = statusPath(runDir);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new StatusFileError(path, `cannot read it: ${code ?? (err as Error).message}`);
  }
  const buffer = Buffer.alloc(MAX_STATUS_BYTES + 1);
  let length = 0;
  try {
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      length += n;
      if (n === 0 || length === buffer.length) break;
    }
  } catch (err) {
    throw new StatusFileError(path, `cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  } finally {
    closeSync(fd);
  }
  if (length > MAX_STATUS_BYTES) throw new StatusFileError(path, 'larger than 1 MiB');
  return parseStatus(path, buffer.toString('utf8', 0, length));
}
