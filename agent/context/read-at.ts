// Positioned reads on a block device or an image file, for the ISO 9660 reader.
import * as fs from './fs-async';

/** Reads `length` bytes at `offset`; returns fewer only at the end of the medium. */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

/** Opens `file` read-only and runs `use` with a ReadAt on it; the file is always closed. */
export async function withReadAt<T>(file: string, use: (read: ReadAt) => Promise<T>): Promise<T> {
  const fd = await fs.openRead(file);
  try {
    return await use(async (offset, length) => {
      const buf = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const bytesRead = await fs.read(fd, buf, filled, length - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buf.subarray(0, filled);
    });
  } finally {
    await fs.close(fd);
  }
}
