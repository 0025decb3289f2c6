// Finding the block device labelled CONTEXT: a cd-rom on KVM (/dev/sr0, or hdX on old IDE buses) or a
// virtio disk on Firecracker (/dev/vdX). Tried in order, cheapest first: udev's by-label symlink, a scan of
// /sys/class/block reading each device's ISO label (no udev needed), then `blkid -L CONTEXT`.
import { basename, dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { runLazily } from '../process/run-lazily';
import * as fs from './fs-async';
import { readIsoLabel } from './iso9660';
import { withReadAt } from './read-at';
import { isAbsent } from './sources/files';
import type { SourceContext } from './types';

/** The device holding the context image. */
export interface ContextDevice {
  /** Path to open (under the test root, if any). */
  path: string;
  /** Kernel name, e.g. "sr0" or "vdb". */
  name: string;
  /** "cdrom" for a cd-rom drive, "block" for any other disk. */
  kind: 'cdrom' | 'block';
}

/** The volume label oned gives the context image. */
export const LABEL = 'CONTEXT';
// one-contextd ignores loop devices; RAM and device-mapper devices never hold the context either.
const NOT_CONTEXT = /^(loop|ram|zram|dm-|md|nbd)/;
const MAX_SCANNED = 64;

/** The CONTEXT device, or undefined when there is none (or none this process may read). */
export async function findContextDevice(o: SourceContext): Promise<ContextDevice | undefined> {
  const found = (await byLabel(o)) ?? (await scanSysfs(o)) ?? (await blkid(o));
  if (!found) return undefined;
  return { path: found, name: basename(found), kind: await deviceKind(basename(found), o) };
}

async function byLabel(o: SourceContext): Promise<string | undefined> {
  const link = o.path(`/dev/disk/by-label/${LABEL}`);
  try {
    const target = await fs.readlink(link);
    return isAbsolute(target) ? o.path(target) : resolvePath(dirname(link), target);
  } catch (err) {
    if (!isAbsent(err) && (err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
    o.log.debug(`context: no ${link}`);
    return undefined;
  }
}

async function scanSysfs(o: SourceContext): Promise<string | undefined> {
  let names: string[];
  try {
    names = await fs.readdir(o.path('/sys/class/block'));
  } catch (err) {
    if (!isAbsent(err)) throw err;
    return undefined;
  }
  const candidates = names.filter((n) => !NOT_CONTEXT.test(n)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const name of candidates.slice(0, MAX_SCANNED)) {
    const dev = o.path(`/dev/${name}`);
    if ((await labelOf(dev, o)) === LABEL) return dev;
  }
  return undefined;
}

/** cd-roms first, then virtio disks, then the rest. */
function rank(name: string): number {
  return /^(sr|scd)/.test(name) ? 0 : /^vd/.test(name) ? 1 : 2;
}

async function labelOf(dev: string, o: SourceContext): Promise<string | undefined> {
  try {
    return await withReadAt(dev, readIsoLabel);
  } catch (err) {
    if (!isAbsent(err)) throw err;
    o.log.debug(`context: cannot read ${dev}: ${(err as NodeJS.ErrnoException).code}`);
    return undefined;
  }
}

async function blkid(o: SourceContext): Promise<string | undefined> {
  const program = await o.findProgram('blkid');
  if (!program) return undefined;
  const r = await runLazily({ argv: [program, '-L', LABEL], timeoutMs: 10_000, env: pathOnly(o.env) });
  const dev = r.stdout.trim();
  if (r.code !== 0 || !dev.startsWith('/dev/') || dev.startsWith('/dev/loop')) {
    o.log.debug(`context: blkid -L ${LABEL} found nothing${dev ? ` usable (${dev})` : ''}`);
    return undefined;
  }
  return o.path(dev);
}

async function deviceKind(name: string, o: SourceContext): Promise<'cdrom' | 'block'> {
  if (/^(sr|scd)\d+$/.test(name)) return 'cdrom';
  // The cdrom driver lists every drive it handles ("drive name:\tsr0\thdc").
  const info = await o.readOptional(o.path('/proc/sys/dev/cdrom/info'));
  const drives =
    info
      ?.split('\n')
      .find((l) => l.startsWith('drive name:'))
      ?.split(/\s+/)
      .slice(2) ?? [];
  return drives.includes(name) ? 'cdrom' : 'block';
}

/** The PATH of the discovery environment, so programs see the same search path. */
export function pathOnly(env: Record<string, string | undefined>): Record<string, string> {
  return env.PATH === undefined ? {} : { PATH: env.PATH };
}
