// The CONTEXT media (cd-rom or virtio disk): read with the ISO 9660 reader, else through a read-only mount.

import { findContextDevice } from '../block-devices';
import { IsoError } from '../errors';
import { readIsoFiles } from '../iso9660';
import { withReadAt } from '../read-at';
import type { ContextFiles, SourceOptions } from '../types';
import { isAbsent } from './files';
import { readByMounting } from './mount';

/** Files of the CONTEXT device, or undefined when there is none or it cannot be read. */
export async function readContextMedia(o: SourceOptions): Promise<ContextFiles | undefined> {
  const device = await findContextDevice(o);
  if (!device) return undefined;
  const read = await readWithIsoReader(device.path, o);
  // Mounting helps only with an image the reader does not understand, not with a device we may not open.
  const files = read === 'not-iso' ? await readByMounting(device.path, o) : read;
  if (files?.contextSh === undefined) {
    o.log.debug(`context: no context.sh readable on ${device.path}`);
    return undefined;
  }
  return { kind: device.kind, origin: device.path, ...files };
}

type Files = { contextSh?: string; tokenTxt?: string };

async function readWithIsoReader(device: string, o: SourceOptions): Promise<Files | 'not-iso' | undefined> {
  try {
    const files = await withReadAt(device, (read) => readIsoFiles(read, ['context.sh', 'token.txt']));
    return { contextSh: files.get('context.sh')?.toString('utf8'), tokenTxt: files.get('token.txt')?.toString('utf8') };
  } catch (err) {
    if (err instanceof IsoError) {
      o.log.debug(`context: reading ${device} as ISO 9660 failed (${err.message}); trying a read-only mount`);
      return 'not-iso';
    }
    if (!isAbsent(err)) throw err;
    o.log.debug(`context: cannot read ${device}: ${(err as NodeJS.ErrnoException).code}`);
    return undefined;
  }
}
