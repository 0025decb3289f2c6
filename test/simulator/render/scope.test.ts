// Conformance: the scope rules of /vms/:id and their errors (docs/onegate-protocol.md, "Errors"), over GET, PUT and POST.
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { call, form, json } from '../http/client';
import { startOneGate } from '../index';

const sim = perSuite(() => startOneGate());

const idOf = async (as: number, id: number | string): Promise<[number, string]> => {
  const r = await call(sim, 'GET', `/vms/${id}`, { as });
  return [r.status, r.status === 200 ? JSON.parse(r.body).VM.ID : r.body];
};

describe('GET /vms/:id', () => {
  it('serves the caller itself with no membership check', async () => {
    expect(await idOf(7, 7)).toEqual([200, '7']);
  });

  it('serves peers of the same service and router', async () => {
    expect(await idOf(42, 44)).toEqual([200, '44']);
    expect(await idOf(50, 51)).toEqual([200, '51']);
  });

  it.each([
    [7, 42, 400, 'This VM does not belong to any Virtual Router or Service, so it cannot retrieve information from other VMs'],
    [60, 42, 404, 'Service 7 not found'],
    [42, 7, 400, 'Service 7 does not contain VM 7.'],
    [42, 'abc', 400, 'Service 7 does not contain VM 0.'],
    [50, 42, 400, 'Virtual Router 3 does not contain VM 42.'],
  ])('VM %s asking for %s: %i %s', async (as, id, status, body) => {
    expect(await idOf(as, id)).toEqual([status, body]);
  });

  it('checks only the target for /vms/:id (a spoofed SERVICE_ID reads members), but the caller for /service', async () => {
    expect(await idOf(61, 42)).toEqual([200, '42']);
    const r = await call(sim, 'GET', '/service', { as: 61 });
    expect([r.status, r.body]).toEqual([400, 'Service 7 does not contain VM 61.']);
  });

  it('applies the same rule to PUT and POST', async () => {
    expect((await call(sim, 'PUT', '/vms/42', { as: 7, ...form('A=1') })).body).toMatch(/does not belong/);
    expect((await call(sim, 'POST', '/vms/42/action', { as: 50, ...json({ action: { perform: 'hold' } }) })).body).toBe(
      'Virtual Router 3 does not contain VM 42.',
    );
  });
});

describe('service and router errors', () => {
  it('rejects a non-numeric SERVICE_ID and a VM without a router', async () => {
    const s = await startOneGate();
    await call(s, 'PUT', '/vm', { as: 42, ...form('SERVICE_ID = x') });
    expect(await call(s, 'GET', '/service', { as: 42 }).then((r) => [r.status, r.body])).toEqual([400, 'Empty or invalid SERVICE_ID']);
    expect(await call(s, 'GET', '/service', { as: 7 }).then((r) => [r.status, r.body])).toEqual([400, 'Empty or invalid SERVICE_ID']);
    expect(await call(s, 'GET', '/vrouter', { as: 7 }).then((r) => [r.status, r.body])).toEqual([400, 'Empty or invalid VROUTER_ID']);
    await s.close();
  });

  it('answers 404 for a missing router and "is empty." for a service without roles', async () => {
    const s = await startOneGate({
      fixtures: {
        users: [
          {
            id: 2,
            name: 'alice',
            gid: 1,
            template: { TOKEN_PASSWORD: '5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5' },
          },
        ],
        vms: [{ id: 1, uid: 2, stime: 1, template: { CREATED_BY: 2, VROUTER_ID: 9 }, user_template: { SERVICE_ID: 5 } }],
        services: [{ id: 5, name: 'bare', uid: 2 }],
      },
    });
    expect(await call(s, 'GET', '/service', { as: 1 }).then((r) => [r.status, r.body])).toEqual([400, 'Service 5 is empty.']);
    expect(await call(s, 'GET', '/vrouter', { as: 1 }).then((r) => [r.status, r.body])).toEqual([404, 'Virtual router 9 not found']);
    await s.close();
  });
});
