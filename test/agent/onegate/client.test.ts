// The client over real HTTP on 127.0.0.1: headers, bodies, errors, 401 refresh, retries, deadlines.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClientOptions, OneGateClient } from '../../../agent/onegate/client';
import type { Credentials } from '../../../agent/onegate/types';
import { failure } from './support/failure';
import { type Handler, reply, startServer, type TestServer, VM_JSON } from './support/server';

const TOKEN = 'yCxieDUS7kra7Vn9ILA0+g==';
let server: TestServer | undefined;
let client: OneGateClient | undefined;

afterEach(async () => {
  client?.close();
  await server?.close();
  server = client = undefined;
});

async function setup(handler: Handler, options: Partial<ClientOptions> = {}, host?: string): Promise<{ s: TestServer; c: OneGateClient }> {
  server = await startServer(handler, { host });
  client = new OneGateClient({ credentials: { endpoint: server.url, vmid: '42', token: TOKEN }, env: {}, ...options });
  return { s: server, c: client };
}

describe('requests on the wire', () => {
  it('sends the OneGate headers and parses GET /vm', async () => {
    const { s, c } = await setup((_req, res) => reply(res, 200, VM_JSON));
    const doc = await c.getVm();
    expect(doc.VM.TEMPLATE.NIC[0]!.IP).toBe('10.0.0.5');
    const [req] = s.requests;
    expect(req).toMatchObject({ method: 'GET', url: '/vm', body: '' });
    expect(req!.headers['x-onegate-token']).toBe(TOKEN);
    expect(req!.headers['x-onegate-vmid']).toBe('42');
    expect(req!.rawHeaderNames).toEqual(expect.arrayContaining(['X-ONEGATE-TOKEN', 'X-ONEGATE-VMID']));
    expect(req!.headers.origin).toBeUndefined();
    expect(req!.headers.referer).toBeUndefined();
  });

  it('sends each typed call as the server expects them (docs/onegate-protocol.md)', async () => {
    const { s, c } = await setup((req, res) => {
      if (req.method === 'POST') return reply(res, 204);
      if (req.method === 'PUT') return reply(res, 200);
      if (req.url.startsWith('/service')) return reply(res, 200, '{"SERVICE":{"name":"s","id":"7","state":2,"roles":[]}}');
      if (req.url.startsWith('/vrouter'))
        return reply(res, 200, '{"VROUTER":{"NAME":"vr","ID":"0","VMS":{"ID":["42"]},"TEMPLATE":{"NIC":[]}}}');
      if (req.url.startsWith('/vnet'))
        return reply(
          res,
          200,
          '{"VNET":{"ID":"3","NAME":"n","AR_POOL":{"AR":[]},"VROUTERS":{"ID":["0"]},"PARENT_NETWORK_ID":{},"TEMPLATE":{}}}',
        );
      if (req.url === '/') return reply(res, 200, '{"vm_info":"x/vm","service_info":"x/service"}');
      return reply(res, 200, VM_JSON);
    });
    await c.updateVm({ ready: 'YES' });
    await c.updateVmRaw('A=1\\nB=2', { vmid: 43 });
    await c.eraseVmAttribute('READY');
    await c.vmAction(43, 'poweroff', { hard: true });
    await c.scaleRole('web', 3);
    await c.getService({ extended: true });
    await c.getVrouter();
    expect((await c.getVnet(3, { extended: true })).VNET.PARENT_NETWORK_ID).toBe('');
    expect(await c.getRoot()).toEqual({ vm_info: 'x/vm', service_info: 'x/service' });
    await c.getVm(43);
    expect(s.requests.map((r) => [r.method, r.url, r.headers['content-type'], r.body])).toEqual([
      ['PUT', '/vm', 'application/x-www-form-urlencoded', 'data=READY%3DYES&type=1'],
      ['PUT', '/vms/43', 'application/x-www-form-urlencoded', 'data=A%3D1%5CnB%3D2&type=1'],
      ['PUT', '/vm', 'application/x-www-form-urlencoded', 'data=READY&type=2'],
      ['POST', '/vms/43/action', 'application/json', '{"action":{"perform":"poweroff","params":true}}'],
      ['PUT', '/service/role/web', 'application/json', '{"cardinality":3}'],
      ['GET', '/service?extended=true', undefined, ''],
      ['GET', '/vrouter', undefined, ''],
      ['GET', '/vnet/3?extended=true', undefined, ''],
      ['GET', '/', undefined, ''],
      ['GET', '/vms/43', undefined, ''],
    ]);
    expect(s.requests.every((r) => r.headers['x-onegate-vmid'] === '42')).toBe(true);
  });

  it('does not send an empty update, and refuses a bad value before sending', async () => {
    const { s, c } = await setup((_req, res) => reply(res, 200));
    await c.updateVm({});
    const err = await failure(c.updateVm({ GOOD: 'x', BAD: 'a"b' }));
    expect(err).toMatchObject({ code: 'ONEGATE_INVALID_VALUE', key: 'BAD', character: '"' });
    expect(s.requests).toHaveLength(0);
  });

  it('keeps the endpoint path prefix by default and drops it on request', async () => {
    const { s } = await setup((_req, res) => reply(res, 200, VM_JSON));
    const base = { vmid: '42', token: TOKEN, endpoint: `${s.url}/onegate/` };
    client = new OneGateClient({ credentials: base, env: {} });
    await client.getVm();
    const parity = new OneGateClient({ credentials: base, env: {}, keepPathPrefix: false });
    await parity.getVm();
    parity.close();
    expect(s.requests.map((r) => r.url)).toEqual(['/onegate/vm', '/vm']);
  });

  it('reuses one keep-alive connection for consecutive calls', async () => {
    const { s, c } = await setup((_req, res) => reply(res, 200, VM_JSON));
    await c.getVm();
    await c.getVm();
    await c.updateVm({ A: '1' });
    expect(s.connections()).toBe(1);
  });

  it('close() drops idle connections but lets a call in flight finish', async () => {
    const { s, c } = await setup((_req, res) => setTimeout(() => reply(res, 200, VM_JSON), 100));
    await c.getVm();
    const inFlight = c.getVm();
    await new Promise((resolve) => setTimeout(resolve, 30));
    c.close();
    expect((await inFlight).VM.ID).toBe('42');
    await c.getVm();
    expect(s.connections()).toBe(2);
  });

  it('waits for an answer slower than the idle-socket timeout', async () => {
    const { c } = await setup((_req, res) => setTimeout(() => reply(res, 200, VM_JSON), 400), { freeSocketTimeoutMs: 100 });
    expect((await c.getVm()).VM.ID).toBe('42');
    expect((await c.getVm()).VM.ID).toBe('42');
  });

  it('logs requests at debug level without the token', async () => {
    const lines: string[] = [];
    const log = {
      error: (m: string) => lines.push(m),
      warn: (m: string) => lines.push(m),
      info: (m: string) => lines.push(m),
      debug: (m: string) => lines.push(m),
    };
    const refreshed: Credentials = { endpoint: '', vmid: '42', token: 'NEWTOKEN' };
    const { s, c } = await setup(
      (req, res) => (req.headers['x-onegate-token'] === 'NEWTOKEN' ? reply(res, 200, VM_JSON) : reply(res, 401, 'Not authorized')),
      { log, refreshCredentials: async () => ({ ...refreshed, endpoint: server!.url }) },
    );
    await c.getVm();
    expect(s.requests).toHaveLength(2);
    expect(lines.join('\n')).toMatch(/GET \/vm -> 401/);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain('NEWTOKEN');
  });
});

