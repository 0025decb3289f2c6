// Files under the run directory are read by other programs at any moment, so they are replaced
// atomically: write a temporary file in the same directory, fsync it, rename it over the old one.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Creates `dir` (and parents) with mode 0755 when missing. */
export async function ensureDir(dir: string): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o755 });
  // mkdir's mode is filtered by the umask; a reader outside the agent's group must still get in.
  if (created === undefined) return;
  for (let d = dir; d.startsWith(created); d = dirname(d)) await chmod(d, 0o755);
}

/** Replaces `path` with `content` atomically, mode 0644 whatever the umask. */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const dir = dirname(path);
  await ensureDir(dir);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.chmod(0o644);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Removes `path`; a missing file is fine. */
export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
