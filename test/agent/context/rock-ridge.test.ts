import { describe, expect, it } from 'vitest';
import { readRockRidgeName, readSuspSkip } from '../../../agent/context/rock-ridge';

function entry(sig: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(sig, 'latin1'), Buffer.from([4 + data.length, 1]), data]);
}
const nm = (flags: number, name: string): Buffer => entry('NM', Buffer.concat([Buffer.from([flags]), Buffer.from(name)]));
function ce(block: number, offset: number, length: number): Buffer {
  const data = Buffer.alloc(24);
  data.writeUInt32LE(block, 0);
  data.writeUInt32BE(block, 4);
  data.writeUInt32LE(offset, 8);
  data.writeUInt32BE(offset, 12);
  data.writeUInt32LE(length, 16);
  data.writeUInt32BE(length, 20);
  return entry('CE', data);
}

describe('Rock Ridge names', () => {
  it('joins NM parts across a continuation area', async () => {
    const continuation = Buffer.concat([nm(0, '-end.txt'), entry('ST', Buffer.alloc(0))]);
    const image = Buffer.alloc(3 * 2048);
    continuation.copy(image, 2 * 2048 + 100);
    const read = async (offset: number, length: number): Promise<Buffer> => image.subarray(offset, offset + length);
    const systemUse = Buffer.concat([nm(1, 'a-long'), nm(1, '-name'), ce(2, 100, continuation.length)]);
    expect(await readRockRidgeName(systemUse, 0, read, 2048)).toBe('a-long-name-end.txt');
  });
  it('honours the SUSP skip length and ignores "." and ".." NM entries', async () => {
    const read = async (): Promise<Buffer> => Buffer.alloc(0);
    expect(await readRockRidgeName(Buffer.concat([Buffer.from('xx'), nm(0, 'name')]), 2, read, 2048)).toBe('name');
    expect(await readRockRidgeName(nm(2, ''), 0, read, 2048)).toBeUndefined();
  });
  it('an SP entry gives the skip length; anything else means no SUSP', () => {
    expect(readSuspSkip(entry('SP', Buffer.from([0xbe, 0xef, 3])))).toBe(3);
    expect(readSuspSkip(entry('PX', Buffer.alloc(8)))).toBeUndefined();
  });
  it('a continuation area past the end of the image is an error', async () => {
    const read = async (): Promise<Buffer> => Buffer.alloc(0);
    await expect(readRockRidgeName(ce(99, 0, 50), 0, read, 2048)).rejects.toThrow(/truncated/);
  });
});
