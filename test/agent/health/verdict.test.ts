import { describe, expect, it } from 'vitest';
import type { CheckVerdict, ProbeResult } from '../../../agent/health/types';
import { initialVerdict, nextVerdict, overallHealth, storableReason } from '../../../agent/health/verdict';

const pass: ProbeResult = { ok: true, reason: '' };
const miss = (reason: string): ProbeResult => ({ ok: false, reason });

function replay(results: ProbeResult[], check = { failures: 3, successes: 2 }): CheckVerdict[] {
  const out: CheckVerdict[] = [];
  let v = initialVerdict();
  for (const r of results) {
    v = nextVerdict(v, r, check);
    out.push(v);
  }
  return out;
}

describe('nextVerdict', () => {
  it.each([
    ['UNKNOWN until the first verdict, OK after `successes` passes', [pass, pass], ['UNKNOWN', 'OK']],
    ['UNKNOWN to FAIL after `failures` misses', [miss('a'), miss('b'), miss('c')], ['UNKNOWN', 'UNKNOWN', 'FAIL']],
    ['OK stays OK through fewer misses than `failures`', [pass, pass, miss('x'), miss('x'), pass], ['UNKNOWN', 'OK', 'OK', 'OK', 'OK']],
    [
      'a pass resets the misses',
      [pass, pass, miss('x'), miss('x'), pass, miss('x'), miss('x')],
      ['UNKNOWN', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK'],
    ],
    [
      'FAIL needs `successes` passes in a row to be OK again',
      [miss('a'), miss('a'), miss('a'), pass, miss('b'), pass, pass],
      ['UNKNOWN', 'UNKNOWN', 'FAIL', 'FAIL', 'FAIL', 'FAIL', 'OK'],
    ],
  ])('%s', (_name, results, statuses) => {
    expect(replay(results).map((v) => v.status)).toEqual(statuses);
  });

  it('keeps the latest failure reason while FAIL and clears it when OK', () => {
    const vs = replay([miss('HTTP 503'), miss('HTTP 502'), miss('connection refused'), pass, pass]);
    expect(vs[2]).toEqual({ status: 'FAIL', passes: 0, misses: 3, reason: 'connection refused' });
    expect(vs[3].reason).toBe('connection refused');
    expect(vs[4]).toEqual({ status: 'OK', passes: 2, misses: 0, reason: '' });
  });

  it('with failures 1 and successes 1 follows every run', () => {
    expect(replay([miss('x'), pass, miss('y')], { failures: 1, successes: 1 }).map((v) => v.status)).toEqual(['FAIL', 'OK', 'FAIL']);
  });
});

describe('overallHealth', () => {
  const v = (status: CheckVerdict['status'], reason = ''): CheckVerdict => ({ status, passes: 0, misses: 0, reason });

  it.each([
    ['no checks', [], { status: 'OK', reason: '' }],
    ['all OK', [{ name: 'web', verdict: v('OK') }], { status: 'OK', reason: '' }],
    [
      'one without a verdict',
      [
        { name: 'web', verdict: v('OK') },
        { name: 'db', verdict: v('UNKNOWN') },
      ],
      { status: 'UNKNOWN', reason: '' },
    ],
    [
      'a failure wins over UNKNOWN',
      [
        { name: 'web', verdict: v('UNKNOWN') },
        { name: 'db', verdict: v('FAIL', 'connection refused') },
      ],
      { status: 'FAIL', reason: 'db: connection refused' },
    ],
    [
      'two failures: the first, and a count',
      [
        { name: 'web', verdict: v('FAIL', 'HTTP 503') },
        { name: 'db', verdict: v('FAIL', 'timed out after 3 s') },
      ],
      { status: 'FAIL', reason: 'web: HTTP 503 (and 1 more)' },
    ],
  ])('%s', (_name, verdicts, expected) => {
    expect(overallHealth(verdicts as Array<{ name: string; verdict: CheckVerdict }>)).toEqual(expected);
  });
});

describe('storableReason', () => {
  it('replaces what OneGate cannot store and bounds the length', () => {
    expect(storableReason('exit 1: "bad", [x] \\ y\nz')).toBe('exit 1: bad x y z');
    expect(storableReason('a\\nb')).toBe('a b');
    expect(storableReason('x'.repeat(300))).toHaveLength(200);
    expect(storableReason('""')).toBe('failed');
  });
});
