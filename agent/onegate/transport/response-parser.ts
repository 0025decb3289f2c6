// An incremental HTTP/1.x response parser for the wire transport. Pure: bytes in, a response out, no I/O.
// It reads what a OneGate server, a reverse proxy or a CONNECT proxy answers: a status line, headers, and a
// body framed by Content-Length, chunked transfer coding or the end of the connection (RFC 9112 §6.3).
// Every byte of a head and of chunk framing is judged as it arrives (head-reader.ts, chunk-size-line.ts).
import { ChunkSizeLine } from './chunk-size-line';
import { type Framing, framingOf } from './framing';
import { GrowingBuffer } from './growing-buffer';
import { HeadReader, type ResponseHead } from './head-reader';
import { byteName, CR, LF } from './http-bytes';
import { MalformedResponseError, ResponseCutOffError, ResponseTooLargeError } from './response-errors';

export { MalformedResponseError, ResponseCutOffError, ResponseTooLargeError } from './response-errors';

/** A complete response. */
export interface ParsedResponse {
  /** Status code, 200..999 (interim 1xx heads are skipped). */
  status: number;
  /** Reason phrase, possibly empty. */
  reason: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body bytes, de-chunked. */
  body: Buffer;
  /** True when the connection may carry another request (framed body, keep-alive, nothing left over). */
  reusable: boolean;
}

/** Options of {@link ResponseParser}. */
export interface ParserOptions {
  /** The request method: HEAD answers carry no body; a 2xx to CONNECT ends at the head (the tunnel follows). */
  method: string;
  /** Largest body accepted, bytes. */
  maxBodyBytes: number;
  /** Largest head accepted (interim 1xx heads included), bytes; default 64 KiB. */
  maxHeadBytes?: number;
}

// Within a chunked body: a size line (and its LF), the data of a chunk, the CRLF after it, or the trailers.
type Chunked =
  | { at: 'size'; line: ChunkSizeLine }
  | { at: 'size-lf'; size: number }
  | { at: 'data'; left: number }
  | { at: 'data-cr' }
  | { at: 'data-lf' }
  | { at: 'trailers'; reader: HeadReader };

/** Feed it the bytes of one response as they arrive; it returns the response when the last byte is in. */
export class ResponseParser {
  readonly #method: string;
  readonly #maxBody: number;
  readonly #maxHead: number;
  #reader: HeadReader;
  #headBytes = 0;
  // A CR of an empty line before a status line was read; its LF must follow.
  #blankCr = false;
  #head: (ResponseHead & { keepAlive: boolean }) | undefined;
  #framing: Framing = { kind: 'none' };
  #chunked: Chunked = { at: 'size', line: new ChunkSizeLine() };
  #body: GrowingBuffer | undefined;
  // Bytes of a chunked body as sent (sizes, extensions, CRLFs and data), held to the same cap as its payload.
  #chunkedWire = 0;
  #done: ParsedResponse | undefined;

  constructor(options: ParserOptions) {
    this.#method = options.method.toUpperCase();
    this.#maxBody = options.maxBodyBytes;
    this.#maxHead = options.maxHeadBytes ?? 64 * 1024;
    this.#reader = this.#newHead();
  }

