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
        reject(new OneGateError('ONEGATE_BAD_RESPONSE', `response body exceeds ${maxBytes} bytes`));
        stream.destroy();
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
    // A body cut off by the server ends in 'close' without 'end' (after 'end', reject is a no-op).
    stream.on('close', () => reject(Object.assign(new Error('response cut off'), { code: 'ECONNRESET' })));
  });
}
