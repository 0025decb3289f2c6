// Conformance: GET /service (+extended) and PUT /service/role/:role (onegate-server.rb l.919, l.1013 at release-7.4.0).
import { readFileSync } from 'node:fs';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../agent/log';
import { perTest } from '../../support/per-test';
import { shippedConfig } from '../config/config';
import { call, form, json } from '../http/client';
import { startOneGate } from '../index';
import { DEFAULT_FIXTURES } from '../world/fixtures';

// 6.10's texts; the 7.x differences are pinned by the tests below that start a 7.4 (or 7.2) simulator.
const sim = perTest(() => startOneGate({ serverVersion: '6.10' }));

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

  it('answers 500 for a body that is not JSON: the exception message on 7.4, a development page on 6.10', async () => {
    const page = await scale('web', 'nope');
    expect([page.status, page.headers['content-type']]).toEqual([500, 'text/html']);
    expect(page.body).toContain('<title>JSON::ParserError at &#x2F;service&#x2F;role&#x2F;web</title>');
    const s74 = await startOneGate({ serverVersion: '7.4' });
    const r = await call(s74, 'PUT', '/service/role/web', { as: 42, body: 'nope', headers: { 'Content-Type': 'application/json' } });
    expect([r.status, r.body]).toEqual([500, "unexpected token at 'nope'"]);
    await s74.close();
  });

  it('loses a form-typed body on 7.x (#7954), and with the form-body-bug fault on any version', async () => {
    const body = '{"cardinality":3}';
    const formType = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await scale('web', body, 42, formType)).status).toBe(200);
    sim.setFault({ kind: 'form-body-bug', route: '/service/role/:role', times: 1 });
    expect(await scale('web', '{"cardinality":4}', 42, formType).then((r) => [r.status, r.headers['content-type']])).toEqual([
      500,
      'text/html',
    ]);
    expect((await scale('web', '{"cardinality":4}')).status).toBe(200);
    const s74 = await startOneGate({ serverVersion: '7.4' });
    const lost = await call(s74, 'PUT', '/service/role/web', { as: 42, body, headers: formType });
    expect([lost.status, lost.body]).toEqual([500, "unexpected token at ''"]);
    expect((await call(s74, 'PUT', '/service/role/web', { as: 42, ...json({ cardinality: 3 }) })).status).toBe(200);
    await s74.close();
  });

  it('checks membership first', async () => {
    expect((await call(sim, 'PUT', '/service/role/web', { as: 7, ...json({ cardinality: 3 }) })).body).toBe('Empty or invalid SERVICE_ID');
    expect((await call(sim, 'PUT', '/service/role/web', { as: 61, ...form('x') })).body).toBe('Service 7 does not contain VM 61.');
  });

  const withVrRole = () => {
    const world = load(readFileSync(DEFAULT_FIXTURES, 'utf8'), { schema: FAILSAFE_SCHEMA }) as { services: { roles: object[] }[] };
    world.services[0].roles.push({ name: 'gw', type: 'vr', cardinality: '2', nodes: ['50', '51'] });
    return world;
  };

  it('7.x: shows a virtual-router role like any role and refuses to scale it', async () => {
    const world = withVrRole();
    const lines: string[] = [];
    const log: Logger = { error: (m) => lines.push(m), warn: () => {}, info: () => {}, debug: () => {} };
    const s74 = await startOneGate({ serverVersion: '7.4', fixtures: world, log });
    const roles = JSON.parse((await call(s74, 'GET', '/service', { as: 42 })).body).SERVICE.roles;
    expect(roles[2]).toMatchObject({ name: 'gw', cardinality: 2, nodes: [{ deploy_id: 50 }, { deploy_id: 51 }] });
    expect(Object.keys(roles[2])).toEqual(['name', 'cardinality', 'state', 'nodes']); // no type, vrouter_id, vrouter_ips
    const r = await call(s74, 'PUT', '/service/role/gw', { as: 42, ...json({ cardinality: 3 }) });
    expect([r.status, r.body]).toEqual([400, 'Error performing action on service 7 role gw']);
    expect(lines.join('\n')).toContain("Can't scale service 7: Virtual Router role gw does not support cardinality update");
    await s74.close();
  });

  it('6.10 (vr_roles off) has no role types: a world with a virtual-router role is refused at start, naming the switch', async () => {
    await expect(startOneGate({ serverVersion: '6.10', fixtures: withVrRole() })).rejects.toThrow(
      'fixtures object: service 7 role gw: type vr (a virtual-router role) needs OneFlow 7 (:simulator: :vr_roles:); this simulator imitates 6.10',
    );
    const on = await startOneGate({
      serverVersion: '6.10',
      fixtures: withVrRole(),
      config: { ...shippedConfig(), ':simulator': { ':vr_roles': true } },
    });
    expect(JSON.parse((await call(on, 'GET', '/service', { as: 42 })).body).SERVICE.roles[2].name).toBe('gw');
    await on.close();
  });
});
