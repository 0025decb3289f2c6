// Proxying through a CONNECT proxy on 127.0.0.1, no_proxy, the never-proxied local endpoints, and that undici is
// loaded only for proxied requests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OneGateClient, type ClientOptions } from '../../../../agent/onegate/client';
import { runCommand } from '../../../../agent/process/run-command';
import { startConnectProxy, type TestProxy } from '../support/connect-proxy';
import { reply, startServer, VM_JSON, type TestServer } from '../support/server';
import { makeCert } from '../support/tls';
import { failure } from '../support/failure';

const clients: OneGateClient[] = [];
function clientFor(endpoint: string, env: Record<string, string>, options: Partial<ClientOptions> = {}): OneGateClient {
  const client = new OneGateClient({ credentials: { endpoint, vmid: '42', token: 'tok' }, env, retries: 0, ...options });
  clients.push(client);
  return client;
}


let server: TestServer;
let proxy: TestProxy;
beforeAll(async () => {
  server = await startServer((_req, res) => reply(res, 200, VM_JSON));
  proxy = await startConnectProxy();
});
afterEach(() => {
  clients.splice(0).forEach((c) => c.close());
  proxy.requests.length = 0;
  server.requests.length = 0;
});
afterAll(async () => {
  await server.close();
  await proxy.close();
});

describe('through a CONNECT proxy', () => {
  it('tunnels an http endpoint through http_proxy; the headers travel inside the tunnel', async () => {
    const client = clientFor(`http://onegate.invalid:${server.port}`, { http_proxy: proxy.url });
    expect((await client.getVm()).VM.ID).toBe('42');
    expect(proxy.requests.map((r) => r.line)).toEqual([`CONNECT onegate.invalid:${server.port} HTTP/1.1`]);
    expect(server.requests[0]!.headers).toMatchObject({ host: `onegate.invalid:${server.port}`, 'x-onegate-token': 'tok', 'x-onegate-vmid': '42' });
  });

  it('tunnels an https endpoint through https_proxy and verifies the server certificate by name', async (ctx) => {
    const cert = await makeCert('DNS:onegate.invalid');
    if (!cert) ctx.skip('openssl could not make a test certificate');
    const tlsServer = await startServer((_req, res) => reply(res, 200, VM_JSON), { tls: cert! });
    try {
      const endpoint = `https://onegate.invalid:${tlsServer.port}`;
      expect((await clientFor(endpoint, { https_proxy: proxy.url }, { caFile: cert!.certFile }).getVm()).VM.ID).toBe('42');
      const unverified = await failure(clientFor(endpoint, { https_proxy: proxy.url }).getVm());
      expect(unverified).toMatchObject({ code: 'ONEGATE_UNREACHABLE', message: expect.stringContaining('via proxy') });
      expect(proxy.requests).toHaveLength(2);
    } finally {
      await tlsServer.close();
    }
  });

  it('sends proxy credentials from the URL and never shows the password', async () => {
    const authProxy = await startConnectProxy({ requireAuth: `Basic ${Buffer.from('user:s3cret').toString('base64')}` });
    try {
      const endpoint = `http://onegate.invalid:${server.port}`;
      await clientFor(endpoint, { http_proxy: authProxy.url.replace('//', '//user:s3cret@') }).getVm();
      const err = await failure(clientFor(endpoint, { http_proxy: authProxy.url.replace('//', '//user:wrong@') }).getVm());
      expect(err.code).toBe('ONEGATE_UNREACHABLE');
      expect(err.message).toContain('via proxy http://user:***@127.0.0.1');
      expect(err.message).not.toContain('wrong');
    } finally {
      await authProxy.close();
    }
  });

  it('reports an unreachable proxy as ONEGATE_UNREACHABLE naming it', async () => {
    const closed = await startConnectProxy();
    await closed.close();
    const err = await failure(clientFor(`http://onegate.invalid:${server.port}`, { http_proxy: closed.url }).getVm());
    expect(err).toMatchObject({ code: 'ONEGATE_UNREACHABLE', message: expect.stringContaining(`via proxy ${closed.url}`) });
  });
});

describe('direct despite a proxy', () => {
  it('goes direct for hosts in no_proxy', async () => {
    const err = await failure(clientFor(`http://onegate.invalid:${server.port}`, { http_proxy: proxy.url, no_proxy: 'localhost,.invalid' }).getVm());
    expect(['ONEGATE_UNREACHABLE', 'ONEGATE_TIMEOUT']).toContain(err.code);
    expect(err.message).not.toContain('via proxy');
    expect(proxy.requests).toHaveLength(0);
  });

  it('never proxies a loopback endpoint', async () => {
    const env = { http_proxy: proxy.url, HTTP_PROXY: proxy.url };
    expect((await clientFor(server.url, env).getVm()).VM.ID).toBe('42');
    expect((await clientFor(`http://localhost:${server.port}`, env).getVm()).VM.ID).toBe('42');
    expect(proxy.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(2);
  });
});

describe('lazy undici', () => {
  it('loads undici only when a request is proxied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onegate-lazy-'));
    const script = join(dir, 'lazy.ts');
    const clientPath = resolve(__dirname, '../../../../agent/onegate/client');
    writeFileSync(script, `
      import http from 'node:http';
      import { OneGateClient } from ${JSON.stringify(clientPath)};
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('/node_modules/undici/'));
      const server = http.createServer((_q, s) => s.end('{"VM":{}}')).listen(0, '127.0.0.1', async () => {
        const port = (server.address() as any).port;
        const creds = (endpoint: string) => ({ endpoint, vmid: '1', token: 't' });
        const direct = new OneGateClient({ credentials: creds('http://127.0.0.1:' + port), env: { http_proxy: 'http://127.0.0.1:1' } });
        await direct.getVm();
        const before = loaded();
        const proxied = new OneGateClient({ credentials: creds('http://onegate.invalid:' + port), env: { http_proxy: 'http://127.0.0.1:1' }, retries: 0 });
        await proxied.getVm().catch(() => undefined);
        console.log(JSON.stringify({ before, after: loaded() }));
        direct.close(); proxied.close(); server.close();
      });
    `);
    const result = await runCommand({ argv: [resolve('node_modules/.bin/tsx'), script], timeoutMs: 30_000, cwd: resolve('.') });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout.trim())).toEqual({ before: false, after: true });
  });
});
