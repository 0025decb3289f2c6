// An incremental HTTP/1.x response parser for the wire transport. Pure: bytes in, a response out, no I/O.
// It reads what a OneGate server, a reverse proxy or a CONNECT proxy answers: a status line, headers, and a
// body framed by Content-Length, chunked transfer coding or the end of the connection (RFC 9112 §6.3).
import { GrowingBuffer } from './growing-buffer';

/** A response head: the status line and the headers. */
export interface ResponseHead {
  /** Status code, 100..599. */
  status: number;
  /** Reason phrase, possibly empty. */
  reason: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

/** A complete response. */
export interface ParsedResponse extends ResponseHead {
  /** The body bytes, de-chunked. */
  body: Buffer;
  /** True when the connection may carry another request (framed body, keep-alive, nothing left over). */
  reusable: boolean;
}

/** Bytes that are not a well-formed HTTP/1.x response. */
export class MalformedResponseError extends Error {
  readonly code = 'ERR_MALFORMED_RESPONSE';
}

/** A body larger than the parser was allowed to keep. */
export class ResponseTooLargeError extends Error {
  readonly code = 'ERR_RESPONSE_TOO_LARGE';
}

/** The connection ended before the response was complete. */
export class ResponseCutOffError extends Error {
  // ECONNRESET, so that it counts as a transient connection failure like any other cut-off connection.
  readonly code = 'ECONNRESET';
}

/** Options of {@link ResponseParser}. */
export interface ParserOptions {
  /** The request method: HEAD answers carry no body; a 2xx to CONNECT ends at the head (the tunnel follows). */
  method: string;
  /** Largest body accepted, bytes. */
  maxBodyBytes: number;
  /** Largest head accepted, bytes; default 64 KiB. */
  maxHeadBytes?: number;
}

type Framing = { kind: 'none' } | { kind: 'length'; left: number } | { kind: 'chunked' } | { kind: 'close' };

const STATUS_LINE = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CRLF = Buffer.from('\r\n');

/** Feed it the bytes of one response as they arrive; it returns the response when the last byte is in. */
export class ResponseParser {
  readonly #method: string;
  readonly #maxBody: number;
  readonly #maxHead: number;
  #pending: Buffer = Buffer.alloc(0);
  #head: (ResponseHead & { keepAlive: boolean }) | undefined;
  #framing: Framing = { kind: 'none' };
  // Within a chunked body: reading a size line, the data of a chunk (bytes left), its CRLF, or the trailers.
  #chunk: { state: 'size' } | { state: 'data'; left: number } | { state: 'crlf' } | { state: 'trailers' } = { state: 'size' };
  #body: GrowingBuffer | undefined;
  // Bytes of a chunked body as sent (sizes, extensions, CRLFs and data), held to the same cap as its payload.
  #chunkedWire = 0;
  #done: ParsedResponse | undefined;

  constructor(options: ParserOptions) {
    this.#method = options.method.toUpperCase();
    this.#maxBody = options.maxBodyBytes;
    this.#maxHead = options.maxHeadBytes ?? 64 * 1024;
  }

  /** True once any byte arrived. */
  get started(): boolean {
    return this.#head !== undefined || this.#pending.length > 0 || this.#done !== undefined;
  }

  /** Adds bytes; returns the response once complete. Throws MalformedResponseError or ResponseTooLargeError. */
  push(chunk: Buffer): ParsedResponse | undefined {
    if (this.#done) {
      // Bytes after a complete response (we never pipeline): the connection cannot be trusted again.
      if (chunk.length > 0) this.#done.reusable = false;
      return this.#done;
    }
    this.#pending = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    while (!this.#done) {
      const progressed = this.#head ? this.#readBody() : this.#readHead();
      if (!progressed) break;
    }
    return this.#done;
  }

