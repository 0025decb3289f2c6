// The CONTEXT media (cd-rom on KVM, virtio disk on Firecracker): read with the ISO 9660 reader, else
// through a read-only mount. Watched through the device listing, the by-label link and the primary volume
// descriptor (a swapped context CD carries a new one: its creation time differs).
import { findContextDevice, LABEL } from '../block-devices';
import { IsoError } from '../errors';
import * as fs from '../fs-async';
import { readIsoFiles } from '../iso9660';
import { withReadAt } from '../read-at';
import type { ContextFiles, SourceContext } from '../types';
import { isAbsent } from './files';
import { readByMounting } from './mount';
import type { Source } from './source';

/** The block device labelled CONTEXT. */
export const contextMedia: Source = {
  name: 'CONTEXT block device',
  priority: 10,
  kinds: ['cdrom', 'block'],
  read: readContextMedia,
  watch: { signature: mediaSignature },
};

async function readContextMedia(ctx: SourceContext): Promise<ContextFiles | undefined> {
  const device = await findContextDevice(ctx);
  if (!device) return undefined;
  const read = await readWithIsoReader(device.path, ctx);
  // Mounting helps only with an image the reader does not understand, not with a device we may not open.
  const files = read === 'not-iso' ? await readByMounting(device.path, ctx) : read;
  if (files?.contextSh === undefined) {
    ctx.log.debug(`context: no context.sh readable on ${device.path}`);
    return undefined;
  }
  return { kind: device.kind, origin: device.path, ...files };
}

type Files = { contextSh?: string; tokenTxt?: string };

async function readWithIsoReader(device: string, ctx: SourceContext): Promise<Files | 'not-iso' | undefined> {
  try {
    const files = await withReadAt(device, (read) => readIsoFiles(read, ['context.sh', 'token.txt']));
    return { contextSh: files.get('context.sh')?.toString('utf8'), tokenTxt: files.get('token.txt')?.toString('utf8') };
  } catch (err) {
    if (err instanceof IsoError) {
      ctx.log.debug(`context: reading ${device} as ISO 9660 failed (${err.message}); trying a read-only mount`);
      return 'not-iso';
    }
    if (!isAbsent(err)) throw err;
    ctx.log.debug(`context: cannot read ${device}: ${(err as NodeJS.ErrnoException).code}`);
    return undefined;
  }
}

async function mediaSignature(ctx: SourceContext, last: ContextFiles | undefined): Promise<string[]> {
  // A newly attached disk (Firecracker, no udev) shows up here before any label is read.
  const blockDir = ctx.path('/sys/class/block');
  const parts = [`${blockDir}:${(await fs.readdir(blockDir).catch(() => [])).join(',')}`];
  const link = ctx.path(`/dev/disk/by-label/${LABEL}`);
  parts.push(`${link}->${await fs.readlink(link).catch(() => '')}`);
  const devices = new Set([link]);
  if (last) devices.add(last.origin);
  for (const device of devices) parts.push(`${device}#${await descriptorHash(device)}`);
  return parts;
}

async function descriptorHash(device: string): Promise<string> {
  try {
    const pvd = await withReadAt(device, (read) => read(16 * 2048, 2048));
    // node:crypto only here, on the watcher's path: `onegate` discovers without it.
    return process.getBuiltinModule('node:crypto').createHash('sha256').update(pvd).digest('hex').slice(0, 16);
  } catch (err) {
    if (isAbsent(err)) return 'absent';
    throw err;
  }
}
