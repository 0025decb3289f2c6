// Conformance: POST /vms/:id/action (perform_action, onegate-server.rb l.228 and l.1003 at release-7.4.0) and its state changes.
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { shippedConfig } from '../config/config';
import { call, json } from '../http/client';
import { startOneGate } from '../index';

// The texts of halts are those of 6.10 (7.0.1+ answers every 500 as "Internal server error": versions.test.ts).
const sim = perTest(() => startOneGate({ serverVersion: '6.10' }));

const act = (body: string, id = 43, as = 42, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  call(sim, 'POST', `/vms/${id}/action`, { as, body, headers });
const perform = (p: string, params?: unknown) =>
  act(JSON.stringify({ action: params === undefined ? { perform: p } : { perform: p, params } }));

describe('body errors', () => {
  it.each([
    ['x', 400, "unexpected token at 'x'"],
    ['', 400, "unexpected token at ''"],
    ['{"perform":"hold"}', 400, 'Error parsing JSON: Wrong resource type'],
    ['{"action":{"perform":"reboot"}}', 403, 'Action (reboot) is not allowed on this resource'],
    ['{"action":{"perform":"REBOOT"}}', 403, 'Action (REBOOT) is not allowed on this resource'],
    ['{"action":{"perform":"dance"}}', 500, 'dance action not  available for this resource'],
    [
      '{"action":{"perform":"hold"}}',
      500,
      '[one.vm.action] Error performing action "hold": This action is not available for state RUNNING',
    ],
    ['{"action":{"perform":"resched"}}', 500, '[one.vm.action] User [2] : Not authorized to perform ADMIN VM [43].'],
  ])('%j -> %i %j', async (body, status, text) => {
    const r = await act(body);
    expect([r.status, r.body]).toEqual([status, text]);
    expect(r.headers['content-type']).toBe('application/json;charset=utf-8');
  });

  it.each([
    ['{"action":{"perform":"chown","params":"1"}}', 'ArgumentError', 'wrong number of arguments (given 1, expected 2)'],
    ['{"action":{"perform":"resize"}}', 'ArgumentError', 'wrong number of arguments (given 1, expected 2)'],
  ])('%j raises %s: a development page on 6.10, the message as JSON on 7.4', async (body, cls, message) => {
    const page = await call(sim, 'POST', '/vms/43/action', { as: 42, body, headers: { Accept: '*/*' } });
    expect([page.status, page.headers['content-type'], page.body]).toEqual([500, 'text/plain', `${cls}: ${message}\n`]);
    const s74 = await startOneGate({ serverVersion: '7.4' });
    const r = await call(s74, 'POST', '/vms/43/action', { as: 42, body });
    expect([r.status, r.headers['content-type'], r.body]).toEqual([500, 'application/json;charset=utf-8', message]);
    await s74.close();
  });

  it('reads the body whatever the Content-Type; 7.x loses a form-typed one', async () => {
    expect((await act('{"action":{"perform":"suspend"}}', 43, 42, {})).status).toBe(204);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect((await act('{"action":{"perform":"resume"}}', 43, 42, form)).status).toBe(204);
    const s74 = await startOneGate({ serverVersion: '7.4' });
    const r = await call(s74, 'POST', '/vms/43/action', { as: 42, body: '{"action":{"perform":"suspend"}}', headers: form });
    expect([r.status, r.body]).toEqual([400, "unexpected token at ''"]);
    await s74.close();
  });

  it('allows reboot when :restricted_actions is []', async () => {
    const s = await startOneGate({ config: { ...shippedConfig(), ':restricted_actions': [] } });
    expect((await call(s, 'POST', '/vms/43/action', { as: 42, ...json({ action: { perform: 'reboot' } }) })).status).toBe(204);
    await s.close();
  });
});

describe('state changes', () => {
  it('answers 204 without body or Content-Type', async () => {
    const r = await perform('poweroff');
    expect([r.status, r.body, r.headers['content-type']]).toEqual([204, '', undefined]);
  });

  it.each([
    [['poweroff'], 8, 0],
    [['poweroff', 'resume'], 3, 3],
    [['suspend'], 5, 0],
    [['stop'], 4, 0],
    [['stop', 'resume'], 1, 0],
    [['undeploy'], 9, 0],
    [['terminate'], 6, 0],
    [['delete'], 6, 0],
    [['shutdown'], 6, 0],
  ])('%j leaves STATE %i LCM_STATE %i', async (steps, state, lcm) => {
    for (const p of steps) expect((await perform(p)).status).toBe(204);
    expect([sim.vm(43).STATE, sim.vm(43).LCM_STATE]).toEqual([state, lcm]);
    const shown = JSON.parse((await call(sim, 'GET', '/vms/43', { as: 42 })).body).VM;
    expect([shown.STATE, shown.LCM_STATE]).toEqual([String(state), String(lcm)]);
  });

  it('uses the -hard variant for truthy params and records actions', async () => {
    await perform('poweroff', true);
    await perform('resume', 0);
    await perform('terminate', 'no');
    expect(sim.vm(43).actions.map((a) => a.action)).toEqual(['poweroff-hard', 'resume', 'terminate-hard']);
  });

  it("refuses an action in the wrong state with oned's message", async () => {
    const r = await act('{"action":{"perform":"suspend"}}', 12345, 12345);
    expect(r.status).toBe(500);
    expect(r.body).toBe('[one.vm.action] Error performing action "suspend": This action is not available for state POWEROFF');
  });

  it('runs snapshot, rename and NIC operations', async () => {
    expect((await perform('snapshot_create', 's1')).status).toBe(204);
    expect((await perform('snapshot_delete', 0)).status).toBe(204);
    expect((await perform('snapshot_revert', 0)).body).toMatch(/Snapshot 0 does not exist/);
    expect((await perform('rename', 'web-renamed')).status).toBe(204);
    expect((await perform('attachnic', 'NIC=[NETWORK_ID=1,IP=10.0.0.9]')).status).toBe(204);
    expect((await perform('detachnic', 9)).body).toMatch(/NIC 9 does not exist/);
    const vm = JSON.parse((await call(sim, 'GET', '/vms/43', { as: 42 })).body).VM;
    expect(vm.NAME).toBe('web-renamed');
    expect(vm.TEMPLATE.NIC.map((n: { IP: string }) => n.IP)).toEqual(['10.0.0.6', '10.0.0.9', '10.0.0.66']); // 6.10 appends MONITORING GUEST_IP
  });
});
