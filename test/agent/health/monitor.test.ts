// The schedule of the checks, driven by fake timers and scripted probe results.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHealthMonitor, type HealthSnapshot } from '../../../agent/health/monitor';
import type { HealthCheck, ProbeResult } from '../../../agent/health/types';
import { silentLogger } from '../../../agent/log';
import type { Clock } from '../../../agent/schedule/clock';

const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

const web: HealthCheck = {
  name: 'web',
  probe: { kind: 'tcp', host: '127.0.0.1', port: 1 },
  intervalMs: 10_000,
  timeoutMs: 3000,
  failures: 2,
  successes: 1,
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A monitor whose probe answers from `script` (the last answer repeats), recording run times. */
function scripted(script: Array<ProbeResult & { takesMs?: number }>, checks = [web]) {
  const runs: number[] = [];
  const changes: HealthSnapshot[] = [];
  const monitor = createHealthMonitor({
    checks,
    clock,
    log: silentLogger,
    onChange: (s) => changes.push(s),
    probe: async () => {
      runs.push(Date.now());
      const r = script[Math.min(runs.length - 1, script.length - 1)];
      if (r.takesMs) await new Promise((resolve) => setTimeout(resolve, r.takesMs));
      return { ok: r.ok, reason: r.reason };
    },
  });
  return { monitor, runs, changes };
}

describe('createHealthMonitor', () => {
  it('runs at once, then one interval after each start; nothing between', async () => {
    const { monitor, runs } = scripted([{ ok: true, reason: '', takesMs: 2000 }]);
    monitor.start();
    await vi.advanceTimersByTimeAsync(35_000);
    expect(runs).toEqual([1_000_000, 1_010_000, 1_020_000, 1_030_000]);
    await monitor.stop();
  });

  it('reports a change only when a verdict or the reason changes', async () => {
    const { monitor, changes } = scripted([
      { ok: true, reason: '' },
      { ok: false, reason: 'HTTP 503' },
      { ok: false, reason: 'HTTP 503' },
      { ok: false, reason: 'HTTP 502' },
      { ok: true, reason: '' },
    ]);
    monitor.start();
    await vi.advanceTimersByTimeAsync(45_000);
    expect(changes.map((c) => [c.overall.status, c.overall.reason])).toEqual([
      ['OK', ''],
      ['FAIL', 'web: HTTP 503'],
      ['FAIL', 'web: HTTP 502'],
      ['OK', ''],
    ]);
    expect(monitor.snapshot().checks[0]).toMatchObject({ name: 'web', verdict: { status: 'OK' }, lastRun: 1_040_000 });
    await monitor.stop();
  });

  it('is UNKNOWN until every check has a verdict', async () => {
    const slow = { ...web, name: 'db', failures: 5 };
    const { monitor } = scripted([{ ok: false, reason: 'refused' }], [slow]);
    monitor.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(monitor.snapshot().overall).toEqual({ status: 'UNKNOWN', reason: '' });
    await monitor.stop();
  });

  it('stops: the probe is aborted, no run after', async () => {
    const { monitor, runs } = scripted([{ ok: true, reason: '' }]);
    monitor.start();
    await vi.advanceTimersByTimeAsync(1);
    await monitor.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs).toHaveLength(1);
  });
});
