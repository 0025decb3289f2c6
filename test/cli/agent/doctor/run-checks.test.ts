// The runner alone, with stub checks: skip propagation, the exit status, a check that throws, the token scrubbed.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../../cli/agent/doctor/index';
import { runChecks } from '../../../../cli/agent/doctor/run-checks';
import type { Check, DoctorContext, Finding } from '../../../../cli/agent/doctor/types';

const stub = (name: string, needs: string[], finding: Finding | (() => never)): Check => ({
  name,
  title: `${name} title`,
  needs,
  run: async () => (typeof finding === 'function' ? finding() : finding),
});
const ctx = (): DoctorContext => ({ deps: {} as DoctorContext['deps'], facts: {} });
const okF: Finding = { verdict: 'ok', evidence: 'fine', advice: '' };

describe('runChecks', () => {
  it('skips what needs a failed check, transitively, and runs the rest', async () => {
    const report = await runChecks(
      [
        stub('a', [], okF),
        stub('b', ['a'], { verdict: 'fail', evidence: 'broken', advice: 'fix b' }),
        stub('c', ['b'], okF),
        stub('d', ['c'], okF),
        stub('e', ['a'], { verdict: 'warn', evidence: 'meh', advice: 'look' }),
      ],
      ctx(),
    );
    expect(report.checks.map((c) => [c.name, c.verdict, c.evidence])).toEqual([
      ['a', 'ok', 'fine'],
      ['b', 'fail', 'broken'],
      ['c', 'skip', 'not checked: b failed'],
      ['d', 'skip', 'not checked: b failed'],
      ['e', 'warn', 'meh'],
    ]);
    expect(report).toMatchObject({ exitCode: 2, firstFailure: 'b' });
  });

  it('exits 1 with warnings only, 0 when all pass; a check that skipped itself blocks nothing', async () => {
    expect((await runChecks([stub('a', [], { verdict: 'warn', evidence: 'x', advice: 'y' })], ctx())).exitCode).toBe(1);
    const report = await runChecks([stub('a', [], { verdict: 'skip', evidence: 'n/a', advice: '' }), stub('b', ['a'], okF)], ctx());
    expect(report.checks.map((c) => c.verdict)).toEqual(['skip', 'ok']);
    expect(report.exitCode).toBe(0);
  });

  it('reports a check that throws as a failure and carries on', async () => {
    const report = await runChecks(
      [
        stub('a', [], () => {
          throw new Error('boom');
        }),
        stub('b', [], okF),
      ],
      ctx(),
    );
    expect(report.checks[0]).toMatchObject({ verdict: 'fail', evidence: 'the check itself failed: boom' });
    expect(report.checks[1]!.verdict).toBe('ok');
  });

  it('never lets the token through, whatever a check wrote', async () => {
    const c = ctx();
    c.facts.credentials = { endpoint: 'http://x', vmid: '1', token: 'S3CRET-token-xyz' };
    const report = await runChecks(
      [stub('a', [], { verdict: 'fail', evidence: 'server said S3CRET-token-xyz', advice: 'S3CRET-token-xyz!' })],
      c,
    );
    expect(report.checks[0]).toMatchObject({ evidence: 'server said <redacted>', advice: '<redacted>!' });
  });
});

describe('the list of checks', () => {
  it('has unique names, a title each, and needs only checks listed before', () => {
    const seen = new Set<string>();
    for (const check of CHECKS) {
      expect(check.title).not.toBe('');
      expect(seen.has(check.name)).toBe(false);
      for (const need of check.needs) expect(seen.has(need), `${check.name} needs ${need}`).toBe(true);
      seen.add(check.name);
    }
    expect([...seen]).toEqual([
      'config',
      'context',
      'endpoint',
      'resolve',
      'route',
      'connect',
      'tls',
      'proxy',
      'vm',
      'clock',
      'features',
      'agent',
    ]);
  });
});