  /** Adds bytes; returns the response once complete. Throws MalformedResponseError or ResponseTooLargeError. */
  push(chunk: Buffer): ParsedResponse | undefined {
    if (this.#done) {
      // Bytes after a complete response (we never pipeline): the connection cannot be trusted again.
      if (chunk.length > 0) this.#done.reusable = false;
      return this.#done;
    }
    let at = 0;
    while (at < chunk.length && !this.#done) at = this.#head ? this.#readBody(chunk, at) : this.#readHead(chunk, at);
    const done = this.#done as ParsedResponse | undefined;
    if (done && at < chunk.length) done.reusable = false;
    return done;
  }

  /** The connection ended: returns the response if the end completes it, else throws ResponseCutOffError. */
  end(): ParsedResponse {
    if (this.#done) return this.#done;
    if (this.#head && this.#framing.kind === 'close') return this.#finish(false);
    throw this.interrupted('closed');
  }

  /** The error for a response that stopped where it is: the server `how` the connection (closed, or reset). */
  interrupted(how: 'closed' | 'reset', cause?: unknown): ResponseCutOffError {
    const received = this.#headBytes + this.#reader.length;
    const server = `the server ${how} the connection`;
    if (!this.#head) {
      const message =
        received === 0 ? `${server} without answering` : `${server} in the middle of the response head after ${received} bytes`;
      return new ResponseCutOffError(message, received > 0, { cause });
    }
    const got = this.#body!.length;
    const of = this.#framing.kind === 'length' ? ` of ${this.#framing.length}` : '';
    return new ResponseCutOffError(`${server} in the middle of the response body after ${got}${of} bytes`, true, { cause });
  }

  #skipBlank(chunk: Buffer, from: number): number {
    const b = chunk[from]!;
    if (this.#blankCr && b !== LF)
      throw new MalformedResponseError(`CR not followed by LF (${byteName(b)} instead) before the status line`);
    this.#blankCr = !this.#blankCr;
    if (++this.#headBytes >= this.#maxHead) throw new MalformedResponseError(`response head larger than ${this.#maxHead} bytes`);
    if (!this.#blankCr) this.#reader = this.#newHead();
    return from + 1;
  }

  #newHead(): HeadReader {
    const left = this.#maxHead - this.#headBytes;
    return new HeadReader(left, `response head larger than ${this.#maxHead} bytes`);
  }

  #readHead(chunk: Buffer, from: number): number {
    // Empty lines before a status line are skipped, as llhttp does (one often follows a 100 Continue).
    if (this.#reader.length === 0 && (chunk[from] === CR || this.#blankCr)) return this.#skipBlank(chunk, from);
    const end = this.#reader.push(chunk, from);
    if (end < 0) return chunk.length;
    const head = this.#reader.head();
    this.#headBytes += this.#reader.length;
    // 1xx heads (100 Continue, 103 Early Hints) precede the real one; 101 would switch protocols, never asked for.
    if (head.status === 101) throw new MalformedResponseError('101 Switching Protocols was not asked for');
    if (head.status < 200) {
      this.#reader = this.#newHead();
      return end;
    }
    const connection = (head.headers.connection ?? '')
      .toLowerCase()
      .split(',')
      .map((t) => t.trim());
    const keepAlive = head.minor === 1 ? !connection.includes('close') : connection.includes('keep-alive');
    this.#head = { ...head, keepAlive };
    this.#framing = framingOf(this.#method, head, this.#maxBody);
    // A known length gets its one block at once (pages are touched only as bytes arrive); else blocks of 16 KiB up.
    const expected = this.#framing.kind === 'length' ? this.#framing.length : 16 * 1024;
    this.#body = new GrowingBuffer(this.#maxBody, expected);
    // Complete with its head: no bytes need come after it.
    if (this.#framing.kind === 'none' || expected === 0) this.#finish(true);
    return end;
  }

  #readBody(chunk: Buffer, from: number): number {
    const framing = this.#framing;
    switch (framing.kind) {
      case 'none': // finished with the head
        return from;
      case 'length': {
        const take = Math.min(framing.length - this.#body!.length, chunk.length - from);
        this.#append(chunk, from, from + take);
        if (this.#body!.length === framing.length) this.#finish(true);
        return from + take;
      }
      case 'close':
        this.#append(chunk, from, chunk.length);
        return chunk.length;
      case 'chunked': {
        const next = this.#readChunked(chunk, from);
        this.#chunkedWire += next - from;
        if (this.#chunkedWire > this.#maxBody) {
          throw new ResponseTooLargeError(`chunked response body exceeds ${this.#maxBody} bytes (chunk framing included)`);
        }
        return next;
      }
    }
  }

  // One step of a chunked body from `from`; returns the offset after what it consumed.
  #readChunked(chunk: Buffer, from: number): number {
    const state = this.#chunked;
    if (state.at === 'data') {
      const take = Math.min(state.left, chunk.length - from);
      this.#append(chunk, from, from + take);
      state.left -= take;
      if (state.left === 0) this.#chunked = { at: 'data-cr' };
      return from + take;
    }
    if (state.at === 'trailers') {
      const end = state.reader.push(chunk, from);
      if (end < 0) return chunk.length;
      this.#finish(true);
      return end;
    }
    const b = chunk[from]!;
    switch (state.at) {
      case 'size':
        this.#sizeByte(state.line, b);
        break;
      case 'size-lf':
        if (b !== LF) throw new MalformedResponseError(`CR not followed by LF (${byteName(b)} instead) in a chunk size line`);
        this.#chunked = state.size === 0 ? { at: 'trailers', reader: this.#trailers() } : { at: 'data', left: state.size };
        break;
      case 'data-cr':
        if (b !== CR) throw new MalformedResponseError('chunk data longer than its size');
        this.#chunked = { at: 'data-lf' };
        break;
      case 'data-lf':
        if (b !== LF) throw new MalformedResponseError('chunk data longer than its size');
        this.#chunked = { at: 'size', line: new ChunkSizeLine() };
        break;
    }
    return from + 1;
  }

  #sizeByte(line: ChunkSizeLine, b: number): void {
    if (b === CR) {
      if (!line.complete()) throw new MalformedResponseError('a chunk size line ends too early');
      this.#chunked = { at: 'size-lf', size: line.size };
      return;
    }
    if (b === LF) throw new MalformedResponseError('a chunk size line ends with LF without CR');
    if (!line.push(b)) throw new MalformedResponseError(`invalid chunk size line: byte ${byteName(b)}`);
    // Known before the line ends: a chunk announced over the limit fails at its digits.
    if (this.#body!.length + line.size > this.#maxBody) throw new ResponseTooLargeError(`response body exceeds ${this.#maxBody} bytes`);
  }

  // Trailer fields are read as header lines (then dropped), under the head's limit.
  #trailers(): HeadReader {
    return new HeadReader(this.#maxHead, `response trailers larger than ${this.#maxHead} bytes`, true);
  }

  #append(chunk: Buffer, start: number, end: number): void {
    if (!this.#body!.append(chunk, start, end)) throw new ResponseTooLargeError(`response body exceeds ${this.#maxBody} bytes`);
  }

  #finish(framed: boolean): ParsedResponse {
    const { status, reason, headers, keepAlive } = this.#head!;
    const body = this.#body?.view() ?? Buffer.alloc(0);
    this.#done = { status, reason, headers, body, reusable: framed && keepAlive };
    return this.#done;
  }
}
