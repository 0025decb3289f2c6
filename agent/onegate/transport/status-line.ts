// The status line of an HTTP/1.x response (RFC 9112 §4), judged byte by byte so that an answer in another
// protocol fails at its first byte: an HTTP/2 frame, a TLS record (an https server asked in http), an
// HTTP/0.9 body or an SSH banner never waits for a CRLF or the timeout.
import { byteName, isDigit, isFieldByte, SP } from './http-bytes';

const PREFIX = 'HTTP/1.';
/** "HTTP/1.1 200": the shortest status line; a space and a reason phrase may follow. */
const CODE_END = 12;
/** Length of the shortest status line. */
export const MIN_STATUS_LINE = CODE_END;

/** Why byte `b` cannot stand at `column` of a status line, or undefined when it can. */
export function statusLineFault(b: number, column: number): string | undefined {
  if (column < PREFIX.length) {
    if (b === PREFIX.charCodeAt(column)) return undefined;
    if (column === 0 && b === 0x00) return 'the answer is binary (an HTTP/2 frame?), not HTTP/1.x';
    if (column === 0 && (b === 0x15 || b === 0x16)) return 'the answer is a TLS record: the endpoint speaks https, not http';
    if (column === 5) return 'the answer is not HTTP/1.x';
    return 'no HTTP/1.x status line (an HTTP/0.9 answer, or not HTTP at all)';
  }
  if (column === PREFIX.length) return b === 0x30 || b === 0x31 ? undefined : 'the answer is not HTTP/1.0 or HTTP/1.1';
  if (column === 8 || column === CODE_END) return b === SP ? undefined : 'malformed status line';
  if (column === 9) return b >= 0x31 && b <= 0x39 ? undefined : 'malformed status code';
  if (column < CODE_END) return isDigit(b) ? undefined : 'malformed status code';
  return isFieldByte(b) ? undefined : `control character ${byteName(b)} in the reason phrase`;
}

/** A complete status line. */
export interface StatusLine {
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minor: number;
  /** 100..999. */
  status: number;
  /** Possibly empty. */
  reason: string;
}

/** Reads a status line of at least {@link MIN_STATUS_LINE} bytes, every one of which passed {@link statusLineFault}. */
export function readStatusLine(line: string): StatusLine {
  const status = Number(line.slice(9, CODE_END));
  return { minor: Number(line[7]), status, reason: line.slice(CODE_END + 1) };
}
