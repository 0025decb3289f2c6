// Rock Ridge names from the System Use Sharing Protocol (SUSP) area of directory records.
import { IsoError } from './errors';
import type { ReadAt } from './read-at';

const MAX_CONTINUATIONS = 16;

/** The SUSP skip length from the root's "." record ("SP" entry), or undefined when there is no SUSP. */
export function readSuspSkip(systemUse: Buffer): number | undefined {
  if (systemUse.length >= 7 && systemUse.toString('latin1', 0, 2) === 'SP' && systemUse[4] === 0xbe && systemUse[5] === 0xef) {
    return systemUse[6];
  }
  return undefined;
}

/** The "NM" alternate name of a record (joining CONTINUE parts, following "CE" areas), if any. */
export async function readRockRidgeName(systemUse: Buffer, skip: number, read: ReadAt, blockSize: number): Promise<string | undefined> {
  const parts: Buffer[] = [];
  let area: Buffer | undefined = systemUse.subarray(skip);
  for (let hops = 0; area && hops <= MAX_CONTINUATIONS; hops++) {
    let next: { block: number; offset: number; length: number } | undefined;
    for (let pos = 0; pos + 4 <= area.length; ) {
      const sig = area.toString('latin1', pos, pos + 2);
      const len = area[pos + 2];
      if (len < 4 || pos + len > area.length || sig === 'ST') break;
      const entry = area.subarray(pos, pos + len);
      if (sig === 'NM' && len >= 5 && (entry[4] & 6) === 0) parts.push(entry.subarray(5));
      if (sig === 'CE' && len >= 28)
        next = { block: entry.readUInt32LE(4), offset: entry.readUInt32LE(12), length: entry.readUInt32LE(20) };
      pos += len;
    }
    area = next ? await readContinuation(read, blockSize, next) : undefined;
  }
  return parts.length > 0 ? Buffer.concat(parts).toString('utf8') : undefined;
}

async function readContinuation(read: ReadAt, blockSize: number, ce: { block: number; offset: number; length: number }): Promise<Buffer> {
  if (ce.length > 64 * 1024) throw new IsoError(`Rock Ridge continuation of ${ce.length} bytes`);
  const data = await read(ce.block * blockSize + ce.offset, ce.length);
  if (data.length !== ce.length) throw new IsoError('Rock Ridge continuation area is truncated');
  return data;
}
