// The hostile-server cases: what the server does (a fixture under test/fixtures/hostile/ where it is data, a
// generator where it is endless) and what every program must say. `expect` is matched against the library's
// error message, and against the one error line of the CLI and of `onegate-agent once`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Behaviour, echo, type RawServerOptions, sendAndClose, sendAndHang, sendAndReset, stream } from './raw-server';

const FIXTURES = join(__dirname, '../fixtures/hostile');
const TLS = join(__dirname, '../fixtures/tls');

/** The fixture CA every client of a TLS case trusts (test/fixtures/tls/README.md). */
export const CA_FILE = join(TLS, 'ca.pem');

/** Where the redirect cases point: a server that must never see a connection (the token would be resent). */
export const TRAP = { url: 'http://127.0.0.1:9', connections: 0 };

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
  /** What the error's hint says, where the advice depends on the failure. */
  hint?: RegExp;
  /** The client's deadline ends it (the suite then sets a short one). */
  timesOut?: boolean;
  /** A well-framed 2xx whose body is wrong: a PUT /vm, whose answer is not read, succeeds. */
  bodyOnly?: boolean;
  /** How the server listens (TLS with a fixture certificate, or raw bytes to a TLS client); the client trusts CA_FILE. */
  server?: RawServerOptions;
  /** A redirect to TRAP, which must see no connection. */
  trap?: boolean;
}

function tlsFixture(name: string): { key: string; cert: string } {
  return { key: readFileSync(join(TLS, `${name}.key`), 'utf8'), cert: readFileSync(join(TLS, `${name}.pem`), 'utf8') };
}

/** A TLS server with the fixture certificate `cert` answering a good VM document. */
function tls(name: string, cert: string, code: string, expect?: RegExp, hint?: RegExp): HostileCase {
  const vm = answer('200 OK', '{"VM":{"ID":"42","NAME":"web_0","A":1}}', '').replace('text/plain', 'application/json');
  return { name, server: { tls: tlsFixture(cert) }, behave: sendAndClose(Buffer.from(vm)), code, expect, hint };
}

/** A raw TCP server behind an https URL that answers the client's hello with `answer` (or just closes). */
function tlsRaw(name: string, answer: Buffer | undefined, expect: RegExp, hint?: RegExp): HostileCase {
  const behave: Behaviour = (socket) => (answer ? socket.end(answer) : socket.end());
  return { name, server: { firstBytes: true }, behave, code: 'ONEGATE_UNREACHABLE', expect, hint };
}

/** The token the request carried (the client sends it as X-ONEGATE-TOKEN). */
function tokenOf(request: string): string {
  return /^x-onegate-token: *(.*)$/im.exec(request)?.[1]?.trim() ?? '';
}

function answer(status: string, body: string, headers = ''): string {
  return `HTTP/1.1 ${status}\r\nContent-Type: text/plain\r\n${headers}Content-Length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`;
}

/** A server echoing the token somewhere in its answer: it must never reach the output. */
function tokenEcho(
  name: string,
  make: (token: string, request: string) => string,
  code: string,
  expect: RegExp,
  bodyOnly?: boolean,
): HostileCase {
  return { name, behave: echo((request) => make(tokenOf(request), request)), code, expect, bodyOnly };
}

function redirect(status: string): HostileCase {
  return {
    name: `redirect ${status} to another server (never followed, the token never resent)`,
    behave: (socket) => socket.end(answer(status, '', `Location: ${TRAP.url}/vm\r\n`)),
    code: 'ONEGATE_HTTP_ERROR',
    expect: new RegExp(`failed with HTTP ${status.slice(0, 3)}`),
    trap: true,
  };
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
  // TLS: a certificate the client must refuse, and servers that break the handshake.
  tls('tls: a trusted certificate (the control case)', 'server', 'ok'),
  tls(
    'tls: an expired certificate',
    'expired',
    'ONEGATE_UNREACHABLE',
    /TLS with https:\/\/127\.0\.0\.1:\d+ failed: certificate has expired/,
    /validity dates: check this guest's clock/,
  ),
  tls(
    'tls: a certificate for another name',
    'wrong-name',
    'ONEGATE_UNREACHABLE',
    /TLS with .* failed: Hostname\/IP does not match certificate's altnames: IP: 127\.0\.0\.1 is not in the cert's list/,
    /does not name the endpoint's host/,
  ),
  tls(
    'tls: a self-signed certificate',
    'self-signed',
    'ONEGATE_UNREACHABLE',
    /TLS with .* failed: self-signed certificate/,
    /give the CA that signed the server certificate/,
  ),
  tlsRaw('tls: the server closes in the middle of the handshake', undefined, /the server closed the connection during the TLS handshake/),
  tlsRaw(
    'tls: an http server behind an https URL',
    Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'),
    /TLS with .* failed: wrong version number \(is the endpoint http, not https\?\)/,
    /does not speak TLS there: check the endpoint's scheme/,
  ),
  tlsRaw(
    'tls: a HelloRequest instead of a ServerHello, then the end (renegotiation garbage)',
    Buffer.from('160303000400000000', 'hex'),
    /the server closed the connection during the TLS handshake/,
  ),
  tlsRaw('tls: an alert record of garbage', Buffer.from('15030300020250', 'hex'), /TLS with .* failed: [^\n]*/),
  // The token echoed back by the server: replaced by <token> before anything quotes it.
  tokenEcho(
    'token echoed in a 401 body',
    (t) => answer('401 Unauthorized', `Invalid token: ${t}`),
    'ONEGATE_UNAUTHORIZED',
    /Invalid token: <token>/,
  ),
  tokenEcho(
    'token echoed in a 500 body quoting the request head',
    (_t, r) => answer('500 Internal Server Error', r),
    'ONEGATE_SERVER_ERROR',
    /HTTP 500/,
  ),
  tokenEcho(
    'token echoed in a 2xx body that is not JSON',
    (t) => answer('200 OK', `token=${t}`),
    'ONEGATE_BAD_RESPONSE',
    /not JSON: "token=<token>"/,
    true,
  ),
  tokenEcho(
    'token echoed in a header line refused for a control byte',
    (t) => `HTTP/1.1 200 OK\r\nX-Echo: ${t}\u0001\r\n\r\n`,
    'ONEGATE_BAD_RESPONSE',
    /header line "X-Echo: <token>"/,
  ),
  tokenEcho(
    'token echoed in a reason phrase refused for a control byte',
    (t) => `HTTP/1.1 403 ${t}\u0001\r\n\r\n`,
    'ONEGATE_BAD_RESPONSE',
    /reason phrase \(status line "HTTP\/1\.1 403 <token>"\)/,
  ),
  // Redirects of every kind: never followed.
  redirect('301 Moved Permanently'),
  redirect('307 Temporary Redirect'),
  redirect('308 Permanent Redirect'),
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
