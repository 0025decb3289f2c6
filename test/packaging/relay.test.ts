import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The relay qemu's guestfwd runs per guest connection: an HTTP request written to its stdin must come
// back as the server's response on its stdout, and nothing else.
describe('packaging/e2e/relay.cjs', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        const text = `${req.method} ${req.url} ${body}`;
        res.writeHead(200, { 'Content-Length': Buffer.byteLength(text), Connection: 'close' }).end(text);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  function relay(input: string, target = String(port)): Promise<{ out: string; err: string; code: number | null }> {
    const child = spawn(process.execPath, ['packaging/e2e/relay.cjs', '127.0.0.1', target]);
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.stderr.on('data', (c) => {
      err += c;
    });
    child.stdin.end(input);
    return new Promise((r) => child.on('close', (code) => r({ out, err, code })));
  }

  it('carries a request to the server and its response back', async () => {
    const r = await relay('PUT /vm HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\nConnection: close\r\n\r\nREADY=YES');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(r.out.endsWith('PUT /vm READY=YES')).toBe(true);
    expect(r.err).toBe('');
  });

  it('exits 1 with the reason on stderr, and nothing on stdout, when the server is down', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const dead = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const r = await relay('GET / HTTP/1.1\r\n\r\n', String(dead));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/ECONNREFUSED/);
  });
});
