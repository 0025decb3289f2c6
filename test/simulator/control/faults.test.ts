// Fault injection: latency, status, reset, hang, times, matching by route, method and VM.
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { call } from '../http/client';
import { startOneGate } from '../index';
import { validateFault } from './faults';

const sim = perTest(() => startOneGate());

describe('faults', () => {
  it('answers a scripted status for the matching route and VM only, for `times` requests', async () => {
    sim.setFault({ route: '/vm', method: 'GET', vmid: '42', kind: 'status', status: 503, body: 'busy', times: 2 });
    expect(await call(sim, 'GET', '/vm', { as: 43 }).then((r) => r.status)).toBe(200);
    expect(await call(sim, 'PUT', '/vm', { as: 42, body: 'A=1' }).then((r) => r.status)).toBe(200);
    for (let i = 0; i < 2; i++) expect(await call(sim, 'GET', '/vm', { as: 42 }).then((r) => [r.status, r.body])).toEqual([503, 'busy']);
    expect(await call(sim, 'GET', '/vm', { as: 42 }).then((r) => r.status)).toBe(200);
  });

  it('matches route patterns, route names and concrete paths', async () => {
    sim.setFault({ route: 'GET /vms/:id', kind: 'status', status: 500 });
    sim.setFault({ route: '/vnet/1', kind: 'status', status: 502 });
    expect((await call(sim, 'GET', '/vms/44', { as: 42 })).status).toBe(500);
    expect((await call(sim, 'GET', '/vnet/1', { as: 50 })).status).toBe(502);
    expect((await call(sim, 'GET', '/vnet/0', { as: 50 })).status).toBe(200);
  });

  it('delays with latency and still answers normally', async () => {
    sim.setFault({ kind: 'latency', ms: 150, times: 1 });
    const t0 = Date.now();
    expect((await call(sim, 'GET', '/vm', { as: 42 })).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('resets the connection, or never answers until the client gives up', async () => {
    sim.setFault({ kind: 'reset', times: 1 });
    await expect(call(sim, 'GET', '/vm', { as: 42 })).rejects.toThrow(/socket hang up|ECONNRESET/);
    sim.setFault({ kind: 'hang', times: 1 });
    const hung = call(sim, 'GET', '/vm', { as: 42 });
    const winner = await Promise.race([
      hung.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((r) => setTimeout(() => r('pending'), 300)),
    ]);
    expect(winner).toBe('pending');
    expect(sim.requests.at(-1)?.status).toBe(0);
    sim.clearFaults();
    expect((await call(sim, 'GET', '/vm', { as: 42 })).status).toBe(200);
    await sim.close();
    await expect(hung).rejects.toThrow();
  });

  it.each([
    [{ kind: 'boom' }, /kind "boom"/],
    [{ kind: 'status', status: 42 }, /status 42/],
    [{ kind: 'latency', ms: -1 }, /ms "-1"/],
    [{ kind: 'status', route: 5 }, /route must be a string/],
  ])('refuses %j', (fault, message) => {
    expect(() => validateFault(fault)).toThrow(message);
  });
});
