// The control API over HTTP: state, tokens, VMs, service nodes, scaling, faults, requests, counters.
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { call } from '../http/client';
import { startOneGate } from '../index';

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const sim = perTest(() => startOneGate({ serverVersion: version, control: true }));

  const ctl = async (method: string, path: string, body?: unknown): Promise<[number, any]> => {
    const r = await fetch(`${sim.controlUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return [r.status, text ? JSON.parse(text) : null];
  };

  describe('control API', () => {
    it('shows a VM with its user template, and lists requests and counters', async () => {
      await call(sim, 'PUT', '/vm', { as: 42, body: 'X=1' });
      await call(sim, 'GET', '/vm', { as: 42 });
      const [, vm] = await ctl('GET', '/vms/42');
      expect(vm.USER_TEMPLATE.X).toBe('1');
      expect(vm.USER_TEMPLATE_TEXT).toContain('X="1"');
      const [, reqs] = await ctl('GET', '/requests');
      expect(reqs.map((r: { method: string; body: string }) => [r.method, r.body])).toEqual([
        ['PUT', 'X=1'],
        ['GET', ''],
      ]);
      expect(reqs[0].headers['x-onegate-vmid']).toBe('42');
      const [, counters] = await ctl('GET', '/vms/42/counters');
      expect(counters).toEqual({ requests: 2, byRoute: { 'PUT /vm': 1, 'GET /vm': 1 }, byStatus: { 200: 2 } });
      expect(await ctl('DELETE', '/requests')).toEqual([204, null]);
      expect((await ctl('GET', '/requests'))[1]).toEqual([]);
    });

    it("sets user-template attributes as an administrator would, seen by the VM's GET /vm", async () => {
      const [status, vm] = await ctl('PUT', '/vms/42/user_template', { OWNER_NOTE: 'set by admin' });
      expect(status).toBe(200);
      expect(vm.USER_TEMPLATE.OWNER_NOTE).toBe('set by admin');
      expect(JSON.parse((await call(sim, 'GET', '/vm', { as: 42 })).body).VM.USER_TEMPLATE.OWNER_NOTE).toBe('set by admin');
      expect(await ctl('PUT', '/vms/42/user_template', { 'BAD NAME': 'x' })).toEqual([
        400,
        { error: 'attribute "BAD NAME": expected NAME: "text"' },
      ]);
      expect((await ctl('PUT', '/vms/999/user_template', { A: 'x' }))[0]).toBe(404);
    });

    it('rotates TOKEN_PASSWORD and answers the new tokens', async () => {
      const old = sim.tokenFor(42);
      const [status, body] = await ctl('PUT', '/users/alice/token_password', { password: 'a'.repeat(64) });
      expect(status).toBe(200);
      expect(body.tokens['42']).toBe(sim.tokenFor(42));
      expect(body.tokens['80']).toBeNull();
      expect((await call(sim, 'GET', '/vm', { as: 42, token: old })).status).toBe(401);
      expect((await ctl('GET', '/vms/42/token'))[1]).toEqual({ token: sim.tokenFor(42) });
    });

    it('adds and removes VMs and service nodes, scales and sets states', async () => {
      const [status, vm] = await ctl('POST', '/vms', { name: 'extra', uid: '2', template: { CREATED_BY: '2' } });
      expect(status).toBe(201);
      expect(await ctl('POST', `/services/7/roles/db/nodes`, { vmid: vm.ID })).toEqual([204, null]);
      expect((await call(sim, 'GET', `/vms/${vm.ID}`, { as: 42 })).status).toBe(200);
      expect(sim.vm(vm.ID).USER_TEMPLATE).toEqual({ ROLE_NAME: 'db', SERVICE_ID: '7' });
      expect(await ctl('DELETE', `/services/7/roles/db/nodes/${vm.ID}`)).toEqual([204, null]);
      expect((await call(sim, 'GET', `/vms/${vm.ID}`, { as: 42 })).status).toBe(400);
      expect(await ctl('PUT', '/services/7/roles/db', { cardinality: 3 })).toEqual([204, null]);
      expect(JSON.parse((await call(sim, 'GET', '/service', { as: 42 })).body).SERVICE.roles[1].nodes).toHaveLength(3);
      expect((await ctl('PUT', '/vms/42/state', { state: 8 }))[1]).toMatchObject({ STATE: 8, LCM_STATE: 0 });
      expect(await ctl('DELETE', '/vms/44')).toEqual([204, null]);
      expect((await call(sim, 'GET', '/vm', { as: 44, token: 'x' })).status).toBe(401);
    });

    it('injects and clears faults', async () => {
      expect((await ctl('POST', '/faults', { route: '/vm', kind: 'status', status: 500 }))[0]).toBe(201);
      expect((await call(sim, 'GET', '/vm', { as: 42 })).status).toBe(500);
      expect((await ctl('GET', '/faults'))[1]).toHaveLength(1);
      await ctl('DELETE', '/faults');
      expect((await call(sim, 'GET', '/vm', { as: 42 })).status).toBe(200);
    });

    it('answers bad input with a one-line error', async () => {
      expect(await ctl('GET', '/vms/999')).toEqual([404, { error: 'no VM 999' }]);
      expect(await ctl('POST', '/faults', { kind: 'nope' })).toEqual([400, { error: expect.stringMatching(/^fault: kind "nope"/) }]);
      expect(await ctl('PUT', '/vms/42/state', { state: 'x' })).toEqual([400, { error: 'state: "x" is not an integer' }]);
      expect((await ctl('GET', '/nope'))[0]).toBe(404);
      expect((await ctl('PATCH', '/vms'))[0]).toBe(405);
      const r = await fetch(`${sim.controlUrl}/vms`, { method: 'POST', body: '{' });
      expect(r.status).toBe(400);
    });
  });
});
