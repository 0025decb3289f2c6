// Conformance over real HTTP: routes, HEAD, catch-all, content types and the GET shapes (docs/onegate-protocol.md).
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { call } from '../http/client';
import { startOneGate } from '../index';

const sim = perSuite(() => startOneGate({ serverVersion: '6.10' }));

describe('GET /', () => {
  it('builds the URLs from the scheme and Host header', async () => {
    const r = await call(sim, 'GET', '/', { as: 42, headers: { Host: '169.254.16.9:5030' } });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(r.body)).toEqual({ vm_info: 'http://169.254.16.9:5030/vm', service_info: 'http://169.254.16.9:5030/service' });
  });

  it('uses :ssl_server verbatim and needs no permission flag', async () => {
    const s = await startOneGate({ config: { ':ssl_server': 'https://x/', ':permissions': {} } });
    const r = await call(s, 'GET', '/', { as: 42 });
    expect(JSON.parse(r.body)).toEqual({ vm_info: 'https://x//vm', service_info: 'https://x//service' });
    await s.close();
  });
});

describe('GET /vm', () => {
  it('returns the filtered view with string scalars, arrays and no SCHED_MESSAGE', async () => {
    const r = await call(sim, 'GET', '/vm', { as: 42 });
    const vm = JSON.parse(r.body).VM;
    expect(Object.keys(vm)).toEqual(['NAME', 'ID', 'STATE', 'LCM_STATE', 'USER_TEMPLATE', 'TEMPLATE']);
    expect([vm.ID, vm.STATE, vm.LCM_STATE]).toEqual(['42', '3', '3']);
    expect(vm.USER_TEMPLATE).toEqual({
      APP: { PORT: '8080', PROTO: 'http' },
      DESCRIPTION: 'frontend',
      ROLE_NAME: 'web',
      SERVICE_ID: '7',
      TAG: ['a', 'b'],
    });
    expect(vm.TEMPLATE.NIC).toEqual([
      { IP: '10.0.0.5', MAC: '02:00:0a:00:00:05', NAME: 'NIC0', NETWORK: 'private' },
      {
        IP6_GLOBAL: '2001:db8:0:1:0:aff:fe00:105',
        IP6_LINK: 'fe80::aff:fe00:105',
        MAC: '02:00:0a:00:01:05',
        NAME: 'NIC1',
        NETWORK: 'v6net',
      },
    ]);
    expect(vm.TEMPLATE.NIC_ALIAS).toEqual([
      { IP: '10.0.0.50', MAC: '02:00:0a:00:00:32', NAME: 'NIC0_ALIAS2', NETWORK: 'private', PARENT: 'NIC0' },
    ]);
  });

  it('gives empty arrays for a VM without NICs, and serves POWEROFF and DONE VMs', async () => {
    const off = JSON.parse((await call(sim, 'GET', '/vm', { as: 12345 })).body).VM;
    expect(off.TEMPLATE).toEqual({ NIC: [], NIC_ALIAS: [] });
    expect(off.STATE).toBe('8');
    expect(JSON.parse((await call(sim, 'GET', '/vm', { as: 70 })).body).VM.STATE).toBe('6');
  });

  it('keeps EXTERNAL on an alias and, only for 6.10, appends MONITORING IPs as NICs', async () => {
    const vm = JSON.parse((await call(sim, 'GET', '/vm', { as: 43 })).body).VM;
    expect(vm.TEMPLATE.NIC_ALIAS[0].EXTERNAL).toBe('YES');
    expect(vm.TEMPLATE.NIC).toHaveLength(2);
    expect(vm.TEMPLATE.NIC[1]).toEqual({ IP: '10.0.0.66' });
    const s74 = await startOneGate({ serverVersion: '7.4' });
    expect(JSON.parse((await call(s74, 'GET', '/vm', { as: 43 })).body).VM.TEMPLATE.NIC).toHaveLength(1);
    await s74.close();
  });
});

describe('HEAD, catch-all and content types', () => {
  it('answers HEAD like GET without a body', async () => {
    const r = await call(sim, 'HEAD', '/vm', { as: 42 });
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    expect(Number(r.headers['content-length'])).toBeGreaterThan(100);
    expect((await call(sim, 'HEAD', '/vm')).status).toBe(401);
  });

  it.each([
    ['GET', '/nope'],
    ['GET', '/vm/'],
    ['DELETE', '/vm'],
    ['POST', '/vm'],
    ['GET', '/vms/42/action'],
    ['PATCH', '/service'],
    ['POST', '/service/7/scale'],
    ['GET', '/vnet'],
    ['OPTIONS', '/'],
    ['GET', '//vm'],
  ])('%s %s is the catch-all 400', async (method, path) => {
    const r = await call(sim, method, path, { as: 42 });
    expect(r.status).toBe(400);
    expect(r.body).toBe("OneGate server doesn't support this feature");
    expect(r.headers['content-type']).toBe('application/json;charset=utf-8');
  });

  it('answers an unauthenticated catch-all without checking the token', async () => {
    expect((await call(sim, 'GET', '/nope')).status).toBe(400);
  });
});
