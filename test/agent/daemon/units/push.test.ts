// The push unit on a fake clock through the real wiring, over real HTTP: ticks at the VM's phase, the
// retry timer after a failure, the heartbeat of a daemon without credentials or with push off.
import { describe, expect, it } from 'vitest';
import { push } from '../../../../agent/daemon/units/push';
import { silentLogger } from '../../../../agent/log';
import { DEFAULT_LIST_REASON, SERVER_REFUSED_REASON } from '../../../../agent/push/pusher';
import { phaseOf, slotOf } from '../../../../agent/schedule/ticker';
import { shippedConfig } from '../../../simulator/config/config';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { putsOf, unitsOn } from './setup';

const INTERVAL = 60_000;
// The first tick: the first time on VM 42's grid at or after the start.
const firstTick = (now: number) => now + ((((phaseOf('42', INTERVAL) - now) % INTERVAL) + INTERVAL) % INTERVAL);

describe.each(SERVER_VERSIONS)('push unit (OneGate %s)', (version) => {
  const startUnits = unitsOn(version);
  it("pushes at the VM's phase, then once per interval, changed attributes only", async () => {
    const t = await startUnits([push]);
    t.apply();
    const tick = firstTick(t.clock.now());
    expect(t.wiring.status()).toEqual({ nextRun: tick });
    await t.runUntil(tick - 1);
    expect(putsOf(t.sim)).toEqual([]);
    await t.runUntil(tick);
    expect(putsOf(t.sim)).toEqual([{ ROLE: 'db' }]);
    expect(t.state.push).toMatchObject({ sent: { ROLE: 'db' }, pending: {}, cycle: 1 });
    expect(t.wiring.status()).toEqual({ nextRun: tick + INTERVAL });
    await t.runUntil(tick + INTERVAL);
    expect(putsOf(t.sim)).toHaveLength(1); // unchanged: nothing sent
    expect(t.state.push.cycle).toBe(2);
    expect(t.calls.persist).toBeGreaterThanOrEqual(2);
  });

  it("sends the heartbeat at VM 42's slot of heartbeat_cycles on the epoch's grid, not counted from its start", async () => {
    const t = await startUnits([push], (c) => {
      c.push.heartbeat_cycles = 4;
    });
    t.apply();
    const first = firstTick(t.clock.now());
    const sentAt: number[] = [];
    for (let k = 0; k < 12; k++) {
      const before = putsOf(t.sim).length;
      await t.runUntil(first + k * INTERVAL);
      if (putsOf(t.sim).length > before) sentAt.push(k);
    }
    // Grid tick m of VM 42 is at phase + m x interval; its heartbeat is the tick with m % 4 = slotOf('42', 4).
    const m0 = (first - phaseOf('42', INTERVAL)) / INTERVAL;
    const heartbeats = [...Array(12).keys()].filter((k) => k > 0 && (m0 + k) % 4 === slotOf('42', 4));
    expect(heartbeats).toHaveLength(3);
    expect(sentAt).toEqual([0, ...heartbeats]); // the first cycle sends ROLE as a change
    expect(t.state.push.cycle).toBe(12);
  });

  it('retries a failed push at its backoff time, before the next cycle', async () => {
    const t = await startUnits([push]);
    t.apply();
    t.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 500, times: 1 });
    const tick = firstTick(t.clock.now());
    await t.runUntil(tick);
    expect(t.state.push.pending).toEqual({ ROLE: 'db' });
    expect(t.state.push.lastError?.code).toBe('ONEGATE_SERVER_ERROR');
    const retryAt = t.state.push.retryAt as number;
    expect(retryAt).toBeGreaterThan(tick);
    expect(retryAt).toBeLessThanOrEqual(tick + 1000); // backoff.base 1 s: the first delay is below it
    expect(t.clock.timers).toEqual([retryAt, tick + INTERVAL]);
    await t.runUntil(retryAt);
    expect(putsOf(t.sim)).toEqual([{ ROLE: 'db' }, { ROLE: 'db' }]);
    expect(t.state.push.pending).toEqual({});
    expect(t.state.push.lastError).toBeUndefined();
    expect(t.clock.timers).toEqual([tick + INTERVAL]);
  });

  it("leaves out an attribute on the operator's :restricted_attrs, names it once and pushes the rest in the same tick", async () => {
    const warnings: string[] = [];
    const simConfig = { ...shippedConfig(), ':restricted_attrs': ['SCHED_REQUIREMENTS', 'SERVICE_ID', 'ROLE_NAME', 'APP_LOCKED'] };
    const log = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    const t = await startUnits(
      [push],
      (c) => {
        c.attributes.static = { ROLE: 'db', APP_LOCKED: 'yes', SERVICE_ID: '7' };
        c.push.heartbeat_cycles = 1;
      },
      { simConfig, log },
    );
    t.apply();
    const tick = firstTick(t.clock.now());
    await t.runUntil(tick);
    const answers = t.sim.requests.filter((r) => r.method === 'PUT').map((r) => r.status);
    expect(answers).toEqual([403, 200]);
    expect(putsOf(t.sim)).toEqual([{ ROLE: 'db', APP_LOCKED: 'yes' }, { ROLE: 'db' }]);
    expect(t.sim.vm(42).USER_TEMPLATE).toMatchObject({ ROLE: 'db' });
    expect(t.sim.vm(42).USER_TEMPLATE).not.toHaveProperty('APP_LOCKED');
    expect(t.state.push).toMatchObject({ refused: { APP_LOCKED: SERVER_REFUSED_REASON, SERVICE_ID: DEFAULT_LIST_REASON }, pending: {} });
    expect(t.state.push.disabled).toBeUndefined();
    await t.runUntil(tick + INTERVAL); // a heartbeat cycle: everything again, less what is refused
    expect(putsOf(t.sim).at(-1)).toEqual({ ROLE: 'db' });
    expect(warnings.filter((w) => w.includes('APP_LOCKED'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('SERVICE_ID'))).toHaveLength(1);
    // A reload (SIGHUP) forgets the refusals: APP_LOCKED is tried again, once.
    t.apply(undefined, { reason: 'reload' });
    await t.runUntil(tick + 2 * INTERVAL);
    expect(putsOf(t.sim).slice(-2)).toEqual([{ ROLE: 'db', APP_LOCKED: 'yes' }, { ROLE: 'db' }]);
    expect(warnings.filter((w) => w.includes('APP_LOCKED'))).toHaveLength(2);
  });

  it('without credentials a tick rediscovers the context and sends nothing', async () => {
    const t = await startUnits([push]);
    t.apply(undefined, { credentials: false });
    await t.runUntil(firstTick(t.clock.now()));
    expect(t.calls.rediscover).toBe(1);
    expect(t.sim.requests).toEqual([]);
  });

  it('with push.enabled false a tick only refreshes the status', async () => {
    const t = await startUnits([push], (c) => {
      c.push.enabled = false;
    });
    t.apply();
    const before = t.calls.persist;
    await t.runUntil(firstTick(t.clock.now()));
    expect(t.calls.persist).toBe(before + 1);
    expect(t.sim.requests).toEqual([]);
  });

  it('a new interval replans the ticker; stop leaves no timer', async () => {
    const t = await startUnits([push]);
    t.apply();
    expect(t.clock.timers).toHaveLength(1);
    t.apply((c) => {
      c.interval = 30;
    });
    const thirty = 30_000;
    const now = t.clock.now();
    expect(t.wiring.status().nextRun).toBe(now + ((((phaseOf('42', thirty) - now) % thirty) + thirty) % thirty));
    expect(t.clock.timers).toHaveLength(1);
    t.wiring.halt();
    expect(t.clock.timers).toEqual([]);
  });
});
