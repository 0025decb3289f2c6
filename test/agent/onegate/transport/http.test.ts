// The direct transport's TLS, connect timeout and cut-off handling, through the client, on 127.0.0.1.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OneGateClient, type ClientOptions } from '../../../../agent/onegate/client';
import { reply, startServer, VM_JSON, type TestServer } from '../support/server';
import { makeCert, type TestCert } from '../support/tls';
import { failure } from '../support/failure';


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
    silent = createServer((s) => { accepted++; sockets.push(s); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
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
