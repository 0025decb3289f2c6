// Reads a response body with a size bound, so a misbehaving server cannot exhaust the guest's memory.
import type { Readable } from 'node:stream';
import { OneGateError } from '../errors';

/** Reads `stream` to the end as UTF-8; rejects with ONEGATE_BAD_RESPONSE past `maxBytes`. */
export function readBody(stream: Readable, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        reject(new OneGateError('ONEGATE_BAD_RESPONSE', `response body exceeds ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
    stream.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
  });
}
