// The wire transport through the client, on 127.0.0.1: TLS, connect timeout, the body framings servers use,
// keep-alive reuse (and a stale idle connection), malformed and cut-off answers, header injection.
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClientOptions, OneGateClient } from '../../../../agent/onegate/client';
import { OneGateError } from '../../../../agent/onegate/errors';
import { failure } from '../support/failure';
import { reply, startServer, type TestServer, VM_JSON } from '../support/server';
import { makeCert, type TestCert } from '../support/tls';

function clientFor(endpoint: string, options: Partial<ClientOptions> = {}): OneGateClient {
  return new OneGateClient({ credentials: { endpoint, vmid: '42', token: 't' }, env: {}, ...options });
}

describe('https', () => {
  let cert: TestCert | undefined;
  let wrongName: TestCert | undefined;
  let server: TestServer | undefined;

  beforeAll(async () => {
    cert = await makeCert('IP:127.0.0.1,DNS:localhost');
    wrongName = await makeCert('DNS:other.example');
    if (cert) server = await startServer((_req, res) => reply(res, 200, VM_JSON), { tls: cert });
  });
  afterAll(async () => server?.close());

  it('verifies the certificate by default and explains how to trust it', async (ctx) => {
    if (!server) ctx.skip('openssl could not make a test certificate');
    const client = clientFor(server!.url);
    const err = await failure(client.getVm());
    client.close();
    expect(err).toMatchObject({ code: 'ONEGATE_UNREACHABLE', message: expect.stringContaining(`TLS with ${server!.url}`) });
    expect(err.hint).toMatch(/caFile/);
    expect(server!.requests).toHaveLength(0);
  });

  it('connects with caFile naming the signing certificate, reusing the TLS connection', async (ctx) => {
    if (!server) ctx.skip('openssl could not make a test certificate');
    const before = server!.connections();
    const client = clientFor(server!.url, { caFile: cert!.certFile });
    expect((await client.getVm()).VM.ID).toBe('42');
    await client.getVm();
    client.close();
    expect(server!.connections() - before).toBe(1);
  });

  it('still checks the host name when the CA is trusted', async (ctx) => {
    if (!wrongName) ctx.skip('openssl could not make a test certificate');
    const other = await startServer((_req, res) => reply(res, 200, VM_JSON), { tls: wrongName });
    const client = clientFor(other.url, { caFile: wrongName!.certFile });
    const err = await failure(client.getVm());
    client.close();
    await other.close();
    expect(err).toMatchObject({ code: 'ONEGATE_UNREACHABLE', message: expect.stringMatching(/TLS .*failed/) });
  });

  it('skips verification only with insecure', async (ctx) => {
    if (!server) ctx.skip('openssl could not make a test certificate');
    const client = clientFor(server!.url, { insecure: true });
    expect((await client.getVm()).VM.NAME).toBe('web_0');
    client.close();
  });

  it('refuses an unreadable caFile naming it', () => {
    expect(() => clientFor('https://127.0.0.1:1', { caFile: '/nonexistent/ca.pem' })).toThrow(/cannot read caFile "\/nonexistent\/ca.pem"/);
  });
});

