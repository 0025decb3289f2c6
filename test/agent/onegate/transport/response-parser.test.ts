// The HTTP/1.x response parser: framing (Content-Length, chunked, end of connection, none), keep-alive,
// interim 1xx heads, limits and malformed input, fed whole and split at every byte.
import { describe, expect, it } from 'vitest';
import {
  MalformedResponseError,
  type ParsedResponse,
  ResponseCutOffError,
  ResponseParser,
  ResponseTooLargeError,
} from '../../../../agent/onegate/transport/response-parser';

function parser(method = 'GET', maxBodyBytes = 1024): ResponseParser {
  return new ResponseParser({ method, maxBodyBytes, maxHeadBytes: 256 });
}

/** Feeds `raw` in pieces of `step` bytes; with `close`, ends the connection after the last byte. */
function parse(raw: string, opts: { method?: string; step?: number; close?: boolean } = {}): ParsedResponse | undefined {
  const p = parser(opts.method);
  const bytes = Buffer.from(raw, 'latin1');
  const step = opts.step ?? bytes.length;
  let res: ParsedResponse | undefined;
  for (let i = 0; i < bytes.length; i += step) res = p.push(bytes.subarray(i, i + step));
  return opts.close ? p.end() : res;
}

const LENGTH = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"VM":{}}\r\n';
const CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{"VM\r\n7\r\n":{}}\r\n\r\n0\r\nX-Trailer: 1\r\n\r\n';

describe('framing', () => {
  it.each([1, 2, 7, 1000])('reads a Content-Length body fed %i bytes at a time', (step) => {
    const res = parse(LENGTH, { step });
    expect(res).toMatchObject({
      status: 200,
      reason: 'OK',
      reusable: true,
      headers: { 'content-type': 'application/json', 'content-length': '11' },
    });
    expect(res!.body.toString()).toBe('{"VM":{}}\r\n');
  });

  it.each([1, 3, 1000])('de-chunks a chunked body with extensions and trailers, %i bytes at a time', (step) => {
    const res = parse(CHUNKED, { step });
    expect(res!.body.toString()).toBe('{"VM":{}}\r\n');
    expect(res!.reusable).toBe(true);
  });

  it('reads to the end of the connection without a length, and never reuses that connection', () => {
    const raw = 'HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\n\r\nVM not found';
    expect(parse(raw)).toBeUndefined();
    const res = parse(raw, { close: true });
    expect(res).toMatchObject({ status: 500, reason: 'Internal Server Error', reusable: false });
    expect(res!.body.toString()).toBe('VM not found');
  });

  it('has no body for HEAD, 204, 304 and a 2xx to CONNECT', () => {
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n', { method: 'HEAD' })).toMatchObject({ status: 200, reusable: true });
    expect(parse('HTTP/1.1 204 No Content\r\n\r\n')!.body.length).toBe(0);
    expect(parse('HTTP/1.1 304 Not Modified\r\n\r\n')!.status).toBe(304);
    expect(parse('HTTP/1.1 200 Connection Established\r\n\r\n', { method: 'CONNECT' })!.status).toBe(200);
  });

  it('reads the body of a refused CONNECT', () => {
    expect(
      parse('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\nauth', { method: 'CONNECT' })!.body.toString(),
    ).toBe('auth');
  });

  it('skips interim 1xx heads', () => {
    const res = parse(`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n${LENGTH}`, { step: 5 });
    expect(res).toMatchObject({ status: 200 });
    expect(res!.headers.link).toBeUndefined();
  });

  it('skips empty lines before a status line, as llhttp does', () => {
    expect(parse(`HTTP/1.1 100 Continue\r\n\r\n\r\n\r\n${LENGTH}`, { step: 1 })).toMatchObject({ status: 200 });
    expect(() => parse(`\r\r\n${LENGTH}`)).toThrow('CR not followed by LF (0x0d instead) before the status line');
  });

  it('reads a transfer coding other than chunked to the end of the connection', () => {
    const res = parse('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nabcdef', { close: true });
    expect(res).toMatchObject({ reusable: false });
    expect(res!.body.toString()).toBe('abcdef');
  });
});

