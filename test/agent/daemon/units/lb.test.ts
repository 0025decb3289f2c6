// The lb unit (with the health unit feeding it) through the real wiring, over real HTTP, on a fake clock:
// the VRouter's ONEGATE_*LB<i>_* attributes as they appear and disappear at the simulator.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { defaultConfig } from '../../../../agent/config/schema';
import { health } from '../../../../agent/daemon/units/health';
import { lb } from '../../../../agent/daemon/units/lb';
import { startUnits, type UnitsUnderTest } from './setup';

async function service(): Promise<{ url: string; answer: { status: number } }> {
  const answer = { status: 200 };
  const server = createServer((_req, res) => {
    res.writeHead(answer.status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, answer };
}

const INTERVAL = 10_000;
type LbItem = ReturnType<typeof defaultConfig>['lb'][number];
const entry = (over: Partial<LbItem>): LbItem => ({
  family: 'haproxy',
  index: 0,
  ip: '10.0.0.100',
  port: 80,
  server_host: '',
  server_port: 8080,
  weight: 1,
  id: '',
  when: 'auto',
  ...over,
});

async function lbUnits(url: string | undefined, entries: LbItem[]): Promise<UnitsUnderTest> {
  const t = await startUnits([health, lb], (c) => {
    c.lb = entries;
    if (url)
      c.health.checks = [
        { name: 'web', http: url, tcp: '', command: [], interval: INTERVAL / 1000, timeout: 3, failures: 1, successes: 1 },
      ];
  });
  t.context.vars.ETH0_IP = '10.0.0.7';
  t.context.vars.ETH1_IP = '192.168.1.7';
  return t;
}

const lbKeys = (t: UnitsUnderTest) =>
  Object.fromEntries(Object.entries(t.sim.vm(42).USER_TEMPLATE as Record<string, string>).filter(([k]) => k.startsWith('ONEGATE_')));
/** ONEGATE_* names erased, in order. */
const erases = (t: UnitsUnderTest) =>
  t.sim.requests
    .map((r) => new URLSearchParams(String(r.body)))
    .filter((b) => b.get('type') === '2')
    .map((b) => b.get('data'))
    .filter((name) => name?.startsWith('ONEGATE_'));

const HAPROXY0 = {
  ONEGATE_HAPROXY_LB0_IP: '10.0.0.100',
  ONEGATE_HAPROXY_LB0_PORT: '80',
  ONEGATE_HAPROXY_LB0_SERVER_HOST: '10.0.0.7',
  ONEGATE_HAPROXY_LB0_SERVER_PORT: '8080',
  ONEGATE_HAPROXY_LB0_SERVER_WEIGHT: '1',
};

describe('lb unit', () => {
  it('without checks publishes at once, server_host from the first NIC; an LVS entry with its own host and port', async () => {
    const t = await lbUnits(undefined, [
      entry({}),
      entry({ family: 'lvs', index: 1, port: 443, server_port: 0, server_host: '10.9.9.9', id: '3' }),
    ]);
    t.apply();
    await t.runUntil(t.clock.now());
    expect(lbKeys(t)).toEqual({
      ...HAPROXY0,
      ONEGATE_LB1_IP: '10.0.0.100',
      ONEGATE_LB1_PORT: '443',
      ONEGATE_LB1_ID: '3',
      ONEGATE_LB1_SERVER_HOST: '10.9.9.9',
      ONEGATE_LB1_SERVER_PORT: '443',
      ONEGATE_LB1_SERVER_WEIGHT: '1',
    });
    expect(Object.keys(t.state.lb.published)).toHaveLength(11);
  });

  it('healthy: published on OK, withdrawn on FAIL (SERVER_HOST first), again on OK, withdrawn at drain', async () => {
    const svc = await service();
    const t = await lbUnits(svc.url, [entry({})]);
    const start = t.clock.now();
    t.apply();
    expect(lbKeys(t)).toEqual({}); // no verdict yet
    await t.runUntil(start);
    expect(lbKeys(t)).toEqual(HAPROXY0);

    svc.answer.status = 503;
    await t.runUntil(start + INTERVAL);
    expect(lbKeys(t)).toEqual({});
    expect(erases(t)[0]).toBe('ONEGATE_HAPROXY_LB0_SERVER_HOST');
    expect(erases(t)).toHaveLength(5);
    expect(t.wiring.status().lbWithheld).toEqual(['ONEGATE_HAPROXY_LB0: HEALTH is FAIL']);

    svc.answer.status = 200;
    await t.runUntil(start + 2 * INTERVAL);
    expect(lbKeys(t)).toEqual(HAPROXY0);

    await t.wiring.drain();
    expect(lbKeys(t)).toEqual({});
    expect(t.state.lb.published).toEqual({});
    expect(erases(t)[5]).toBe('ONEGATE_HAPROXY_LB0_SERVER_HOST');
  });

  it('a restart keeps a health-bound registration until the first verdict, and withdraws one removed from the configuration', async () => {
    const svc = await service();
    const t = await lbUnits(svc.url, [entry({}), entry({ index: 1 })]);
    t.state.lb.published = { ...HAPROXY0, ONEGATE_HAPROXY_LB1_IP: '10.0.0.100', ONEGATE_HAPROXY_LB1_SERVER_HOST: '10.0.0.7' };
    t.config.lb = [entry({})]; // LB1 gone from the configuration while the daemon was down
    t.apply();
    await t.runUntil(t.clock.now() - 1); // before the first check ran
    expect(erases(t)).toEqual(['ONEGATE_HAPROXY_LB1_SERVER_HOST', 'ONEGATE_HAPROXY_LB1_IP']);
    expect(t.state.lb.published).toEqual(HAPROXY0);
  });

  it('a failed publish is recorded and tried again one interval later', async () => {
    const t = await lbUnits(undefined, [entry({})]);
    t.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 500, times: 1 });
    t.apply();
    await t.runUntil(t.clock.now());
    expect(t.state.lb.lastError?.code).toBe('ONEGATE_SERVER_ERROR');
    expect(lbKeys(t)).toEqual({});
    await t.runUntil(t.clock.now() + 60_000);
    expect(lbKeys(t)).toEqual(HAPROXY0);
    expect(t.state.lb.lastError).toBeUndefined();
  });
});
