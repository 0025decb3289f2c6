// Host authorization: off on 6.10 and 7.4 as shipped; Sinatra's development default on 7.0–7.2 (and
// on 7.4 with :host_authorization: true); the permitted_hosts of 7.4's :server: block.
import { describe, expect, it } from 'vitest';
import { shippedConfig } from '../config/config';
import { startOneGate } from '../index';
import { call, rawExchange } from './client';
import { hostPermitted, SINATRA_DEVELOPMENT_HOSTS } from './host-authorization';

describe('hostPermitted', () => {
  it.each([
    ['127.0.0.1:5030', true],
    ['[::1]:5030', true],
    ['localhost', true],
    ['GATE.localhost', true],
    ['a.test', true],
    ['gate.example.com', false],
    ['10.0.0', false],
  ])('Sinatra default: Host %s -> %s', (host, ok) => {
    expect(hostPermitted({ host }, SINATRA_DEVELOPMENT_HOSTS)).toBe(ok);
  });

  it('checks the forwarded host too (last of Forwarded host=, else of X-Forwarded-Host)', () => {
    expect(hostPermitted({ host: 'localhost', 'x-forwarded-host': 'evil.example' }, SINATRA_DEVELOPMENT_HOSTS)).toBe(false);
    expect(hostPermitted({ host: 'localhost', 'x-forwarded-host': 'evil.example, 10.0.0.1' }, SINATRA_DEVELOPMENT_HOSTS)).toBe(true);
    expect(hostPermitted({ host: 'localhost', forwarded: 'for=1.2.3.4;host=evil.example' }, SINATRA_DEVELOPMENT_HOSTS)).toBe(false);
  });

  it('takes exact names and ".domain" entries (the domain itself and names ending in it); [] permits all', () => {
    const list = ['gate.example', '.cloud.example'];
    expect(['gate.example:5030', 'cloud.example', 'a.cloud.example'].map((host) => hostPermitted({ host }, list))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['other.example', '10.0.0.1'].map((host) => hostPermitted({ host }, list))).toEqual([false, false]);
    expect(hostPermitted({ host: 'anything' }, [])).toBe(true);
  });
});

describe('over HTTP', () => {
  const named = { Host: 'gate.example.com:5030' };

  it('7.2: 403 Host not permitted, text/plain with nosniff, for a DNS name; IPs and localhost pass', async () => {
    const s72 = await startOneGate({ serverVersion: '7.2' });
    const r = await call(s72, 'GET', '/vm', { as: 42, headers: named });
    expect([r.status, r.body, r.headers['content-type'], r.headers['x-content-type-options']]).toEqual([
      403,
      'Host not permitted',
      'text/plain',
      'nosniff',
    ]);
    for (const host of ['10.0.0.1:5030', 'localhost', 'gate.test', '[::1]:5030'])
      expect((await call(s72, 'GET', '/vm', { as: 42, headers: { Host: host } })).status).toBe(200);
    await s72.close();
  });

  it('6.10 and 7.4 accept any Host; 7.4 with :host_authorization: true behaves like 7.2', async () => {
    for (const serverVersion of ['6.10', '7.4']) {
      const s = await startOneGate({ serverVersion });
      expect((await call(s, 'GET', '/vm', { as: 42, headers: named })).status).toBe(200);
      await s.close();
    }
    const s = await startOneGate({ serverVersion: '7.4', config: { ...shippedConfig(), ':simulator': { ':host_authorization': true } } });
    expect((await call(s, 'GET', '/vm', { as: 42, headers: named })).status).toBe(403);
    await s.close();
  });

  it('7.4 applies :server: {:host_authorization: {:permitted_hosts: [...]}}; 6.10 ignores it', async () => {
    const config = {
      ...shippedConfig(),
      ':server': { ':bind': '127.0.0.1', ':port': 5030, ':host_authorization': { ':permitted_hosts': ['gate.example'] } },
    };
    const s74 = await startOneGate({ serverVersion: '7.4', config });
    expect((await call(s74, 'GET', '/vm', { as: 42, headers: { Host: 'gate.example:5030' } })).status).toBe(200);
    expect((await call(s74, 'GET', '/vm', { as: 42, headers: { Host: '127.0.0.1' } })).status).toBe(403);
    await s74.close();
    const s610 = await startOneGate({ serverVersion: '6.10', config });
    expect((await call(s610, 'GET', '/vm', { as: 42, headers: { Host: '127.0.0.1' } })).status).toBe(200);
    await s610.close();
  });

  // Compared with the real 6.10.5 and 7.4.0 (WEBrick) of the reference harness, docs/simulator.md.
  const noHost = (sim: { tokenFor(vm: number): string }, path: string): string =>
    `GET ${path} HTTP/1.1\r\nX-ONEGATE-VMID: 42\r\nX-ONEGATE-TOKEN: ${sim.tokenFor(42)}\r\nConnection: close\r\n\r\n`;

  it('an HTTP/1.1 request without Host is served (GET / then links to http:///vm); a permitted_hosts list refuses it', async () => {
    for (const serverVersion of ['6.10', '7.4']) {
      const s = await startOneGate({ serverVersion });
      const vm = await rawExchange(s, noHost(s, '/vm'));
      expect(vm.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
      expect(vm).toContain('"NAME":"web_0_(service_7)"');
      const root = await rawExchange(s, noHost(s, '/'));
      expect(root.slice(root.indexOf('\r\n\r\n') + 4)).toBe('{"vm_info":"http:///vm","service_info":"http:///service"}');
      await s.close();
    }
    const config = { ...shippedConfig(), ':server': { ':host_authorization': { ':permitted_hosts': ['127.0.0.1'] } } };
    const s74 = await startOneGate({ serverVersion: '7.4', config });
    const refused = await rawExchange(s74, noHost(s74, '/vm'));
    expect(refused.split('\r\n')[0]).toBe('HTTP/1.1 403 Forbidden');
    expect(refused.endsWith('\r\n\r\nHost not permitted')).toBe(true);
    await s74.close();
  });

  it('HEAD with a refused Host: 403 with Content-Length 0 (rack-protection sends no length; WEBrick counts the empty body)', async () => {
    const s72 = await startOneGate({ serverVersion: '7.2' });
    const head = await call(s72, 'HEAD', '/vm', { as: 42, headers: named });
    expect([head.status, head.headers['content-type'], head.headers['content-length'], head.body]).toEqual([403, 'text/plain', '0', '']);
    const get = await call(s72, 'GET', '/vm', { as: 42, headers: named });
    expect(get.headers['content-length']).toBe('18');
    // a route's own answer keeps its length on HEAD, as Sinatra sets it
    const ok = await call(s72, 'HEAD', '/vm', { as: 42 });
    expect(Number(ok.headers['content-length'])).toBeGreaterThan(100);
    await s72.close();
  });
});
