// Response helpers shared by both transports: a bounded body reader (a misbehaving server cannot exhaust the
// guest's memory) and header flattening.
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

/** Response headers with lower-case names; repeated headers joined with ", ". */
export function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
