import { describe, expect, it } from 'vitest';
import { computeCpu, parseStat } from '../../../agent/metrics/cpu';

describe('parseStat', () => {
  it.each([
    ['empty', '', {}],
    ['not enough fields', 'cpu  1 2 3\n', {}],
    ['invalid number', 'cpu0 1 2 x 4\n', {}],
    ['label that only starts with cpu', 'cpufreq 1 2 3 4\n', {}],
    ['old kernel, 4 fields', 'cpu  1 2 3 4\n', { cpu: [1, 2, 3, 4] }],
    ['guest fields dropped', 'cpu0 1 2 3 4 5 6 7 8 9 10\n', { cpu0: [1, 2, 3, 4, 5, 6, 7, 8] }],
    ['other lines ignored', 'intr 5 6 7 8\ncpu1 1 1 1 1 1 1 1\nctxt 9\n', { cpu1: [1, 1, 1, 1, 1, 1, 1] }],
  ])('%s', (_, text, expected) => {
    expect(parseStat(text)).toEqual(expected);
  });
});

describe('computeCpu', () => {
  it('treats iowait as idle and steal apart', () => {
    const { metrics } = computeCpu({ cpu0: [0, 0, 0, 0, 0, 0, 0, 0] }, { cpu0: [10, 10, 10, 30, 20, 5, 5, 10] });
    expect(metrics).toEqual({ CPU_USAGE: 40, CPU_STEAL: 10 });
  });
  it('uses the aggregate line when there are no per-CPU lines', () => {
    expect(computeCpu({ cpu: [0, 0, 0, 0] }, { cpu: [1, 0, 0, 3] }).metrics).toEqual({ CPU_USAGE: 25 });
  });
  it('gives nothing when no CPU is in both samples', () => {
    expect(computeCpu({ cpu: [4, 4, 4, 4], cpu0: [1, 1, 1, 1] }, { cpu: [9, 9, 9, 9], cpu1: [2, 2, 2, 2] }).metrics).toEqual({});
  });
  it('resets a CPU whose idle went back and keeps the higher value of other counters', () => {
    const prev = { cpu0: [10, 0, 0, 100, 50], cpu1: [10, 0, 0, 100, 0] };
    const { metrics, baseline } = computeCpu(prev, { cpu0: [20, 0, 0, 110, 40], cpu1: [1, 0, 0, 2, 0] });
    expect(metrics).toEqual({ CPU_USAGE: 50 });
    expect(baseline).toEqual({ cpu0: [20, 0, 0, 110, 50], cpu1: [1, 0, 0, 2, 0] });
  });
});
