// Proxying through a CONNECT proxy on 127.0.0.1, no_proxy, the never-proxied local endpoints, and that the
// proxy support costs no dependency.
import { createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientOptions, OneGateClient } from '../../../../agent/onegate/client';
import { startConnectProxy, type TestProxy } from '../support/connect-proxy';
import { failure } from '../support/failure';
import { reply, startServer, type TestServer, VM_JSON } from '../support/server';
import { makeCert } from '../support/tls';

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
  for (const c of clients.splice(0)) c.close();
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
    expect(server.requests[0]!.headers).toMatchObject({
      host: `onegate.invalid:${server.port}`,
      'x-onegate-token': 'tok',
      'x-onegate-vmid': '42',
    });
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

  it('reuses one tunnel for consecutive requests', async () => {
    const client = clientFor(`http://onegate.invalid:${server.port}`, { http_proxy: proxy.url });
    await client.getVm();
    await client.getVm();
    await client.updateVm({ A: '1' });
    expect(proxy.requests).toHaveLength(1);
    expect(server.requests).toHaveLength(3);
  });

  it('bounds a proxy that never answers CONNECT with the connect timeout', async () => {
    const sockets: Socket[] = [];
    const mute: Server = createServer((s) => {
      sockets.push(s);
    });
    await new Promise<void>((done) => mute.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(mute.address() as { port: number }).port}`;
      const err = await failure(clientFor(`http://onegate.invalid:${server.port}`, { http_proxy: url }, { connectTimeoutMs: 150 }).getVm());
      expect(err).toMatchObject({ code: 'ONEGATE_TIMEOUT', message: expect.stringContaining(`via proxy ${url} took longer than 150 ms`) });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((done) => mute.close(done));
    }
  });

  it('retries a GET when the proxy answers CONNECT with 502, and reports the status', async () => {
    const failing = await startConnectProxy({ status: 502 });
    try {
      const client = clientFor(
        `http://onegate.invalid:${server.port}`,
        { http_proxy: failing.url },
        { retries: 1, backoff: { baseMs: 1, factor: 1, maxMs: 1 } },
      );
      const err = await failure(client.getVm());
      expect(err).toMatchObject({ code: 'ONEGATE_UNREACHABLE', message: expect.stringContaining('the proxy answered 502') });
      expect(failing.requests).toHaveLength(2);
    } finally {
      await failing.close();
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
    const err = await failure(
      clientFor(`http://onegate.invalid:${server.port}`, { http_proxy: proxy.url, no_proxy: 'localhost,.invalid' }).getVm(),
    );
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

describe('footprint', () => {
  it('pulls no undici into a bundle of the library', async () => {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [resolve(__dirname, '../../../../agent/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('agent/onegate/transport/wire.ts'))).toBe(true);
    expect(inputs.filter((path) => path.includes('node_modules/'))).toEqual([]);
  });
});
