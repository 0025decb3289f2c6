// The hostile-server cases: what the server does (a fixture under test/fixtures/hostile/ where it is data, a
// generator where it is endless) and what every program must say. `expect` is matched against the library's
// error message, and against the one error line of the CLI and of `onegate-agent once`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Behaviour, sendAndClose, sendAndHang, sendAndReset, stream } from './raw-server';

const FIXTURES = join(__dirname, '../fixtures/hostile');

/** One hostile server and its expectation. */
export interface HostileCase {
  /** Names the situation. */
  name: string;
  /** The server's behaviour. */
  behave: Behaviour;
  /** OneGateError code of the library's failure, or 'ok' for an answer that must be accepted. */
  code: string;
  /** What the message says (not used for 'ok'). */
  expect?: RegExp;
  /** The client's deadline ends it (the suite then sets a short one). */
  timesOut?: boolean;
  /** A well-framed 2xx whose body is wrong: a PUT /vm, whose answer is not read, succeeds. */
  bodyOnly?: boolean;
}

function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, `${name}.http`));
}

function closing(name: string, code: string, expect?: RegExp, bodyOnly?: boolean): HostileCase {
  return { name, behave: sendAndClose(fixture(name)), code, expect, bodyOnly };
}

const CHUNKED_HEAD = Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');

export const CASES: HostileCase[] = [
  closing('lf-only', 'ONEGATE_BAD_RESPONSE', /the status line ends with LF without CR/),
  closing('http09', 'ONEGATE_BAD_RESPONSE', /no HTTP\/1.x status line \(an HTTP\/0.9 answer/),
  closing('h2-settings', 'ONEGATE_BAD_RESPONSE', /binary \(an HTTP\/2 frame\?\)/),
  closing('tls-record', 'ONEGATE_BAD_RESPONSE', /TLS record: the endpoint speaks https/),
  closing('nul-in-header', 'ONEGATE_BAD_RESPONSE', /byte 0x00 in a header value \(header line "X-Trace: a"\)/),
  closing('bare-cr-in-header', 'ONEGATE_BAD_RESPONSE', /CR not followed by LF/),
  closing('duplicate-content-length', 'ONEGATE_BAD_RESPONSE', /Content-Length given twice/),
  closing('content-length-and-chunked', 'ONEGATE_BAD_RESPONSE', /both Transfer-Encoding and Content-Length/),
  closing('negative-length', 'ONEGATE_BAD_RESPONSE', /invalid Content-Length "-1"/),
  closing('hex-length', 'ONEGATE_BAD_RESPONSE', /invalid Content-Length "0x2"/),
  closing('chunk-size-garbage', 'ONEGATE_BAD_RESPONSE', /invalid chunk size line: byte 0x7a/),
  closing('chunk-extensions-trailers', 'ok'),
  closing('interim-1xx', 'ok'),
  closing('redirect', 'ONEGATE_HTTP_ERROR', /failed with HTTP 302/),
  closing('gzip-not-asked', 'ONEGATE_BAD_RESPONSE', /not JSON: "\\x1f/, true),
  closing('body-after-204', 'ONEGATE_BAD_RESPONSE', /answered 204 with a body that is not JSON/, true),
  closing('terminal-escapes-error', 'ONEGATE_SERVER_ERROR', /HTTP 500: \\x1b\[2J\\x1b\]0;owned\\x07\\u202eboom/),
  closing('terminal-escapes-not-json', 'ONEGATE_BAD_RESPONSE', /not JSON: "\\x1b\[31mred\\x1b\[0m"/, true),
  closing('many-headers', 'ONEGATE_BAD_RESPONSE', /more than 256 header lines/),
  closing('cut-mid-head', 'ONEGATE_UNREACHABLE', /closed the connection in the middle of the response head after 27 bytes/),
  closing('cut-mid-body', 'ONEGATE_UNREACHABLE', /closed the connection in the middle of the response body after 6 of 100 bytes/),
  // Issue 18 item 13: a reset is worded as what it interrupted, not as a bare "connection reset".
  {
    name: 'reset-mid-head (item 13)',
    behave: sendAndReset(fixture('cut-mid-head')),
    code: 'ONEGATE_UNREACHABLE',
    expect: /reset the connection in the middle of the response head after 27 bytes/,
  },
  {
    name: 'reset-mid-body (item 13)',
    behave: sendAndReset(fixture('cut-mid-body')),
    code: 'ONEGATE_UNREACHABLE',
    expect: /reset the connection in the middle of the response body after 6 of 100 bytes/,
  },
  closing('switching-protocols', 'ONEGATE_BAD_RESPONSE', /101 Switching Protocols was not asked for/),
  {
    name: 'head-that-stops',
    behave: sendAndHang(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n')),
    code: 'ONEGATE_TIMEOUT',
    expect: /no complete answer/,
    timesOut: true,
  },
  {
    name: 'slowloris-head',
    behave: stream(Buffer.from('HTTP/1.1 200 OK\r\nX-Slow: '), Buffer.from('a'), 100),
    code: 'ONEGATE_TIMEOUT',
    expect: /no complete answer/,
    timesOut: true,
  },
  {
    name: 'endless-head',
    behave: stream(Buffer.from('HTTP/1.1 200 OK\r\nX-Big: '), Buffer.alloc(16 * 1024, 'a')),
    code: 'ONEGATE_BAD_RESPONSE',
    expect: /response head larger than 65536 bytes/,
  },
  {
    name: 'endless-tiny-chunks',
    behave: stream(CHUNKED_HEAD, Buffer.from('1\r\na\r\n'.repeat(128 * 1024))),
    code: 'ONEGATE_BAD_RESPONSE',
    expect: /chunked response body exceeds \d+ bytes \(chunk framing included\)/,
  },
  {
    name: 'endless-body',
    behave: stream(Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n'), Buffer.alloc(256 * 1024, 'a')),
    code: 'ONEGATE_BAD_RESPONSE',
    expect: /response body exceeds \d+ bytes/,
  },
];
