// The puller against the simulator over real HTTP, with real hook processes.
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunHook } from '../../../agent/hooks/types';
import { silentLogger } from '../../../agent/log';
import { OneGateClient } from '../../../agent/onegate/client';
import { DEFAULT_PULLER_OPTIONS } from '../../../agent/pull/options';
import { createPuller } from '../../../agent/pull/puller';
import { startOneGate } from '../../simulator/index';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { pullerFor, requestsOf } from './harness';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
// A fresh world per test: scaling and attribute updates must not leak into the next test.
describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const sim = perTest(() => startOneGate({ serverVersion: version }));
  const setup = (...args: Parameters<typeof pullerFor> extends [unknown, ...infer R] ? R : never) => {
    const p = pullerFor(sim, ...args);
    cleanups.push(p.close);
    return p;
  };
  const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

  describe('puller, VM in a service (42, service 7)', () => {
    it('writes vm.json and service.json 0644 on the first pull, fires every event once, then nothing', async () => {
      const p = setup(42);
      const from = sim.requests.length;
      const first = await p.puller.pullOnce();
      expect(first.documents.map((d) => [d.name, d.status])).toEqual([
        ['vm', 'changed'],
        ['service', 'changed'],
        ['vrouter', 'absent'],
      ]);
      expect(readdirSync(p.runDir).sort()).toEqual(['service.json', 'vm.json']);
      expect(statSync(join(p.runDir, 'vm.json')).mode & 0o777).toBe(0o644);
      expect(statSync(p.runDir).mode & 0o777).toBe(0o755);
      expect(json(join(p.runDir, 'vm.json')).VM.ID).toBe('42');
      expect(json(join(p.runDir, 'service.json')).SERVICE.id).toBe('7');
      const calls = p.calls();
      expect(calls.map((c) => [c.event, c.role])).toEqual([
        ['vm', ''],
        ['user_template', ''],
        ['service', ''],
        ['service_role', 'db'],
        ['service_role', 'web'],
      ]);
      expect(calls.every((c) => c.first === 'YES' && c.old === '/dev/null' && c.vmid === '42')).toBe(true);
      expect(calls[4]).toMatchObject({ added: '42 43', removed: '', vms: '42 43', new: join(p.runDir, 'service.json') });

      const second = await p.puller.pullOnce();
      expect(second.documents.map((d) => [d.name, d.status])).toEqual([
        ['vm', 'unchanged'],
        ['service', 'unchanged'],
      ]);
      expect(p.calls()).toEqual([]);
      // The VM is in no virtual router: asked once, then never again.
      expect(requestsOf(sim, 42, from)).toEqual(['GET /vm', 'GET /service', 'GET /vrouter', 'GET /vm', 'GET /service']);
    });

    it('fires service_role when the role gains a VM and when it loses one', async () => {
      const p = setup(42);
      await p.puller.pullOnce();
      p.calls();
      sim.scaleRole(7, 'web', 3);
      const added = await p.puller.pullOnce();
      const grown = p.calls();
      expect(grown.map((c) => c.event)).toEqual(['service', 'service_role']);
      const newId = grown[1].added;
      expect(newId).toMatch(/^\d+$/);
      expect(grown[1]).toMatchObject({ role: 'web', removed: '', vms: `42 43 ${newId}`, first: 'NO' });
      expect(JSON.parse(grown[1].oldText).SERVICE.roles[0].nodes).toHaveLength(2);
      expect(JSON.parse(grown[1].newText).SERVICE.roles[0].nodes).toHaveLength(3);
      expect(added.documents.find((d) => d.name === 'service')?.events).toEqual(['service', 'service_role']);

      sim.scaleRole(7, 'web', 2);
      await p.puller.pullOnce();
      expect(
        p
          .calls()
          .filter((c) => c.event === 'service_role')
          .map((c) => [c.role, c.added, c.removed, c.vms]),
      ).toEqual([['web', '', newId, '42 43']]);
    });

    it('fires user_template (not vm) when someone sets an attribute from outside, with old and new documents', async () => {
      const p = setup(42);
      await p.puller.pullOnce();
      p.calls();
      const peer = new OneGateClient({ credentials: sim.credentials(43) });
      await peer.updateVm({ DEPLOY_STAGE: 'blue' }, { vmid: 42 });
      peer.close();
      await p.puller.pullOnce();
      const calls = p.calls();
      expect(calls.map((c) => [c.event, c.changed])).toEqual([['user_template', 'DEPLOY_STAGE']]);
      expect(JSON.parse(calls[0].oldText).VM.USER_TEMPLATE.DEPLOY_STAGE).toBeUndefined();
      expect(JSON.parse(calls[0].newText).VM.USER_TEMPLATE.DEPLOY_STAGE).toBe('blue');
      expect(readdirSync(p.runDir).sort()).toEqual(['service.json', 'vm.json']); // the old copy is gone
    });

    it("does not fire user_template for the agent's own attributes, but rewrites vm.json", async () => {
      const p = setup(42, { ignoreAttributes: ['GUEST_*'] });
      await p.puller.pullOnce();
      p.calls();
      await p.client.updateVm({ GUEST_CPU: '12.5' });
      const report = await p.puller.pullOnce();
      expect(p.calls()).toEqual([]);
      expect(report.documents[0]).toMatchObject({ name: 'vm', status: 'changed', events: [] });
      expect(json(join(p.runDir, 'vm.json')).VM.USER_TEMPLATE.GUEST_CPU).toBe('12.5');
    });

    it('turns a document off on 403 with one log line and stops asking', async () => {
      const p = setup(42);
      await p.puller.pullOnce();
      sim.setFault({ route: '/service', kind: 'status', status: 403, body: 'Action (show) on resource (service) not supported' });
      const from = sim.requests.length;
      const off = await p.puller.pullOnce();
      expect(off.documents.find((d) => d.name === 'service')).toMatchObject({
        status: 'off',
        error: { message: '403 Action (show) on resource (service) not supported' },
      });
      expect(off.disabled).toEqual(['service']);
      await p.puller.pullOnce();
      expect(requestsOf(sim, 42, from)).toEqual(['GET /vm', 'GET /service', 'GET /vm']);
      expect(p.lines.filter((l) => l.includes('turned off'))).toEqual([
        'warn pull: service turned off: the server answered 403 Action (show) on resource (service) not supported',
      ]);
      expect(readdirSync(p.runDir)).toEqual(['vm.json']);
      p.puller.reset();
      sim.clearFaults();
      // reset() forgets both the refusal and the "no virtual router" answer.
      expect((await p.puller.pullOnce()).documents.map((d) => d.name)).toEqual(['vm', 'service', 'vrouter']);
    });

    it('removes the file on 404 and tells the hooks, logs a repeating error once and keeps the file', async () => {
      const p = setup(42);
      await p.puller.pullOnce();
      p.calls();
      sim.setFault({ route: '/service', kind: 'status', status: 500, body: 'Internal server error', times: 2 });
      await p.puller.pullOnce();
      await p.puller.pullOnce();
      expect(p.lines.filter((l) => l.includes('service failed'))).toHaveLength(1);
      expect(readdirSync(p.runDir).sort()).toEqual(['service.json', 'vm.json']);
      await p.puller.pullOnce();
      expect(p.lines).toContain('info pull: service recovered');
      sim.setFault({ route: '/service', kind: 'status', status: 404, body: 'Service 7 not found', times: 1 });
      const gone = await p.puller.pullOnce();
      expect(gone.documents.find((d) => d.name === 'service')?.status).toBe('removed');
      expect(readdirSync(p.runDir)).toEqual(['vm.json']);
      const calls = p.calls();
      expect(calls.map((c) => [c.event, c.gone, c.new])).toEqual([
        ['service', 'YES', '/dev/null'],
        ['service_role', 'YES', '/dev/null'],
        ['service_role', 'YES', '/dev/null'],
      ]);
      expect(JSON.parse(calls[0].oldText).SERVICE.id).toBe('7');
    });

    it('reports an unwritable run directory per document and recovers when it is fixed', async () => {
      const p = setup(42);
      writeFileSync(p.runDir, 'not a directory');
      const broken = await p.puller.pullOnce();
      // Without a stored VM document the service is not known yet; the vrouter probe's answer still counts.
      expect(broken.documents.map((d) => [d.name, d.status, d.error?.code])).toEqual([
        ['vm', 'error', 'SYNC_WRITE_FAILED'],
        ['vrouter', 'error', 'SYNC_WRITE_FAILED'],
      ]);
      expect(broken.documents[0].error?.message).toMatch(new RegExp(`^${p.runDir}/vm.json: `));
      expect(p.calls()).toEqual([]);
      rmSync(p.runDir);
      const fixed = await p.puller.pullOnce();
      expect(fixed.documents.map((d) => d.status)).toEqual(['changed', 'changed']);
      expect(p.calls().map((c) => c.event)).toEqual(['vm', 'user_template', 'service', 'service_role', 'service_role']);
    });

    it('finishes the pull when a hook times out', async () => {
      const p = setup(42, {}, { commands: { service: [['/bin/sh', '-c', 'exec sleep 30']] }, timeoutMs: 300 });
      const started = Date.now();
      const report = await p.puller.pullOnce();
      expect(Date.now() - started).toBeLessThan(8000);
      expect(report.documents.map((d) => d.status)).toEqual(['changed', 'changed', 'absent']);
      expect(p.lines).toContain('warn hook service sh failed: timed out after 0.3 s');
    });
  });

  describe('puller, membership', () => {
    it('stops asking for a service that does not list the VM (spoofed SERVICE_ID, VM 61)', async () => {
      const p = setup(61);
      const from = sim.requests.length;
      const first = await p.puller.pullOnce();
      expect(first.documents.map((d) => [d.name, d.status])).toEqual([
        ['vm', 'changed'],
        ['service', 'absent'],
        ['vrouter', 'absent'],
      ]);
      await p.puller.pullOnce();
      expect(requestsOf(sim, 61, from)).toEqual(['GET /vm', 'GET /service', 'GET /vrouter', 'GET /vm']);
      expect(p.lines.filter((l) => l.startsWith('warn'))).toEqual([]);
    });

    it('with service "always", reports the refusal every cycle and logs it once', async () => {
      const p = setup(7, { service: 'always', vrouter: 'never' });
      const reports = [await p.puller.pullOnce(), await p.puller.pullOnce()];
      for (const r of reports)
        expect(r.documents[1]).toMatchObject({ name: 'service', status: 'error', error: { message: '400 Empty or invalid SERVICE_ID' } });
      expect(p.lines.filter((l) => l.includes('service failed'))).toEqual(['warn pull: service failed: 400 Empty or invalid SERVICE_ID']);
    });
  });

  describe('puller, restart within a boot', () => {
    it("fires every event again with the previous run's file as the old document, and drops leftover vnets quietly", async () => {
      const p = setup(42);
      await p.puller.pullOnce();
      writeFileSync(join(p.runDir, 'vnet-9.json'), '{}\n');
      const seen: Array<{ event: string; first: string; old: string }> = [];
      const runHook: RunHook = async (inv) => {
        seen.push({
          event: inv.event,
          first: inv.env.ONEGATE_FIRST,
          old: inv.oldPath === '/dev/null' ? '' : readFileSync(inv.oldPath, 'utf8'),
        });
        return [];
      };
      const again = createPuller({ client: p.client, options: DEFAULT_PULLER_OPTIONS, runDir: p.runDir, log: silentLogger, runHook });
      const report = await again.pullOnce();
      expect(seen.map((c) => c.event)).toEqual(['vm', 'user_template', 'service', 'service_role', 'service_role']);
      expect(seen.every((c) => c.first === 'YES')).toBe(true);
      expect(JSON.parse(seen[0].old).VM.ID).toBe('42');
      expect(report.documents.map((d) => [d.name, d.status])).toEqual([
        ['vm', 'changed'],
        ['service', 'changed'],
        ['vrouter', 'absent'],
        ['vnet-9', 'removed'],
      ]);
      expect(readdirSync(p.runDir).sort()).toEqual(['service.json', 'vm.json']);
    });
  });

  describe('puller, virtual router VM (50, router 3)', () => {
    it('pulls the router and its NIC networks, and no service', async () => {
      const p = setup(50);
      const from = sim.requests.length;
      const report = await p.puller.pullOnce();
      expect(report.documents.map((d) => [d.name, d.status])).toEqual([
        ['vm', 'changed'],
        ['vrouter', 'changed'],
        ['vnet-0', 'changed'],
        ['vnet-1', 'changed'],
      ]);
      expect(readdirSync(p.runDir).sort()).toEqual(['vm.json', 'vnet-0.json', 'vnet-1.json', 'vrouter.json']);
      expect(json(join(p.runDir, 'vnet-1.json')).VNET.ID).toBe('1');
      expect(p.calls().map((c) => [c.event, c.vnet])).toEqual([
        ['vm', ''],
        ['user_template', ''],
        ['vrouter', ''],
        ['vnet', '0'],
        ['vnet', '1'],
      ]);
      expect(requestsOf(sim, 50, from)).toEqual(['GET /vm', 'GET /vrouter', 'GET /vnet/0', 'GET /vnet/1']);
    });

    it('turns vnets off when the server refuses them (standalone VM with a configured list)', async () => {
      const p = setup(7, { vnets: ['5'] });
      const report = await p.puller.pullOnce();
      expect(report.documents.map((d) => [d.name, d.status])).toEqual([
        ['vm', 'changed'],
        ['vrouter', 'absent'],
        ['vnet-5', 'off'],
      ]);
      expect(report.disabled).toEqual(['vnet']);
    });
  });
});
