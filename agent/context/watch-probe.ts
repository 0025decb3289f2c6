// A cheap signature of everything discovery reads, so the watcher re-runs discovery only when it changes:
// file stats (one_env, token files, /context, --context-*) and the CONTEXT device's volume descriptor
// (a swapped context CD carries a new one: its creation time differs).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LABEL } from './block-devices';
import { withReadAt } from './read-at';
import { isAbsent, underRoot } from './sources/files';
import { ONE_ENV_PATHS } from './sources/one-env';
import type { ContextFiles, DiscoverOptions } from './types';

/** The signature; equal signatures mean discovery would read the same inputs. */
export async function probeContext(
  opts: DiscoverOptions,
  root: string,
  env: Record<string, string | undefined>,
  last: ContextFiles | undefined,
): Promise<string> {
  const parts: string[] = [];
  for (const file of watchedFiles(opts, root, env)) parts.push(`${file}=${await statSignature(file)}`);
  if (opts.contextFile === undefined && opts.contextDir === undefined) {
    // A newly attached disk (Firecracker, no udev) shows up here before any label is read.
    const blockDir = underRoot(root, '/sys/class/block');
    parts.push(`${blockDir}:${(await fs.readdir(blockDir).catch(() => [])).join(',')}`);
    const link = underRoot(root, `/dev/disk/by-label/${LABEL}`);
    parts.push(`${link}->${await fs.readlink(link).catch(() => '')}`);
    const devices = new Set([link]);
    if (last && (last.kind === 'cdrom' || last.kind === 'block')) devices.add(last.origin);
    for (const device of devices) parts.push(`${device}#${await descriptorHash(device)}`);
  }
  return parts.join('\n');
}

function watchedFiles(opts: DiscoverOptions, root: string, env: Record<string, string | undefined>): string[] {
  const files: string[] = [];
  if (opts.tokenFile !== undefined) files.push(opts.tokenFile);
  if (env.ONEGATE_TOKEN && path.isAbsolute(env.ONEGATE_TOKEN)) files.push(env.ONEGATE_TOKEN);
  if (opts.contextFile !== undefined) {
    files.push(opts.contextFile, path.join(path.dirname(opts.contextFile), 'token.txt'));
  } else if (opts.contextDir !== undefined) {
    files.push(path.join(opts.contextDir, 'context.sh'), path.join(opts.contextDir, 'token.txt'));
  } else {
    files.push(...ONE_ENV_PATHS.map((p) => underRoot(root, p)));
    files.push(underRoot(root, '/context/context.sh'), underRoot(root, '/context/token.txt'));
  }
  return files;
}

async function statSignature(file: string): Promise<string> {
  try {
    const st = await fs.stat(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch (err) {
    if (isAbsent(err)) return 'absent';
    throw err;
  }
}

async function descriptorHash(device: string): Promise<string> {
  try {
    const pvd = await withReadAt(device, (read) => read(16 * 2048, 2048));
    return createHash('sha256').update(pvd).digest('hex').slice(0, 16);
  } catch (err) {
    if (isAbsent(err)) return 'absent';
    throw err;
  }
}
