import { describe, expect, it } from 'vitest';
import { computeMemory } from '../../../agent/metrics/memory';

describe('computeMemory', () => {
  it.each([
    ['empty', '', undefined],
    ['no MemTotal', 'MemFree: 5 kB\nMemAvailable: 5 kB\n', undefined],
    ['zero MemTotal', 'MemTotal: 0 kB\nMemAvailable: 0 kB\n', undefined],
    ['valid', 'MemTotal: 200 kB\nMemFree: 10 kB\nMemAvailable: 150 kB\n', { MEM_USED: 25 }],
    ['available above total (ballooning race)', 'MemTotal: 100 kB\nMemAvailable: 120 kB\n', { MEM_USED: 0 }],
  ])('%s', (_, text, expected) => {
    expect(computeMemory(text)).toEqual(expected);
  });
});
