// How the body of a response is delimited (RFC 9112 §6.3), decided from its head alone.

import { printable } from '../../printable';
import type { ResponseHead } from './head-reader';
import { MalformedResponseError, ResponseTooLargeError } from './response-errors';

/** No body, a Content-Length body, a chunked body, or a body that ends with the connection. */
export type Framing = { kind: 'none' } | { kind: 'length'; length: number } | { kind: 'chunked' } | { kind: 'close' };

/**
 * The framing of a response to `method` with `head`. Throws MalformedResponseError for framing a recipient cannot
 * trust (both Transfer-Encoding and Content-Length, or Content-Length twice: smuggling vectors; a Content-Length
 * that is not one decimal number), ResponseTooLargeError for a length over `maxBody`.
 */
export function framingOf(method: string, head: ResponseHead, maxBody: number): Framing {
  const { status, headers } = head;
  if (method === 'HEAD' || status === 204 || status === 304) return { kind: 'none' };
  if (method === 'CONNECT' && status < 300) return { kind: 'none' };
  const te = headers['transfer-encoding'];
  const cl = headers['content-length'];
  if (te !== undefined && cl !== undefined) throw new MalformedResponseError('both Transfer-Encoding and Content-Length');
  // As llhttp: a repeated Content-Length is refused even when the values agree.
  if (head.names.indexOf('content-length') !== head.names.lastIndexOf('content-length')) {
    throw new MalformedResponseError('Content-Length given twice');
  }
  if (te !== undefined) {
    // Chunked must be the last coding; any other transfer coding is read to the end of the connection.
    const codings = te.toLowerCase().split(',');
    return codings[codings.length - 1]!.trim() === 'chunked' ? { kind: 'chunked' } : { kind: 'close' };
  }
  if (cl === undefined) return { kind: 'close' };
  if (!/^\d{1,15}$/.test(cl)) throw new MalformedResponseError(`invalid Content-Length "${printable(cl)}"`);
  const length = Number(cl);
  if (length > maxBody) throw new ResponseTooLargeError(`response body of ${length} bytes exceeds ${maxBody} bytes`);
  return { kind: 'length', length };
}
