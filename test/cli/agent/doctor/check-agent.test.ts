// The agent check over the status files of test/fixtures/status/ (what `status` reads) and the state_dir lock.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../agent/config/schema';
import { agentCheck } from '../../../../cli/agent/doctor/check-agent';
import type { DoctorContext } from '../../../../cli/agent/doctor/types';
import { tempDir } from '../../../support/temp-dir';

const STATUS = join(__dirname, '../../../fixtures/status');
const NOW = Date.parse('2026-12-02T03:14:30.000Z');

function ctxWith(fixture: string | undefined, opts: { alive?: number[]; lockPid?: number } = {}): DoctorContext {
  const dir = tempDir('oga-doctor-agent-');
  const config = { ...defaultConfig(), run_dir: join(dir, 'run'), state_dir: join(dir, 'state') };
  mkdirSync(config.run_dir);
  mkdirSync(config.state_dir);
  if (fixture) copyFileSync(join(STATUS, fixture, 'status.json'), join(config.run_dir, 'status.json'));
  if (opts.lockPid) writeFileSync(join(config.state_dir, 'agent.pid'), `${opts.lockPid}\n`);
  const alive = new Set(opts.alive ?? []);
  return { deps: { isAlive: (pid: number) => alive.has(pid), now: () => NOW } as DoctorContext['deps'], facts: { loaded: { config } } };
}

describe('agent check', () => {
  it('looks in the default run_dir, saying so, when the configuration file is unusable', async () => {
    const dir = tempDir('oga-doctor-badconf-');
    writeFileSync(join(dir, 'agent.yaml'), 'interval: often\n');
    const ctx: DoctorContext = {
      deps: { configFile: join(dir, 'agent.yaml'), isAlive: () => false, now: () => NOW } as unknown as DoctorContext['deps'],
      facts: {},
    };
    const finding = await agentCheck.run(ctx);
    expect(finding.evidence).toMatch(/ \(the configuration is unusable: default run_dir\)$/);
  });

  it.each<[string, string | undefined, { alive?: number[]; lockPid?: number }, string, RegExp]>([
    ['never ran here', undefined, {}, 'ok', /^not running: no .*\/run\/status\.json \(doctor does not need it\)$/],
    ['stale lock, no status', undefined, { lockPid: 4242 }, 'ok', /, stale lock of pid 4242 \(doctor/],
    [
      'starting (lock held, no status yet)',
      undefined,
      { lockPid: 4242, alive: [4242] },
      'ok',
      /^pid 4242 holds .* but has written no .*status\.json yet/,
    ],
    [
      'running and healthy',
      'valid',
      { lockPid: 9741, alive: [9741] },
      'ok',
      /^pid 9741 \(version 0\.1\.0\) running since 2026-12-02T03:13:40\.827Z, holds the state_dir lock; READY reported$/,
    ],
    ['stopped', 'stopped-failing', {}, 'warn', /^not running: stopped at 2026-12-02T03:20:01\.000Z; last READY /],
    ['damaged status file', 'truncated', {}, 'warn', /status\.json/],
  ])('%s', async (_name, fixture, opts, verdict, evidence) => {
    const finding = await agentCheck.run(ctxWith(fixture, opts));
    expect(finding.verdict, finding.evidence).toBe(verdict);
    expect(finding.evidence).toMatch(evidence);
    if (verdict === 'warn') expect(finding.advice).toMatch(/onegate-agent/);
  });
});
