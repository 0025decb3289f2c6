import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../agent/log';
import { OneGateError } from '../../../agent/onegate/errors';
import { createReadyReporter, type ReadyOptions, varsFingerprint } from '../../../agent/ready/reporter';
import { emptyState } from '../../../agent/state/types';
import { fakeClock } from '../../support/fake-clock';
import { tempDir } from '../../support/temp-dir';

const options: ReadyOptions = { enabled: true, scriptTimeoutMs: 5000, backoff: { baseMs: 20, factor: 2, maxMs: 80 }, logEveryMs: 60_000 };

function setup(failures: Error[] = [], opts: Partial<ReadyOptions> = {}, clock?: ReturnType<typeof fakeClock>) {
  const calls: Record<string, string>[] = [];
  const state = emptyState().ready;
  const lines: string[] = [];
  const log = { ...silentLogger, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
  const reporter = createReadyReporter({
    client: {
      async updateVm(a) {
        calls.push(a);
        const f = failures.shift();
        if (f) throw f;
      },
    },
    options: { ...options, ...opts },
    state,
    log,
    ...(clock ? { clock } : {}),
  });
  return { calls, state, reporter, lines };
}

describe('createReadyReporter', () => {
  it('with an injected clock: retryAt is now + the backoff, and no attempt is made before it', async () => {
    const clock = fakeClock();
    const t0 = clock.now();
    const { calls, state, reporter } = setup([new OneGateError('ONEGATE_UNREACHABLE', 'down')], {}, clock);
    reporter.update({ vars: { REPORT_READY: 'YES' } }, 'boot-1');
    for (let i = 0; i < 100 && state.status !== 'failing'; i++) await new Promise((r) => setTimeout(r, 1));
    expect(state.status).toBe('failing');
    const wait = state.retryAt! - t0;
    expect(clock.timers).toEqual([state.retryAt]);
    expect(wait).toBeGreaterThanOrEqual(options.backoff.baseMs / 4);
    expect(wait).toBeLessThanOrEqual(options.backoff.maxMs);
    await clock.advance(wait - 1);
    expect(calls).toHaveLength(1);
    await clock.advance(1);
    await reporter.idle();
    expect(calls).toHaveLength(2);
    expect(state.status).toBe('reported');
    expect(state.reportedAt).toBe(new Date(t0 + wait).toISOString());
  });

  it('does nothing unless REPORT_READY is exactly YES', async () => {
    const { calls, state, reporter } = setup();
    reporter.update({ vars: { REPORT_READY: 'yes' } }, 'boot-1');
    await reporter.idle();
    expect(calls).toEqual([]);
    expect(state.status).toBe('off');
  });

  it('reports READY=YES without a script, once per context and boot', async () => {
    const { calls, state, reporter } = setup();
    const vars = { REPORT_READY: 'YES' };
    reporter.update({ vars }, 'boot-1');
    await reporter.idle();
    expect(calls).toEqual([{ READY: 'YES' }]);
    expect(state).toMatchObject({ status: 'reported', bootId: 'boot-1', fingerprint: varsFingerprint(vars), attempts: 0 });
    reporter.update({ vars }, 'boot-1');
    await reporter.idle();
    expect(calls).toHaveLength(1);
    reporter.update({ vars: { ...vars, ETH0_IP: '10.0.0.2' } }, 'boot-1');
    await reporter.idle();
    reporter.update({ vars: { ...vars, ETH0_IP: '10.0.0.2' } }, 'boot-2');
    await reporter.idle();
    expect(calls).toHaveLength(3);
  });

  it('reports only after the script succeeds, retrying until it does', async () => {
    const dir = tempDir('oga-ready-');
    const marker = join(dir, 'count');
    writeFileSync(marker, '');
    // Fails twice, then succeeds: the count of runs is kept in a file.
    const script = `echo x >> ${marker}; test $(wc -l < ${marker}) -ge 3`;
    const { calls, state, reporter, lines } = setup();
    reporter.update({ vars: { REPORT_READY: 'YES', READY_SCRIPT: Buffer.from(script).toString('base64') } }, 'b');
    await reporter.idle();
    expect(calls).toEqual([{ READY: 'YES' }]);
    expect(state.status).toBe('reported');
    expect(lines.filter((l) => l.includes('READY_SCRIPT failed (exit 1)'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('ready: reported READY=YES after READY_SCRIPT succeeded');
  });

  it('passes the context variables to READY_SCRIPT_PATH and kills it on timeout', async () => {
    const dir = tempDir('oga-ready-');
    const path = join(dir, 'ready.sh');
    writeFileSync(path, '#!/bin/sh\n[ "$ROLE" = db ] || exit 4\nexec sleep 5\n', { mode: 0o755 });
    const { calls, state, reporter } = setup([], { scriptTimeoutMs: 100 });
    reporter.update({ vars: { REPORT_READY: 'YES', READY_SCRIPT_PATH: path, ROLE: 'db' } }, 'b');
    await new Promise((r) => setTimeout(r, 400));
    expect(state.status).not.toBe('reported');
    expect(state.lastError?.message).toMatch(/^READY_SCRIPT_PATH .*ready\.sh failed \(timed out after 0 s\)/);
    reporter.stop();
    await reporter.idle();
    expect(calls).toEqual([]);
  });

  it('a variable that cannot reach the script environment is a failure, retried, never an internal error', async () => {
    const { calls, state, reporter, lines } = setup();
    const vars = { REPORT_READY: 'YES', READY_SCRIPT: 'true', APP_SECRET: 'hunter2\0' };
    reporter.update({ vars }, 'b');
    await vi.waitFor(() => expect(state.attempts).toBeGreaterThanOrEqual(2), { timeout: 5000 });
    expect(state.status).not.toBe('reported');
    expect(state.lastError).toMatchObject({
      code: 'READY_SCRIPT_FAILED',
      message: 'READY_SCRIPT failed (could not start: environment variable APP_SECRET contains a NUL byte); READY not reported',
    });
    expect(lines.join('\n')).not.toContain('hunter2');
    reporter.update({ vars: { ...vars, APP_SECRET: 'fixed' } }, 'b');
    await reporter.idle();
    expect(state.status).toBe('reported');
    expect(calls).toEqual([{ READY: 'YES' }]);
  });

  it('a runner that throws is recorded as a failure and retried', async () => {
    const state = emptyState().ready;
    const warnings: string[] = [];
    let runs = 0;
    const reporter = createReadyReporter({
      client: { async updateVm() {} },
      options,
      state,
      log: { ...silentLogger, warn: (m: string) => warnings.push(m) },
      async run() {
        if (++runs < 3) throw new TypeError('runner broke');
        return { code: 0, signal: null, stdout: '', stderr: '', timedOut: false, aborted: false };
      },
    });
    reporter.update({ vars: { REPORT_READY: 'YES', READY_SCRIPT: 'true' } }, 'b');
    await reporter.idle();
    expect(state.status).toBe('reported');
    expect(runs).toBe(3);
    expect(warnings).toEqual([expect.stringMatching(/^ready: runner broke; retry in \d+ s$/)]);
  });

  it('retries the PUT after server errors and records the failure meanwhile', async () => {
    const { calls, state, reporter } = setup([
      new OneGateError('ONEGATE_SERVER_ERROR', 'PUT /vm: 503'),
      new OneGateError('ONEGATE_UNREACHABLE', 'connection refused'),
    ]);
    reporter.update({ vars: { REPORT_READY: 'YES' } }, 'b');
    await reporter.idle();
    expect(calls).toHaveLength(3);
    expect(state.status).toBe('reported');
    expect(state.lastError).toBeUndefined();
    expect(state.lastSuccess).toBeDefined();
  });
});