describe('connect timeout', () => {
  // A TCP server that accepts and never speaks: the TLS handshake never completes.
  let silent: Server;
  let port = 0;
  let accepted = 0;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    silent = createServer((s) => {
      accepted++;
      sockets.push(s);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it('bounds connect plus handshake and retries once by default', async () => {
    const client = clientFor(`https://127.0.0.1:${port}`, { connectTimeoutMs: 150, backoff: { baseMs: 1, factor: 1, maxMs: 1 } });
    const started = Date.now();
    const err = await failure(client.getVm());
    client.close();
    expect(err).toMatchObject({ code: 'ONEGATE_TIMEOUT', message: expect.stringContaining('longer than 150 ms') });
    expect(accepted).toBe(2);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('cut-off responses', () => {
  it('a body cut short by the server is ONEGATE_UNREACHABLE, not a parse error', async () => {
    const server = await startServer((_req, res, socket) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"VM":');
      setTimeout(() => socket.destroy(), 20);
    });
    const client = clientFor(server.url, { retries: 0 });
    const err = await failure(client.getVm());
    client.close();
    await server.close();
    expect(err).toMatchObject({ code: 'ONEGATE_UNREACHABLE' });
  });
});

type Answer = (socket: Socket, request: string, index: number) => void;

/**
 * Runs `use` with a client of a TCP server on 127.0.0.1 whose answer to each request head is scripted as raw
 * bytes, then closes both. Returns what `use` returned (or the OneGateError it threw), the server's URL and
 * how many connections it accepted.
 */
async function againstRaw<T>(
  answer: Answer,
  options: Partial<ClientOptions>,
  use: (client: OneGateClient) => Promise<T>,
): Promise<{ result: T | OneGateError; url: string; accepted: number }> {
  const sockets: Socket[] = [];
  let requests = 0;
  const server = createServer((socket) => {
    sockets.push(socket);
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const request = head.slice(0, end);
      head = head.slice(end + 4);
      answer(socket, request, requests++);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = clientFor(url, options);
  try {
    const result = await use(client).catch((err: unknown) => {
      if (err instanceof OneGateError) return err;
      throw err;
    });
    return { result, url, accepted: sockets.length };
  } finally {
    client.close();
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}

const vmIds = async (client: OneGateClient, calls: number): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < calls; i++) ids.push((await client.getVm()).VM.ID);
  return ids;
};

const VM_HEAD = (length: number): string => `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

describe('framings', () => {
  it('reads a chunked answer and keeps the connection for the next call', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(VM_JSON.slice(0, 10));
      setTimeout(() => res.end(VM_JSON.slice(10)), 5);
    });
    const client = clientFor(server.url);
    expect((await client.getVm()).VM.ID).toBe('42');
    expect((await client.getVm()).VM.NAME).toBe('web_0');
    client.close();
    await server.close();
    expect(server.connections()).toBe(1);
    expect(server.requests.map((r) => r.headers.connection)).toEqual(['keep-alive', 'keep-alive']);
  });

  it('reads an HTTP/1.0 answer delimited by the end of the connection', async () => {
    const r = await againstRaw(
      (socket) => socket.end(`HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n${VM_JSON}`),
      {},
      (client) => vmIds(client, 2),
    );
    expect(r).toMatchObject({ result: ['42', '42'], accepted: 2 });
  });

  it('skips a 100 Continue before the answer', async () => {
    const r = await againstRaw(
      (socket) => socket.write(`HTTP/1.1 100 Continue\r\n\r\n${VM_HEAD(VM_JSON.length)}${VM_JSON}`),
      {},
      (client) => vmIds(client, 1),
    );
    expect(r.result).toEqual(['42']);
  });
});

describe('keep-alive', () => {
  it('resends on a fresh connection when the server closed the idle one as it was reused', async () => {
    // The first connection answers once and then drops whatever comes next, as a server whose keep-alive
    // timeout fired just as the request arrived.
    const answer: Answer = (socket, _request, index) => {
      if (index === 1) return void socket.destroy();
      socket.write(VM_HEAD(VM_JSON.length) + VM_JSON);
    };
    const r = await againstRaw(answer, { retries: 0 }, (client) => vmIds(client, 2));
    expect(r).toMatchObject({ result: ['42', '42'], accepted: 2 });
  });

  it('never reuses a connection for an action, and says so with Connection: close', async () => {
    const server = await startServer((_req, res) => reply(res, 200, ''));
    const client = clientFor(server.url);
    await client.vmAction(42, 'reboot');
    await client.vmAction(42, 'reboot');
    client.close();
    await server.close();
    expect(server.connections()).toBe(2);
    expect(server.requests.map((r) => r.headers.connection)).toEqual(['close', 'close']);
  });
});

describe('bad answers', () => {
  it('a reply that is not HTTP is ONEGATE_BAD_RESPONSE naming the endpoint', async () => {
    const r = await againstRaw(
      (socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n\r\n'),
      { retries: 0 },
      (client) => client.getVm(),
    );
    expect(r.result).toMatchObject({
      code: 'ONEGATE_BAD_RESPONSE',
      message: expect.stringContaining(`GET /vm: bad answer from ${r.url}: no HTTP/1.x status line`),
    });
  });

  it('a body over maxResponseBytes is refused from its Content-Length', async () => {
    const r = await againstRaw(
      (socket) => socket.write(VM_HEAD(5_000_000)),
      { maxResponseBytes: 1000 },
      (client) => client.getVm(),
    );
    expect(r.result).toMatchObject({ code: 'ONEGATE_BAD_RESPONSE', message: expect.stringContaining('exceeds 1000 bytes') });
  });

  it('a connection closed before any answer is a transient ONEGATE_UNREACHABLE', async () => {
    const r = await againstRaw(
      (socket) => socket.end(),
      { retries: 1, backoff: { baseMs: 1, factor: 1, maxMs: 1 } },
      (client) => client.getVm(),
    );
    expect(r).toMatchObject({ result: { code: 'ONEGATE_UNREACHABLE', transient: true }, accepted: 2 });
  });
});

describe('header injection', () => {
  it('refuses a header value with CR or LF before connecting', async () => {
    const r = await againstRaw(
      (socket) => socket.end(),
      { userAgent: 'x\r\nX-ONEGATE-TOKEN: forged' },
      (client) => client.getVm(),
    );
    expect(r).toMatchObject({
      result: {
        code: 'ONEGATE_INVALID_VALUE',
        message: 'invalid User-Agent header: it has a control character or a character outside Latin-1',
      },
      accepted: 0,
    });
  });
});
