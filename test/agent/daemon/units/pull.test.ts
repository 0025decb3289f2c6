// The pull unit on a fake clock through the real wiring, over real HTTP: half an interval after the push's
// phase, documents written, changes handed to the units' onDocument, failures recorded in the pull state.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Unit } from '../../../../agent/daemon/unit';
import { pull } from '../../../../agent/daemon/units/pull';
import type { HookInvocation } from '../../../../agent/hooks/types';
import { phaseOf } from '../../../../agent/schedule/ticker';
import { startUnits } from './setup';

const INTERVAL = 60_000;
const firstPull = (now: number) => now + ((((phaseOf('42', INTERVAL, 0.5) - now) % INTERVAL) + INTERVAL) % INTERVAL);

// A unit that only records the document changes it is shown.
function recorder(seen: HookInvocation[]): Unit {
  return { name: 'recorder', enabled: () => true, start: () => ({ stop() {}, onDocument: async (change) => void seen.push(change) }) };
}

describe('pull unit', () => {
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
});
