// The head of a response (status line and header fields, RFC 9112 §2-§5), judged byte by byte as it arrives,
// as llhttp does: a byte that cannot stand where it is fails at once, so a server that answers in another
// protocol, ends lines with a bare LF or puts NUL, CR or DEL in a field (RFC 9110 §5.5) never waits for the
// timeout. Bytes are kept in one bounded buffer; the lines are split only once the blank line is in.

import { printable } from '../../printable';
import { GrowingBuffer } from './growing-buffer';
import { byteName, CR, HTAB, isFieldByte, isTokenByte, LF, SP } from './http-bytes';
import { MalformedResponseError } from './response-errors';
import { MIN_STATUS_LINE, readStatusLine, statusLineFault } from './status-line';

/** A response head: the status line and the headers. */
export interface ResponseHead {
  /** HTTP/1.0 or HTTP/1.1: 0 or 1. */
  minor: number;
  /** Status code, 100..999. */
  status: number;
  /** Reason phrase, possibly empty. */
  reason: string;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Names of the header fields, lower-cased, in order and with repeats (framing refuses some repeats). */
  names: string[];
}

type State = 'status' | 'status-cr' | 'line-start' | 'name' | 'value' | 'value-cr' | 'end-cr' | 'done';

const COLON = 0x3a;
/** More header lines than any OneGate server or proxy sends; each costs an entry, so they are bounded too. */
export const MAX_HEADER_LINES = 256;

/** Reads one head; `push` returns the offset just past it once the blank line is in. */
export class HeadReader {
  readonly #bytes: GrowingBuffer;
  readonly #max: number;
  readonly #limitText: string;
  #state: State = 'status';
  #lineStart = 0;
  #lines = 0;

  /**
   * At most `maxBytes` bytes of head; `limitText` is how a head too large is described. With `fieldsOnly`, there
   * is no status line: the trailer section of a chunked body.
   */
  constructor(maxBytes: number, limitText: string, fieldsOnly = false) {
    if (fieldsOnly) this.#state = 'line-start';
    this.#max = maxBytes;
    this.#limitText = limitText;
    this.#bytes = new GrowingBuffer(maxBytes, Math.min(maxBytes, 1024));
  }

  /** Bytes of head read so far. */
  get length(): number {
    return this.#bytes.length;
  }

  /** Reads `chunk` from `start`; the offset past the head when it is complete, else -1 (all of it was head). */
  push(chunk: Buffer, start: number): number {
    const base = this.#bytes.length - start;
    for (let i = start; i < chunk.length; i++) {
      const at = base + i;
      if (at >= this.#max) throw new MalformedResponseError(this.#limitText);
      const b = chunk[i]!;
      const fault = this.#judge(b, at);
      if (fault !== undefined) {
        this.#bytes.append(chunk, start, i);
        throw this.#fault(fault, at);
      }
      if (this.#state === 'done') {
        this.#bytes.append(chunk, start, i + 1);
        return i + 1;
      }
    }
    this.#bytes.append(chunk, start, chunk.length);
    return -1;
  }

  /** The head read (valid once `push` returned an offset). */
  head(): ResponseHead {
    const text = this.#bytes.view().toString('latin1');
    const lines = text.slice(0, -4).split('\r\n');
    const status = readStatusLine(lines[0]!);
    const headers: Record<string, string> = {};
    const names: string[] = [];
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      const key = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
      names.push(key);
      headers[key] = key in headers ? `${headers[key]}, ${value}` : value;
    }
    return { ...status, headers, names };
  }

  // Why byte `b` at offset `at` of the head cannot stand there, or undefined (then the state moves on).
  #judge(b: number, at: number): string | undefined {
    switch (this.#state) {
      case 'status':
        if (b === CR) return at < MIN_STATUS_LINE ? 'the status line is too short' : this.#to('status-cr');
        if (b === LF) return 'the status line ends with LF without CR';
        return statusLineFault(b, at);
      case 'status-cr':
      case 'value-cr':
        if (b !== LF) return `CR not followed by LF (${byteName(b)} instead)`;
        return this.#startLine(at + 1);
      case 'line-start':
        if (b === CR) return this.#to('end-cr');
        if (b === SP || b === HTAB) return 'a header line starts with whitespace (obsolete line folding)';
        if (!isTokenByte(b)) return `${byteText(b)} at the start of a header line`;
        return this.#to('name');
      case 'name':
        if (b === COLON) return this.#to('value');
        return isTokenByte(b) ? undefined : `${byteText(b)} in a header name`;
      case 'value':
        if (b === CR) return this.#to('value-cr');
        return isFieldByte(b) ? undefined : `${byteText(b)} in a header value`;
      case 'end-cr':
        if (b !== LF) return `CR not followed by LF (${byteName(b)} instead)`;
        return this.#to('done');
      case 'done':
        return 'bytes after the end of the head';
    }
  }

  #to(state: State): undefined {
    this.#state = state;
    return undefined;
  }

  #startLine(at: number): string | undefined {
    if (++this.#lines > MAX_HEADER_LINES) return `more than ${MAX_HEADER_LINES} header lines`;
    this.#lineStart = at;
    return this.#to('line-start');
  }

  // The line so far, escaped, shows the place.
  #fault(why: string, at: number): MalformedResponseError {
    const line = this.#bytes.view().subarray(this.#lineStart, at).toString('latin1');
    const where = this.#state === 'status' || this.#state === 'status-cr' ? 'status line' : 'header line';
    return new MalformedResponseError(line === '' ? why : `${why} (${where} "${printable(line)}")`);
  }
}

function byteText(b: number): string {
  if (b === LF) return 'LF without CR';
  return b === SP || b === HTAB ? 'whitespace' : `byte ${byteName(b)}`;
}