describe('keep-alive', () => {
  it('follows Connection and the HTTP version', () => {
    expect(parse('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')!.reusable).toBe(false);
    expect(parse('HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Upgrade\r\nContent-Length: 0\r\n\r\n')!.reusable).toBe(true);
    expect(parse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')!.reusable).toBe(false);
    expect(parse('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n')!.reusable).toBe(true);
  });

  it('does not reuse a connection that carried bytes past the response', () => {
    expect(parse(`${LENGTH}HTTP/1.1`)!.reusable).toBe(false);
    const p = parser();
    expect(p.push(Buffer.from(LENGTH))!.reusable).toBe(true);
    expect(p.push(Buffer.from('x'))!.reusable).toBe(false);
  });

  it('joins repeated headers', () => {
    expect(parse('HTTP/1.1 200 OK\r\nVary: a\r\nvary: b\r\nContent-Length: 0\r\n\r\n')!.headers.vary).toBe('a, b');
  });
});

describe('cut off', () => {
  it.each([
    ['', 'the server closed the connection without answering'],
    ['HTTP/1.1 200 OK\r\nContent-Le', 'the server closed the connection in the middle of the response head after 27 bytes'],
    ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{"VM"', 'in the middle of the response body after 5 of 10 bytes'],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab', 'in the middle of the response body after 2 bytes'],
  ])('%j ends with ResponseCutOffError naming where', (raw, message) => {
    const p = parser();
    if (raw) p.push(Buffer.from(raw));
    let caught: unknown;
    try {
      p.end();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ResponseCutOffError);
    expect(caught).toMatchObject({ code: 'ERR_RESPONSE_CUT_OFF', message: expect.stringContaining(message), answered: raw !== '' });
  });
});

describe('refused input', () => {
  it.each([
    ['HTTP/2 200\r\n\r\n', /the answer is not HTTP\/1.x \(status line "HTTP\/"\)/],
    ['\x00\x00\x12\x04\x00', /binary \(an HTTP\/2 frame\?\)/],
    ['\x16\x03\x01', /TLS record/],
    ['SSH-2.0-OpenSSH_9.2\r\n\r\n', /no HTTP\/1.x status line/],
    ['{"VM":{}}', /no HTTP\/1.x status line \(an HTTP\/0.9 answer/],
    ['HTTP/1.1 200 OK\nContent-Length: 0\n\n', /the status line ends with LF without CR \(status line "HTTP\/1.1 200 OK"\)/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 0\n\n', /LF without CR in a header value/],
    ['HTTP/1.1 099 Low\r\n\r\n', /malformed status code/],
    ['HTTP/1.1 20\r\n\r\n', /too short/],
    ['HTTP/1.2 200 OK\r\n\r\n', /not HTTP\/1.0 or HTTP\/1.1/],
    ['HTTP/1.1 101 Switching Protocols\r\n\r\n', /101 Switching Protocols/],
    ['HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n', /obsolete line folding/],
    ['HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n', /whitespace in a header name \(header line "Bad"\)/],
    ['HTTP/1.1 200 OK\r\nX-A: a\x00b\r\n\r\n', /byte 0x00 in a header value \(header line "X-A: a"\)/],
    ['HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n', /CR not followed by LF \(0x62 instead\)/],
    ['HTTP/1.1 200 OK\r\nX-A: a\x7fb\r\n\r\n', /byte 0x7f in a header value/],
    ['HTTP/1.1 200 OK\r\nX-\x00: 1\r\n\r\n', /byte 0x00 in a header name/],
    ['HTTP/1.1 200 OK\r\n: 1\r\n\r\n', /byte 0x3a at the start of a header line/],
    ['HTTP/1.1 200 OK\r\nX\r\n\r\n', /byte 0x0d in a header name/],
    ['HTTP/1.1 200 OK\r\n\rX', /CR not followed by LF/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\n', /invalid Content-Length "1, 2"/],
    ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /invalid Content-Length/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n', /invalid Content-Length/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok', /Content-Length given twice/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n', /both Transfer-Encoding and Content-Length/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /invalid chunk size line: byte 0x7a/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-1\r\n', /invalid chunk size line: byte 0x2d/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\n', /LF without CR/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1 \r\n', /invalid chunk size line: byte 0x20/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n', /chunk data longer than its size/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: \x00\r\n\r\n', /byte 0x00 in a header value/],
    [`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(300)}`, /response head larger than 256 bytes/],
    ['HTTP/1.1 200 \u0001\u00ff\r\nX\r\n\r\n', /control character 0x01 in the reason phrase/],
  ])('%j', (raw, message) => {
    expect(() => parse(raw)).toThrow(MalformedResponseError);
    expect(() => parse(raw)).toThrow(message);
    // Judged as the bytes arrive: the same verdict one byte at a time, before any end of connection.
    expect(() => parse(raw, { step: 1 })).toThrow(message);
  });

  it('bounds the number of header lines', () => {
    const p = new ResponseParser({ method: 'GET', maxBodyBytes: 1024 });
    expect(() => p.push(Buffer.from(`HTTP/1.1 200 OK\r\n${'a:\r\n'.repeat(300)}\r\n`))).toThrow('more than 256 header lines');
  });

  it('counts interim heads against the head limit', () => {
    expect(() => parse('HTTP/1.1 100 Continue\r\n\r\n'.repeat(20))).toThrow('response head larger than 256 bytes');
  });

  it('holds the head to its limit even when the blank line arrives in the same read', () => {
    expect(() => parse(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(300)}\r\nContent-Length: 0\r\n\r\n`)).toThrow(
      'response head larger than 256 bytes',
    );
    expect(parse(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(200)}\r\nContent-Length: 0\r\n\r\n`)!.status).toBe(200);
  });

  it('shows control characters of a bad line escaped', () => {
    expect(() => parse('HTTP/1.1 200 OK\r\nContent-Length: 1\xff\x85\r\n\r\n')).toThrow('"1\xff\\x85"');
  });
});

describe('body limit', () => {
  it.each([
    ['a Content-Length over the limit, before reading it', 'HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n'],
    ['a chunk over the limit', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n401\r\n'],
    ['a close-delimited body over the limit', `HTTP/1.1 200 OK\r\n\r\n${'a'.repeat(1025)}`],
  ])('refuses %s', (_what, raw) => {
    expect(() => parse(raw, { step: 100 })).toThrow(ResponseTooLargeError);
    expect(() => parse(raw)).toThrow('exceeds 1024 bytes');
  });

  it('counts the framing of a chunked body against the limit: 1-byte chunks cannot outgrow it', () => {
    const tiny = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' + '1\r\na\r\n'.repeat(200);
    expect(() => parse(tiny)).toThrow(ResponseTooLargeError);
    expect(() => parse(tiny, { step: 1 })).toThrow('chunked response body exceeds 1024 bytes (chunk framing included)');
    expect(parse(`${'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' + '1\r\na\r\n'.repeat(100)}0\r\n\r\n`)!.body.length).toBe(100);
  });

  it('copies the body out of the reads it came in, so that no read stays referenced', () => {
    const raw = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nbody`);
    const res = parser().push(raw)!;
    raw.fill(0);
    expect(res.body.toString()).toBe('body');
  });

  it('accepts a body of exactly the limit', () => {
    expect(parse(`HTTP/1.1 200 OK\r\nContent-Length: 1024\r\n\r\n${'a'.repeat(1024)}`)!.body.length).toBe(1024);
  });
});
