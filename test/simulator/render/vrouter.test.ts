// Conformance: GET /vrouter and GET /vnet/:id (onegate-server.rb l.930-993 at release-7.4.0; docs/onegate-protocol.md).
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { shippedConfig } from '../config/config';
import { call } from '../http/client';
import { startOneGate } from '../index';

const sim = perSuite(() => startOneGate());

const get = async (path: string, as = 50): Promise<[number, unknown]> => {
  const r = await call(sim, 'GET', path, { as });
  return [r.status, r.status === 200 ? JSON.parse(r.body) : r.body];
};

describe('GET /vrouter', () => {
  it('forces NIC into an array and keeps the rest of the template; two VM IDs become integers', async () => {
    const [status, body] = await get('/vrouter', 51);
    expect(status).toBe(200);
    const vr = (body as { VROUTER: Record<string, any> }).VROUTER;
    expect([vr.NAME, vr.ID, vr.VMS]).toEqual(['gw', '3', { ID: [50, 51] }]);
    expect(vr.TEMPLATE.NIC.map((n: { IP: string }) => n.IP)).toEqual(['192.168.150.100', '10.0.0.1']);
    expect(vr.TEMPLATE.KEEPALIVED_ID).toBe('3');
  });

  it('keeps a single VM ID as a string inside an array', async () => {
    const s = await startOneGate();
    s.removeVm(51);
    const vr = JSON.parse((await call(s, 'GET', '/vrouter', { as: 50 })).body).VROUTER;
    await s.close();
    expect(vr.VMS).toEqual({ ID: ['50'] });
  });

  it.each([
    [7, 'Empty or invalid VROUTER_ID'],
    [42, 'Empty or invalid VROUTER_ID'],
  ])('VM %i: 400 %s', async (as, text) => {
    expect(await get('/vrouter', as)).toEqual([400, text]);
  });
});

describe('GET /vnet/:id', () => {
  it('returns the selected keys with arrays forced and the template filtered in list order', async () => {
    const [, body] = await get('/vnet/1');
    const net = (body as { VNET: Record<string, any> }).VNET;
    expect(Object.keys(net)).toEqual(['ID', 'NAME', 'USED_LEASES', 'VROUTERS', 'PARENT_NETWORK_ID', 'AR_POOL', 'TEMPLATE']);
    expect([net.ID, net.NAME, net.VROUTERS, net.PARENT_NETWORK_ID]).toEqual(['1', 'private', { ID: ['3'] }, {}]);
    expect(Object.keys(net.TEMPLATE)).toEqual(['NETWORK_ADDRESS', 'NETWORK_MASK', 'GATEWAY', 'DNS', 'METRIC', 'SEARCH_DOMAIN']);
    const ar = net.AR_POOL.AR[0];
    expect([ar.IP_END, ar.MAC_END]).toEqual(['10.0.0.100', '02:00:0a:00:00:64']);
    expect(ar.LEASES.LEASE.find((l: { VM?: string }) => l.VM === '42')).toEqual({ IP: '10.0.0.5', MAC: '02:00:0a:00:00:05', VM: '42' });
    expect(ar.LEASES.LEASE.filter((l: { VNET?: string }) => l.VNET === '2')).toHaveLength(4);
  });

  it('orders the template by the configured list; without the key, the built-in list (SEARCH_DOMAIN first)', async () => {
    const { ':vnet_template_attributes': _drop, ...rest } = shippedConfig();
    const s = await startOneGate({ config: rest });
    const net = JSON.parse((await call(s, 'GET', '/vnet/1', { as: 50 })).body).VNET;
    await s.close();
    expect(Object.keys(net.TEMPLATE)).toEqual(['NETWORK_ADDRESS', 'NETWORK_MASK', 'GATEWAY', 'DNS', 'SEARCH_DOMAIN', 'METRIC']);
    const custom = await startOneGate({ config: { ...rest, ':vnet_template_attributes': ['DNS', 'NOPE', 'GATEWAY'] } });
    const t = JSON.parse((await call(custom, 'GET', '/vnet/1', { as: 50 })).body).VNET.TEMPLATE;
    await custom.close();
    expect(t).toEqual({ DNS: '10.0.0.254', GATEWAY: '10.0.0.1' });
  });

  it('allows the reservation child and the parent-sharing sibling, with PARENT_NETWORK_ID a string', async () => {
    const [status, body] = await get('/vnet/2');
    expect(status).toBe(200);
    expect((body as { VNET: { PARENT_NETWORK_ID: string } }).VNET.PARENT_NETWORK_ID).toBe('1');
  });

  it('adds NIC_NAME, alias fields and BACKEND data in extended mode (only for extended=true)', async () => {
    const leases = async (q: string): Promise<Record<string, unknown>[]> =>
      ((await get(`/vnet/0${q}`))[1] as any).VNET.AR_POOL.AR[0].LEASES.LEASE;
    const ext = await leases('?extended=TRUE');
    expect(ext.find((l) => l.VM === '43')).toEqual({
      IP: '192.168.150.110',
      MAC: '02:00:c0:a8:96:6e',
      VM: '43',
      PARENT: 'NIC0',
      PARENT_NETWORK_ID: '1',
      EXTERNAL: true,
      NIC_NAME: 'NIC0_ALIAS1',
      BACKEND: 'YES',
      ONEGATE_LB0_IP: '192.168.150.100',
      ONEGATE_LB0_PORT: '80',
      ONEGATE_LB0_SERVER_HOST: '10.0.0.6',
      ONEGATE_LB0_SERVER_PORT: '8080',
    });
    expect(ext.find((l) => l.VM === '50')).toMatchObject({ NIC_NAME: 'NIC0' });
    expect((await leases('?extended=yes')).find((l) => l.VM === '50')).not.toHaveProperty('NIC_NAME');
  });

  it.each([
    ['/vnet/x', 50, 400, 'Invalid id format (ID: x). ID must be an integer.'],
    ['/vnet/1', 42, 400, 'Virtual networks information can only be retrieved from Virtual Routers.'],
    ['/vnet/9', 50, 404, 'Virtual network 9 not found'],
    ['/vnet/5', 50, 400, 'Virtual Network 5 cannot be retrieved from Virtual router 3.'],
    ['/vnet/4', 50, 400, 'Virtual Network 4 cannot be retrieved from Virtual router 3.'],
  ])('%s as VM %i: %i %s', async (path, as, status, text) => {
    expect(await get(path, as)).toEqual([status, text]);
  });
});
