// Conformance: GET /service (+extended) and PUT /service/role/:role (onegate-server.rb l.919, l.1013 at release-7.4.0).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedConfig } from '../config/config';
import { call, form, json } from '../http/client';
import { type Simulator, startOneGate } from '../index';

let sim: Simulator;
beforeEach(async () => {
  sim = await startOneGate();
});
afterEach(async () => {
  await sim.close();
});

const scale = (role: string, body: string, as = 42, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  call(sim, 'PUT', `/service/role/${role}`, { as, body, headers });

describe('GET /service', () => {
  it('has the OneFlow shape: string id, integer states and deploy_id, running null, minimal vm_info', async () => {
    const body = JSON.parse((await call(sim, 'GET', '/service', { as: 43 })).body);
    expect(body).toEqual({
      SERVICE: {
        name: 'shop',
        id: '7',
        state: 2,
        roles: [
          {
            name: 'web',
            cardinality: 2,
            state: 2,
            nodes: [
              {
                deploy_id: 42,
                running: null,
                vm_info: { VM: { ID: '42', UID: '2', GID: '1', UNAME: 'alice', GNAME: 'users', NAME: 'web_0_(service_7)' } },
              },
              {
                deploy_id: 43,
                running: null,
                vm_info: { VM: { ID: '43', UID: '2', GID: '1', UNAME: 'alice', GNAME: 'users', NAME: 'web_1_(service_7)' } },
              },
            ],
          },
          {
            name: 'db',
            cardinality: 1,
            state: 2,
            nodes: [
              {
                deploy_id: 44,
                running: null,
                vm_info: { VM: { ID: '44', UID: '2', GID: '1', UNAME: 'alice', GNAME: 'users', NAME: 'db_0_(service_7)' } },
              },
            ],
          },
        ],
      },
    });
  });

  it('switches to the raw VM hash when extended is present, whatever its value', async () => {
    const bare = JSON.parse((await call(sim, 'GET', '/service?extended', { as: 42 })).body).SERVICE.roles[0].nodes[0];
    expect(Object.keys(bare.vm_info.VM)).toEqual(['ID', 'UID', 'GID', 'UNAME', 'GNAME', 'NAME']); // Rack: "extended" without "=" is nil
    for (const q of ['?extended=true', '?extended=false', '?extended=']) {
      const node = JSON.parse((await call(sim, 'GET', `/service${q}`, { as: 42 })).body).SERVICE.roles[0].nodes[0];
      expect(node.vm_info.VM.USER_TEMPLATE.SCHED_MESSAGE).toMatch(/No host/);
      expect(node.vm_info.VM.TEMPLATE.CONTEXT.TOKEN).toBe('YES');
      expect(node.vm_info.VM.TEMPLATE.NIC).toHaveLength(2);
    }
  });

  it('keeps the vm_info OneFlow stored (a rename shows only in extended mode) and PREV_STATE in the raw hash', async () => {
    await call(sim, 'POST', '/vms/43/action', { as: 42, ...json({ action: { perform: 'rename', params: 'renamed' } }) });
    await call(sim, 'POST', '/vms/43/action', { as: 42, ...json({ action: { perform: 'suspend' } }) });
    const plain = JSON.parse((await call(sim, 'GET', '/service', { as: 42 })).body).SERVICE.roles[0].nodes[1].vm_info.VM;
    const raw = JSON.parse((await call(sim, 'GET', '/service?extended=1', { as: 42 })).body).SERVICE.roles[0].nodes[1].vm_info.VM;
    expect(plain.NAME).toBe('web_1_(service_7)');
    expect([raw.NAME, raw.STATE, raw.LCM_STATE, raw.PREV_STATE, raw.PREV_LCM_STATE]).toEqual(['renamed', '5', '0', '3', '3']);
  });

  it("gives ≤ 5.10 servers' filtered vm_info and boolean running", async () => {
    const old = await startOneGate({ config: { ...shippedConfig(), ':simulator': { ':version': '5.10' } } });
    const node = JSON.parse((await call(old, 'GET', '/service', { as: 42 })).body).SERVICE.roles[0].nodes[0];
    expect(node.running).toBe(true);
    expect(node.vm_info.VM.TEMPLATE.NIC[0].IP).toBe('10.0.0.5');
    await old.close();
  });
});

describe('PUT /service/role/:role', () => {
  it('scales with a number or a numeric string and creates the node VMs', async () => {
    expect(await scale('web', '{"cardinality":"3"}').then((r) => [r.status, r.body])).toEqual([200, '']);
    const web = JSON.parse((await call(sim, 'GET', '/service', { as: 42 })).body).SERVICE.roles[0];
    expect(web.cardinality).toBe(3);
    expect(web.nodes).toHaveLength(3);
    const added = sim.vm(web.nodes[2].deploy_id);
    expect(added.USER_TEMPLATE).toEqual({ ROLE_NAME: 'web', SERVICE_ID: '7' });
    expect((await call(sim, 'GET', `/vms/${added.ID}`, { as: 42 })).status).toBe(200);
    expect((await scale('web', '{"cardinality":1}')).status).toBe(200);
    expect(sim.vm(43).STATE).toBe(6);
  });

  it.each([
    ['db', '{"cardinality":2}', 'Error performing action on service 7 role db'],
    ['web', '{"cardinality":2}', 'Error performing action on service 7 role web'],
    ['web', '{"cardinality":9}', 'Error performing action on service 7 role web'],
    ['nope', '{"cardinality":2}', 'Error performing action on service 7 role nope'],
  ])('refused by OneFlow: %s %s', async (role, body, text) => {
    expect(await scale(role, body).then((r) => [r.status, r.body])).toEqual([400, text]);
  });

  it('answers 500 for a body that is not JSON', async () => {
    expect(await scale('web', 'nope').then((r) => [r.status, r.body])).toEqual([500, "unexpected token at 'nope'"]);
  });

  it('reproduces #7954 (form-typed body read as empty) behind the switch or a fault', async () => {
    const body = '{"cardinality":3}';
    const formType = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await scale('web', body, 42, formType)).status).toBe(200);
    sim.setFault({ kind: 'form-body-bug', route: '/service/role/:role' });
    expect(await scale('web', body, 42, formType).then((r) => [r.status, r.body])).toEqual([500, "unexpected token at ''"]);
    expect((await scale('web', '{"cardinality":4}')).status).toBe(200);
  });

  it('checks membership first', async () => {
    expect((await call(sim, 'PUT', '/service/role/web', { as: 7, ...json({ cardinality: 3 }) })).body).toBe('Empty or invalid SERVICE_ID');
    expect((await call(sim, 'PUT', '/service/role/web', { as: 61, ...form('x') })).body).toBe('Service 7 does not contain VM 61.');
  });
});
