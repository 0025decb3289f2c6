// The health unit (and the READY gate it feeds) through the real wiring, over real HTTP, on a fake clock:
// an http check against a local service whose answer the test sets, HEALTH and HEALTH_REASON at the simulator.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { health } from '../../../../agent/daemon/units/health';
import { ready } from '../../../../agent/daemon/units/ready';
import { putsOf, startUnits, type UnitsUnderTest } from './setup';

/** A service answering `answer.status` to every GET. */
async function service(): Promise<{ url: string; answer: { status: number } }> {
  const answer = { status: 503 };
  const server = createServer((_req, res) => {
    res.writeHead(answer.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`, answer };
}

const INTERVAL = 10_000;

async function healthUnits(url: string, failures = 2): Promise<UnitsUnderTest> {
  return startUnits([health, ready], (c) => {
    c.health.checks = [{ name: 'web', http: url, tcp: '', command: [], interval: INTERVAL / 1000, timeout: 3, failures, successes: 1 }];
  });
}

const template = (t: UnitsUnderTest) => t.sim.vm(42).USER_TEMPLATE as Record<string, string>;

const isErase = (body: unknown) => new URLSearchParams(String(body)).get('type') === '2';
/** Erases the simulator answered, by name. */
const erasesOf = (t: UnitsUnderTest) =>
  t.sim.requests.filter((r) => r.method === 'PUT' && isErase(r.body)).map((r) => new URLSearchParams(String(r.body)).get('data'));
/** The attributes of every PUT /vm that set some. */
const setsOf = (t: UnitsUnderTest) => putsOf(t.sim).filter((_p, i) => !isErase(t.sim.requests.filter((r) => r.method === 'PUT')[i].body));

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('health unit', () => {
  it('publishes FAIL with its reason after `failures` misses, OK again (reason erased), once per interval at most', async () => {
    const svc = await service();
    const t = await healthUnits(svc.url);
    const start = t.clock.now();
    t.apply();
    await t.runUntil(start);
    expect(t.wiring.status().health).toMatchObject({ status: 'UNKNOWN', checks: [{ name: 'web', status: 'UNKNOWN', misses: 1 }] });
    expect(setsOf(t)).toEqual([]); // one miss of two: no verdict yet, nothing said
    await t.runUntil(start + INTERVAL);
    expect(setsOf(t)).toEqual([{ HEALTH: 'FAIL', HEALTH_REASON: 'web: HTTP 503' }]);
    expect(template(t)).toMatchObject({ HEALTH: 'FAIL', HEALTH_REASON: 'web: HTTP 503' });
    expect(t.wiring.status().health).toMatchObject({ status: 'FAIL', reason: 'web: HTTP 503', published: 'FAIL' });

    svc.answer.status = 200;
    await t.runUntil(start + 2 * INTERVAL);
    expect(setsOf(t)).toEqual([{ HEALTH: 'FAIL', HEALTH_REASON: 'web: HTTP 503' }, { HEALTH: 'OK' }]);
    expect(erasesOf(t)).toEqual(['HEALTH_REASON']);
    expect(template(t).HEALTH).toBe('OK');
    expect(template(t)).not.toHaveProperty('HEALTH_REASON');
    await t.runUntil(start + 5 * INTERVAL);
    expect(setsOf(t)).toHaveLength(2); // unchanged: nothing sent
  });

  it('a failed publish is tried again one check interval later', async () => {
    const svc = await service();
    svc.answer.status = 200;
    const t = await healthUnits(svc.url);
    const start = t.clock.now();
    t.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 500, times: 1 });
    t.apply();
    await t.runUntil(start);
    expect(template(t)).not.toHaveProperty('HEALTH');
    expect(t.wiring.status().health?.lastError?.code).toBe('ONEGATE_SERVER_ERROR');
    await t.runUntil(start + INTERVAL);
    expect(template(t).HEALTH).toBe('OK');
    expect(t.wiring.status().health).not.toHaveProperty('lastError');
  });

  it('gate_ready: READY=YES only after every check passed once; status says what READY waits for', async () => {
    const svc = await service();
    const t = await healthUnits(svc.url, 1);
    t.context.vars.REPORT_READY = 'YES';
    const start = t.clock.now();
    t.apply();
    await t.runUntil(start);
    await until(() => t.wiring.status().readyWaitsFor?.includes('FAIL') === true);
    expect(t.wiring.status().readyWaitsFor).toBe('health checks (HEALTH is FAIL: web: HTTP 503)');
    expect(template(t)).not.toHaveProperty('READY');
    svc.answer.status = 200;
    await t.runUntil(start + INTERVAL);
    await until(() => t.state.ready.status === 'reported');
    expect(template(t)).toMatchObject({ READY: 'YES', HEALTH: 'OK' });
    expect(t.wiring.status().readyWaitsFor).toBeUndefined();

    svc.answer.status = 500; // after READY, health moves HEALTH only
    await t.runUntil(start + 2 * INTERVAL);
    expect(template(t)).toMatchObject({ READY: 'YES', HEALTH: 'FAIL', HEALTH_REASON: 'web: HTTP 500' });
  });

  it('without gate_ready READY does not wait for the checks', async () => {
    const svc = await service();
    const t = await startUnits([health, ready], (c) => {
      c.health.gate_ready = false;
      c.health.checks = [{ name: 'web', http: svc.url, tcp: '', command: [], interval: 10, timeout: 3, failures: 1, successes: 1 }];
    });
    t.context.vars.REPORT_READY = 'YES';
    t.apply();
    await until(() => t.state.ready.status === 'reported');
    expect(template(t).READY).toBe('YES');
  });
});
