import { describe, expect, it } from 'vitest';
import { availableKb, parseMeminfo, parseZoneinfo } from '../../../agent/metrics/meminfo';

describe('parseMeminfo', () => {
  it.each([
    ['empty', '', {}],
    ['invalid line', 'MemTotal 100 kB\nfoo\n', {}],
    [
      'units and unitless',
      'MemTotal:  100 kB\nHugePages_Total:   4\nActive(file):  7 kB\n',
      { MemTotal: 100, HugePages_Total: 4, 'Active(file)': 7 },
    ],
    ['truncated last line', 'MemTotal: 100 kB\nMemFr', { MemTotal: 100 }],
  ])('%s', (_, text, expected) => {
    expect(parseMeminfo(text)).toEqual(expected);
  });
});

describe('parseZoneinfo', () => {
  it('returns undefined without zones', () => {
    expect(parseZoneinfo('')).toBeUndefined();
  });
  it('prefers managed pages over present ones', () => {
    const text =
      'Node 0, zone DMA\n  pages free 3\n        low 6\n        present 100\n        managed 90\n        low 4\n        managed 10\n';
    expect(parseZoneinfo(text)).toEqual({ lowPages: 10, pages: 100 });
  });
});

describe('availableKb', () => {
  const old = { MemTotal: 1_000_000, MemFree: 200_000, 'Active(file)': 300_000, 'Inactive(file)': 100_000, SReclaimable: 50_000 };
  it('uses MemAvailable when present', () => {
    expect(availableKb({ MemAvailable: 5, MemFree: 1 })).toBe(5);
  });
  it('estimates from the watermarks with the page size implied by MemTotal', () => {
    // 64 KiB pages: 1e6 kB = 15625 pages; low watermark 125 pages = 8000 kB.
    expect(availableKb(old, { lowPages: 125, pages: 15_625 })).toBe(626_000);
    expect(availableKb(old, { lowPages: 2000, pages: 250_000 })).toBe(626_000);
  });
  it('never goes below zero', () => {
    expect(
      availableKb({ ...old, MemFree: 0, 'Active(file)': 0, 'Inactive(file)': 0, SReclaimable: 0 }, { lowPages: 2000, pages: 250_000 }),
    ).toBe(0);
  });
  it('falls back to free + buffers + cached, and gives up without MemFree', () => {
    expect(availableKb({ MemTotal: 10, MemFree: 1, Buffers: 2, Cached: 3 })).toBe(6);
    expect(availableKb({ MemTotal: 10 })).toBeUndefined();
  });
});