  /** The connection ended: returns the response if the end completes it, else throws ResponseCutOffError. */
  end(): ParsedResponse {
    if (this.#done) return this.#done;
    if (this.#head && this.#framing.kind === 'close') return this.#finish(false);
    throw new ResponseCutOffError(
      this.#head
        ? 'the connection closed in the middle of the response body'
        : this.#pending.length > 0
          ? 'the connection closed in the middle of the response head'
          : 'the connection closed without a response',
    );
  }

  #readHead(): boolean {
    const end = this.#pending.indexOf('\r\n\r\n');
    // On every read, whether or not the blank line is in it.
    if ((end < 0 ? this.#pending.length : end + 4) > this.#maxHead) {
      throw new MalformedResponseError(`response head larger than ${this.#maxHead} bytes`);
    }
    if (end < 0) return false;
    const lines = this.#pending.subarray(0, end).toString('latin1').split('\r\n');
    this.#pending = this.#pending.subarray(end + 4);
    const m = STATUS_LINE.exec(lines[0]!);
    if (!m) throw new MalformedResponseError(`not an HTTP/1.x status line: "${printable(lines[0]!)}"`);
    const status = Number(m[2]);
    if (status < 100) throw new MalformedResponseError(`status ${m[2]} out of range`);
    const headers = parseHeaders(lines.slice(1));
    // 1xx heads (100 Continue, 103 Early Hints) precede the real one; 101 would switch protocols, never asked for.
    if (status < 200 && status !== 101) return true;
    if (status === 101) throw new MalformedResponseError('101 Switching Protocols was not asked for');
    const connection = (headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((t) => t.trim());
    const keepAlive = m[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
    this.#head = { status, reason: m[3] ?? '', headers, keepAlive };
    this.#framing = this.#framingOf(status, headers);
    const expected = this.#framing.kind === 'length' ? this.#framing.left : 16 * 1024;
    this.#body = new GrowingBuffer(this.#maxBody, Math.min(expected, 64 * 1024));
    return true;
  }

  #framingOf(status: number, headers: Record<string, string>): Framing {
    if (this.#method === 'HEAD' || status === 204 || status === 304) return { kind: 'none' };
    if (this.#method === 'CONNECT' && status < 300) return { kind: 'none' };
    const te = headers['transfer-encoding'];
    if (te !== undefined) {
      // Chunked must be the last coding; any other transfer coding is read to the end of the connection.
      const codings = te
        .toLowerCase()
        .split(',')
        .map((c) => c.trim());
      return codings[codings.length - 1] === 'chunked' ? { kind: 'chunked' } : { kind: 'close' };
    }
    const cl = headers['content-length'];
    if (cl === undefined) return { kind: 'close' };
    const values = new Set(cl.split(',').map((v) => v.trim()));
    const [value] = [...values];
    if (values.size !== 1 || !/^\d{1,15}$/.test(value!)) throw new MalformedResponseError(`invalid Content-Length "${printable(cl)}"`);
    const length = Number(value);
    if (length > this.#maxBody) throw new ResponseTooLargeError(`response body of ${length} bytes exceeds ${this.#maxBody} bytes`);
    return { kind: 'length', left: length };
  }

  #readBody(): boolean {
    const framing = this.#framing;
    switch (framing.kind) {
      case 'none':
        this.#finish(true);
        return true;
      case 'length': {
        const take = Math.min(framing.left, this.#pending.length);
        this.#append(this.#pending.subarray(0, take));
        this.#pending = this.#pending.subarray(take);
        framing.left -= take;
        if (framing.left === 0) this.#finish(true);
        return framing.left === 0;
      }
      case 'close':
        this.#append(this.#pending);
        this.#pending = Buffer.alloc(0);
        return false;
      case 'chunked':
        return this.#readChunked();
    }
  }

  #readChunked(): boolean {
    const before = this.#pending.length;
    const progressed = this.#readChunkPart();
    this.#chunkedWire += before - this.#pending.length;
    if (this.#chunkedWire > this.#maxBody) {
      throw new ResponseTooLargeError(`chunked response body exceeds ${this.#maxBody} bytes (chunk framing included)`);
    }
    return progressed;
  }

  #readChunkPart(): boolean {
    const chunk = this.#chunk;
    if (chunk.state === 'data') {
      const take = Math.min(chunk.left, this.#pending.length);
      this.#append(this.#pending.subarray(0, take));
      this.#pending = this.#pending.subarray(take);
      chunk.left -= take;
      if (chunk.left > 0) return false;
      this.#chunk = { state: 'crlf' };
      return true;
    }
    const eol = this.#pending.indexOf(CRLF);
    if (eol < 0) {
      if (this.#pending.length > this.#maxHead) throw new MalformedResponseError('chunk size line or trailer too long');
      return false;
    }
    const line = this.#pending.subarray(0, eol).toString('latin1');
    this.#pending = this.#pending.subarray(eol + 2);
    if (chunk.state === 'crlf') {
      if (line !== '') throw new MalformedResponseError('chunk data longer than its size');
      this.#chunk = { state: 'size' };
    } else if (chunk.state === 'trailers') {
      if (line === '') this.#finish(true);
    } else {
      const m = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(line);
      if (!m) throw new MalformedResponseError(`invalid chunk size line "${printable(line)}"`);
      const size = Number.parseInt(m[1]!, 16);
      if (this.#body!.length + size > this.#maxBody) throw new ResponseTooLargeError(`response body exceeds ${this.#maxBody} bytes`);
      this.#chunk = size === 0 ? { state: 'trailers' } : { state: 'data', left: size };
    }
    return true;
  }

  #append(bytes: Buffer): void {
    if (!this.#body!.append(bytes)) throw new ResponseTooLargeError(`response body exceeds ${this.#maxBody} bytes`);
  }

  #finish(framed: boolean): ParsedResponse {
    const { keepAlive, ...head } = this.#head!;
    const body = this.#body?.view() ?? Buffer.alloc(0);
    this.#done = { ...head, body, reusable: framed && keepAlive && this.#pending.length === 0 };
    return this.#done;
  }
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    // Folded continuation lines are obsolete (RFC 9112 §5.2) and a classic smuggling vector: refused.
    if (line.startsWith(' ') || line.startsWith('\t')) throw new MalformedResponseError('folded header line');
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon) : '';
    if (!TOKEN.test(name)) throw new MalformedResponseError(`invalid header line "${printable(line)}"`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
  }
  return headers;
}

/** At most 80 characters of `text` with control characters escaped, for messages. */
function printable(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return shown.replace(/[\u0000-\u001f\u007f-\u00ff]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