describe('responses and errors', () => {
  it.each([
    [400, "OneGate server doesn't support this feature", 'ONEGATE_BAD_REQUEST'],
    [403, 'Action (reboot) is not allowed on this resource', 'ONEGATE_FORBIDDEN'],
    [404, 'Virtual network 9 not found', 'ONEGATE_NOT_FOUND'],
    [500, 'attribute not found', 'ONEGATE_SERVER_ERROR'],
    [302, '', 'ONEGATE_HTTP_ERROR'],
  ])('HTTP %i becomes a typed error with the plain-text body, sent once', async (status, body, code) => {
    const refresh = vi.fn();
    const { s, c } = await setup((_req, res) => reply(res, status, body), { refreshCredentials: refresh });
    const err = await failure(c.getVm());
    expect(err).toMatchObject({ code, status, body });
    expect(s.requests).toHaveLength(1);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('a 2xx that is not JSON is ONEGATE_BAD_RESPONSE; JSON is not parsed on errors', async () => {
    const { c } = await setup((req, res) =>
      req.url === '/vm' ? reply(res, 200, '<html>proxy login</html>') : reply(res, 404, '{"looks":"like json"}'),
    );
    expect(await failure(c.getVm())).toMatchObject({ code: 'ONEGATE_BAD_RESPONSE', status: 200 });
    expect(await failure(c.getService())).toMatchObject({ code: 'ONEGATE_NOT_FOUND', body: '{"looks":"like json"}' });
  });

  it('carries the Retry-After of a 429 or 503 as retryAfterMs, and marks both transient', async () => {
    const { c } = await setup((req, res) => {
      res.writeHead(req.url === '/vm' ? 503 : 429, { 'Content-Type': 'text/plain', 'Retry-After': req.url === '/vm' ? '7' : '0' });
      res.end('busy');
    });
    expect(await failure(c.getVm())).toMatchObject({ code: 'ONEGATE_SERVER_ERROR', retryAfterMs: 7000, transient: true });
    expect(await failure(c.getService())).toMatchObject({ code: 'ONEGATE_HTTP_ERROR', status: 429, retryAfterMs: 0, transient: true });
  });

  it('a 2xx JSON of the wrong shape is ONEGATE_BAD_RESPONSE', async () => {
    const { c } = await setup((_req, res) => reply(res, 200, '{"SERVICE":{}}'));
    expect(await failure(c.getVm(5))).toMatchObject({ code: 'ONEGATE_BAD_RESPONSE', message: expect.stringContaining('GET /vms/5') });
  });

  it('refuses a response body over maxResponseBytes', async () => {
    const { c } = await setup((_req, res) => reply(res, 200, JSON.stringify({ VM: { X: 'y'.repeat(5000) } })), { maxResponseBytes: 1000 });
    expect(await failure(c.getVm())).toMatchObject({ code: 'ONEGATE_BAD_RESPONSE', message: expect.stringContaining('1000 bytes') });
  });
});

describe('401 refresh', () => {
  it('re-reads the credentials once and retries with them', async () => {
    let calls = 0;
    const { s, c } = await setup(
      (req, res) => (req.headers['x-onegate-token'] === 'fresh' ? reply(res, 200, VM_JSON) : reply(res, 401, 'Not authorized')),
      {
        refreshCredentials: async () => {
          calls++;
          return { endpoint: server!.url, vmid: '42', token: 'fresh' };
        },
      },
    );
    await c.getVm();
    expect(calls).toBe(1);
    expect(s.requests.map((r) => r.headers['x-onegate-token'])).toEqual([TOKEN, 'fresh']);
    expect(c.credentials.token).toBe('fresh');
  });

  it('shares one re-read between calls refused at the same time', async () => {
    let calls = 0;
    const { s, c } = await setup(
      (req, res) =>
        req.headers['x-onegate-token'] === 'fresh' ? reply(res, 200, VM_JSON) : setTimeout(() => reply(res, 401, 'Not authorized'), 20),
      {
        refreshCredentials: async () => {
          calls++;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return { endpoint: server!.url, vmid: '42', token: 'fresh' };
        },
      },
    );
    await Promise.all([c.getVm(), c.getVm(), c.getService().catch(() => undefined)]);
    expect(calls).toBe(1);
    expect(s.requests.filter((r) => r.headers['x-onegate-token'] === 'fresh')).toHaveLength(3);
  });

  it('resends without a re-read when another call already refreshed the credentials', async () => {
    let calls = 0;
    const { s, c } = await setup(
      (req, res) => {
        if (req.headers['x-onegate-token'] === 'fresh') return reply(res, 200, VM_JSON);
        // The first refused call answers at once, the second only after the first has refreshed.
        setTimeout(() => reply(res, 401, 'Not authorized'), s.requests.length === 1 ? 0 : 400);
      },
      {
        refreshCredentials: async () => {
          calls++;
          await new Promise((resolve) => setTimeout(resolve, 150));
          return { endpoint: server!.url, vmid: '42', token: 'fresh' };
        },
      },
    );
    await Promise.all([c.getVm(), new Promise((resolve) => setTimeout(resolve, 10)).then(() => c.getVm())]);
    expect(calls).toBe(1);
    expect(s.requests.map((r) => r.headers['x-onegate-token'])).toEqual([TOKEN, TOKEN, 'fresh', 'fresh']);
  });

  it('gives ONEGATE_UNAUTHORIZED when the retry is refused too, after exactly two requests', async () => {
    const refresh = vi.fn(async () => ({ endpoint: server!.url, vmid: '42', token: 'still-wrong' }));
    const { s, c } = await setup((_req, res) => reply(res, 401, 'Not authorized'), { refreshCredentials: refresh });
    expect(await failure(c.getVm())).toMatchObject({ code: 'ONEGATE_UNAUTHORIZED', status: 401, body: 'Not authorized' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(s.requests).toHaveLength(2);
  });

  it('reports the 401 with the refresh failure as hint when re-reading fails', async () => {
    const { s, c } = await setup((_req, res) => reply(res, 401, 'Not authorized'), {
      refreshCredentials: async () => {
        throw new Error('token.txt: no such file');
      },
    });
    const err = await failure(c.getVm());
    expect(err).toMatchObject({ code: 'ONEGATE_UNAUTHORIZED', hint: expect.stringContaining('token.txt: no such file') });
    expect(s.requests).toHaveLength(1);
  });

  it('without refreshCredentials a 401 is final', async () => {
    const { s, c } = await setup((_req, res) => reply(res, 401, 'Not authorized'));
    expect(await failure(c.getVm())).toMatchObject({ code: 'ONEGATE_UNAUTHORIZED' });
    expect(s.requests).toHaveLength(1);
  });
});

describe('connection failures, retries and deadlines', () => {
  it('retries a GET once after a reset on a new connection, never a POST', async () => {
    const { s, c } = await setup(
      (req, res, socket) =>
        req.onConnection === 0 && req.connection % 2 === 0 ? socket.destroy() : reply(res, req.method === 'POST' ? 204 : 200, VM_JSON),
      { backoff: { baseMs: 10, factor: 2, maxMs: 10 } },
    );
    await c.getVm();
    expect(s.requests).toHaveLength(2);
    const err = await failure(c.vmAction(42, 'stop'));
    expect(err).toMatchObject({ code: 'ONEGATE_UNREACHABLE' });
    expect(s.requests).toHaveLength(3);
  });

  it('gives up after `retries` and reports ONEGATE_UNREACHABLE naming the endpoint', async () => {
    const { s, c } = await setup((_req, _res, socket) => socket.destroy(), { retries: 2, backoff: { baseMs: 5, factor: 1, maxMs: 5 } });
    const err = await failure(c.getVm());
    expect(err.code).toBe('ONEGATE_UNREACHABLE');
    expect(err.message).toContain(s.url);
    expect(s.requests).toHaveLength(3);
  });

  it('reports a refused connection', async () => {
    const { s } = await setup((_req, res) => reply(res, 200));
    const url = s.url;
    await s.close();
    server = undefined;
    client = new OneGateClient({ credentials: { endpoint: url, vmid: '1', token: 't' }, env: {}, retries: 0 });
    const err = await failure(client.getVm());
    expect(err).toMatchObject({ code: 'ONEGATE_UNREACHABLE', message: expect.stringContaining('connection refused') });
  });

  it('bounds the whole call with timeoutMs', async () => {
    const { c } = await setup(() => undefined, { timeoutMs: 300 });
    const started = Date.now();
    const err = await failure(c.getVm());
    expect(err).toMatchObject({ code: 'ONEGATE_TIMEOUT', message: expect.stringContaining('300 ms') });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const { c } = await setup(() => undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(await failure(c.getVm())).toMatchObject({ code: 'ONEGATE_ABORTED' });
    expect(await failure(c.getVm())).toMatchObject({ code: 'ONEGATE_ABORTED' });
  });

  it('retries an idempotent request once when a reused keep-alive socket is reset, even with retries 0', async () => {
    // The server drops every connection on its second request, as a server closing an idle socket would.
    const { s, c } = await setup((req, res, socket) => (req.onConnection === 1 ? socket.destroy() : reply(res, 200, VM_JSON)), {
      retries: 0,
    });
    await c.getVm();
    await c.getVm();
    expect(s.requests.map((r) => [r.connection, r.onConnection])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
  });
});

describe('credentials and endpoints', () => {
  it('refuses a bad endpoint at construction', () => {
    expect(() => new OneGateClient({ credentials: { endpoint: '169.254.16.9:5030', vmid: '1', token: 't' } })).toThrow(
      /no http:\/\/ or https:\/\/ scheme/,
    );
  });

  it('refuses a token with a control character without showing it', () => {
    const err = (() => {
      try {
        new OneGateClient({ credentials: { endpoint: 'http://h', vmid: '1', token: 'SECRET\u0001x' } });
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err?.message).toMatch(/the token contains a control character/);
    expect(err?.message).not.toContain('SECRET');
  });

  it('moves to a new endpoint after setCredentials', async () => {
    const { s: first, c } = await setup((_req, res) => reply(res, 200, VM_JSON));
    const second = await startServer((_req, res) => reply(res, 200, VM_JSON));
    try {
      await c.getVm();
      c.setCredentials({ endpoint: second.url, vmid: '7', token: 'other' });
      await c.getVm();
      expect(first.requests).toHaveLength(1);
      expect(second.requests[0]!.headers['x-onegate-vmid']).toBe('7');
    } finally {
      c.close();
      await second.close();
    }
  });

  it('works with an IPv6 literal endpoint on ::1', async (ctx) => {
    try {
      await setup((_req, res) => reply(res, 200, VM_JSON), {}, '::1');
    } catch (err) {
      ctx.skip(`::1 not available: ${(err as Error).message}`);
    }
    expect(server!.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect((await client!.getVm()).VM.ID).toBe('42');
    expect(server!.requests[0]!.headers.host).toBe(`[::1]:${server!.port}`);
  });
});
