// The pull unit on a fake clock through the real wiring, over real HTTP: half an interval after the push's
// phase, documents written, changes handed to the units' onDocument, failures recorded in the pull state.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../../agent/daemon/unit';
import { pull } from '../../../../agent/daemon/units/pull';
import type { HookInvocation } from '../../../../agent/hooks/types';
import { phaseOf } from '../../../../agent/schedule/ticker';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { type UnitsUnderTest, unitsOn } from './setup';

const INTERVAL = 60_000;
const firstPull = (now: number) => now + ((((phaseOf('42', INTERVAL, 0.5) - now) % INTERVAL) + INTERVAL) % INTERVAL);

// A unit that only records the document changes it is shown.
function recorder(seen: HookInvocation[]): Unit {
  return { name: 'recorder', enabled: () => true, start: () => ({ stop() {}, onDocument: async (change) => void seen.push(change) }) };
}

// Runs `ticks` pull ticks one at a time from the first; returns the ticks (0-based) at which GET /vm was made.
async function ticksPulling(t: UnitsUnderTest, from: number, ticks: number, each?: (tick: number) => void): Promise<number[]> {
  const pulled: number[] = [];
  for (let tick = 0; tick < ticks; tick++) {
    each?.(tick);
    const before = t.sim.requests.length;
    await t.runUntil(from + tick * INTERVAL);
    if (t.sim.requests.slice(before).some((r) => r.method === 'GET' && r.path === '/vm')) pulled.push(tick);
  }
  return pulled;
}

describe.each(SERVER_VERSIONS)('pull unit (OneGate %s)', (version) => {
  const startUnits = unitsOn(version);
  it('pulls half an interval after the push phase, writes the documents and shows every change to onDocument', async () => {
    const seen: HookInvocation[] = [];
    const t = await startUnits([pull, recorder(seen)]);
    t.apply();
    const at = firstPull(t.clock.now());
    expect(t.wiring.status()).toEqual({ nextPull: at });
    await t.runUntil(at);
    expect(t.sim.requests.map((r) => `${r.method} ${r.path}`).slice(0, 2)).toEqual(['GET /vm', 'GET /service']);
    expect(existsSync(join(t.config.run_dir, 'vm.json'))).toBe(true);
    expect(existsSync(join(t.config.run_dir, 'service.json'))).toBe(true);
    expect(seen.map((c) => c.event)).toEqual(expect.arrayContaining(['vm', 'service', 'service_role']));
    expect(seen.every((c) => c.env.ONEGATE_FIRST === 'YES')).toBe(true);
    expect(t.state.pull.lastSuccess).toBe(new Date(at).toISOString());
    const count = seen.length;
    await t.runUntil(at + INTERVAL);
    expect(seen).toHaveLength(count); // nothing changed
  });

  it('records a failed document in the pull state, and a 403 as turned off', async () => {
    const t = await startUnits([pull]);
    t.apply();
    t.sim.setFault({ route: '/vm', method: 'GET', kind: 'status', status: 500, times: 1 });
    const at = firstPull(t.clock.now());
    await t.runUntil(at);
    expect(t.state.pull.lastError).toMatchObject({ code: 'ONEGATE_SERVER_ERROR', message: expect.stringMatching(/^vm: /) });
    t.sim.setFault({ route: '/service', method: 'GET', kind: 'status', status: 403, body: 'Forbidden' });
    await t.runUntil(at + INTERVAL);
    expect(t.state.pull.lastError).toBeUndefined();
    expect(t.state.pull.disabled).toBe('the server refused service (403)');
  });

  it('is not started while pull.enabled is false, and stopped when it becomes false', async () => {
    const t = await startUnits([pull], (c) => {
      c.pull.enabled = false;
    });
    t.apply();
    expect(t.clock.timers).toEqual([]);
    t.apply((c) => {
      c.pull.enabled = true;
    });
    expect(t.clock.timers).toHaveLength(1);
    t.apply((c) => {
      c.pull.enabled = false;
    });
    expect(t.clock.timers).toEqual([]);
  });

  // The gap doubles after each quiet pull (1, 2, 4, then the ceiling of 5 ticks), and a backed-off pull
  // comes at VM 42's own tick of the gap on the epoch's grid (schedule/ticker.ts slotOf): 1 to gap ticks
  // after the previous one, never later.
  it('backs off while nothing changes: 14 pulls of /vm and /service in an hour at 60 s, up to pull.max_interval 300 s', async () => {
    const t = await startUnits([pull]);
    t.apply();
    const at = firstPull(t.clock.now());
    const pulled = await ticksPulling(t, at, 60);
    expect(pulled).toEqual([0, 1, 2, 6, 11, 16, 21, 26, 31, 36, 41, 46, 51, 56]);
    for (let i = 1; i < pulled.length; i++) expect(pulled[i] - pulled[i - 1]).toBeLessThanOrEqual(5);
    const count = (path: string) => t.sim.requests.filter((r) => r.method === 'GET' && r.path === path).length;
    expect([count('/vm'), count('/service')]).toEqual([14, 14]);
  });

  it('pulls at the next tick after a change, a touch of run_dir/wake and READY reported; every tick with max_interval 0', async () => {
    const t = await startUnits([pull]);
    t.apply();
    const at = firstPull(t.clock.now());
    const pulled = await ticksPulling(t, at, 30, (tick) => {
      const { SERVICE_ID, ROLE_NAME } = t.sim.vm(42).USER_TEMPLATE;
      if (tick === 9) t.sim.scaleRole(String(SERVICE_ID), String(ROLE_NAME), 3); // seen at the pull of tick 12
      if (tick === 17) writeFileSync(join(t.config.run_dir, 'wake'), '');
      if (tick === 25) t.state.ready.status = 'reported';
    });
    // The scale at tick 9 is seen at the backed-off pull of tick 11, then every tick again (12), and so on.
    expect(pulled).toEqual([0, 1, 2, 6, 11, 12, 14, 17, 18, 22, 25, 26]);
    t.apply((c) => {
      c.pull.max_interval = 0;
    });
    expect(await ticksPulling(t, t.clock.now() + INTERVAL, 4)).toEqual([0, 1, 2, 3]);
  });
});
