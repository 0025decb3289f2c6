import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { schema } from '../../../agent/config/schema';
import type { Clock } from '../../../agent/schedule/clock';
import { alignToPhase, createTicker, isSlot, jitterOf, phaseOf, slotOf } from '../../../agent/schedule/ticker';
import { random } from '../../support/random';

const fakeClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

describe('phaseOf', () => {
  it('is stable per key, inside the interval, and spreads keys', () => {
    expect(phaseOf('42', 60_000)).toBe(phaseOf('42', 60_000));
    const phases = Array.from({ length: 1000 }, (_, i) => phaseOf(String(i), 60_000));
    expect(Math.min(...phases)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...phases)).toBeLessThan(60_000);
    // 1000 VMs over 60 one-second buckets: no bucket holds more than twice the mean.
    const buckets = new Array(60).fill(0);
    for (const p of phases) buckets[Math.floor(p / 1000)]++;
    expect(Math.max(...buckets)).toBeLessThan((2 * 1000) / 60);
  });

  it('spreads consecutive numeric VMIDs evenly (Fibonacci hashing)', () => {
    expect(phaseOf('1', 1000)).toBe(618);
    expect(phaseOf('2', 1000)).toBe(236);
    // 1000 consecutive VMIDs over 60 buckets: every bucket within one of the mean (hashing gives ~1.7x).
    const buckets = new Array(60).fill(0);
    for (let id = 5000; id < 6000; id++) buckets[Math.floor(phaseOf(String(id), 60_000) / 1000)]++;
    expect(Math.max(...buckets)).toBeLessThanOrEqual(Math.ceil(1000 / 60) + 1);
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(Math.floor(1000 / 60) - 1);
  });

  it('hashes keys that are not a decimal number, and applies the offset modulo the interval', () => {
    expect(phaseOf('web-1', 60_000)).toBe(phaseOf('web-1', 60_000));
    expect(phaseOf('web-1', 60_000)).not.toBe(phaseOf('web-2', 60_000));
    expect(phaseOf('1', 1000, 0.5)).toBe(118); // 0.618 + 0.5 wraps to 0.118
    expect(phaseOf('web-1', 60_000, 0.5)).toBe((phaseOf('web-1', 60_000) + 30_000) % 60_000);
  });
});

// The herd, computed without timers or I/O (scripts/bench/herd.mjs measures it live): 1,000 consecutive
// VMIDs pull at phaseOf(VMID, interval, 0.5) + k * interval + jitterOf(...), and the busiest 1-second
// bucket (interval / 60, i.e. a second at 60 s) of two intervals is compared with the mean, averaged over
// 20 seeded draws of the jitter.
describe("the fleet's busiest second", () => {
  const INTERVAL = 60_000;
  const CYCLES = 2;
  const BUCKET = INTERVAL / 60;

  function peakToMean(jitter: number, rand: () => number): number {
    const buckets = new Array((CYCLES * INTERVAL) / BUCKET).fill(0);
    let total = 0;
    for (let id = 1000; id < 2000; id++) {
      const phase = phaseOf(String(id), INTERVAL, 0.5);
      for (let k = 0; k <= CYCLES; k++) {
        const at = phase + k * INTERVAL + jitterOf(rand, jitter, INTERVAL);
        if (at < 0 || at >= CYCLES * INTERVAL) continue;
        buckets[Math.floor(at / BUCKET)]++;
        total++;
      }
    }
    return Math.max(...buckets) / (total / buckets.length);
  }

  function averaged(jitter: number): number {
    const rand = random(15);
    let sum = 0;
    for (let draw = 0; draw < 20; draw++) sum += peakToMean(jitter, rand);
    return sum / 20;
  }

  it('jitterOf draws within plus or minus jitter x interval', () => {
    expect(jitterOf(() => 0, 0.001, INTERVAL)).toBe(-60);
    expect(jitterOf(() => 0.5, 0.001, INTERVAL)).toBe(0);
    expect(jitterOf(() => 0.75, 0.001, INTERVAL)).toBe(30);
  });

  it('without jitter the Fibonacci phases put at most 18 of 16.7 requests in a second', () => {
    expect(peakToMean(0, () => 0.5)).toBeCloseTo(18 / (1000 / 60), 5);
  });

  it('stays at or below 1.2 at the default jitter, where the previous default (0.005) gave ~1.28', () => {
    const computed = averaged(schema.jitter.default);
    expect(computed).toBeLessThanOrEqual(1.2);
    expect(averaged(0.005)).toBeGreaterThan(1.25);
    expect(averaged(0.005)).toBeGreaterThan(computed);
  });
});

describe('slotOf and isSlot', () => {
  it.each(['42', '1000', '999999999', 'web-1'])('key %s: exactly one grid tick in every period is its slot', (key) => {
    for (const period of [1, 2, 5, 10]) {
      const phase = phaseOf(key, 60_000, 0.5);
      const on = [...Array(3 * period).keys()].filter((m) => isSlot(key, phase + (1000 + m) * 60_000, 60_000, period, 0.5));
      expect(on).toHaveLength(3);
      expect(on[1] - on[0]).toBe(period);
      expect(slotOf(key, period, 0.5)).toBeLessThan(period);
    }
  });

  // A fleet in the steady state of a quiet cloud: a heartbeat push every 10 cycles and a backed-off pull
  // every 5 (the defaults at 60 s), over 10 intervals in 1-second buckets. Counted from each daemon's start,
  // a fleet booted together does both in the same intervals; at its slots it spreads them.
  function steadyPeakToMean(slotted: boolean): number {
    const INTERVAL = 60_000;
    const buckets = new Array(600).fill(0);
    let total = 0;
    const rand = random(15);
    for (let id = 1000; id < 2000; id++) {
      for (const [period, offset] of [
        [10, 0],
        [5, 0.5],
      ]) {
        const key = String(id);
        const phase = phaseOf(key, INTERVAL, offset);
        for (let m = 0; m < 10; m++) {
          const at = phase + m * INTERVAL;
          if (slotted ? !isSlot(key, at, INTERVAL, period, offset) : m % period !== 0) continue;
          const t = (((at + jitterOf(rand, schema.jitter.default, INTERVAL)) % (10 * INTERVAL)) + 10 * INTERVAL) % (10 * INTERVAL);
          buckets[Math.floor(t / 1000)]++;
          total++;
        }
      }
    }
    return Math.max(...buckets) / (total / buckets.length);
  }

  it("spreads a fleet's heartbeats and backed-off pulls: busiest second <= 1.6 x the mean, not 5 x", () => {
    expect(steadyPeakToMean(true)).toBeLessThanOrEqual(1.6);
    expect(steadyPeakToMean(false)).toBeGreaterThanOrEqual(5);
  });
});

describe('alignToPhase', () => {
  it.each([
    [0, 250, 1000, 250],
    [250, 250, 1000, 250],
    [251, 250, 1000, 1250],
    [10_999, 0, 1000, 11_000],
  ])('now=%i phase=%i interval=%i -> %i', (now, phase, interval, expected) => {
    expect(alignToPhase(now, phase, interval)).toBe(expected);
  });
});

describe('createTicker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function record(opts: { jitter?: number; rand?: () => number; cycleMs?: number } = {}) {
    const ticks: number[] = [];
    const ticker = createTicker({
      intervalMs: 10_000,
      phaseKey: '7',
      jitter: opts.jitter ?? 0,
      clock: fakeClock,
      rand: opts.rand ?? (() => 0.5),
      onTick: async () => {
        ticks.push(Date.now());
        if (opts.cycleMs) await new Promise((r) => setTimeout(r, opts.cycleMs));
      },
    });
    return { ticks, ticker };
  }

  it('ticks at phase + k * interval exactly', async () => {
    const { ticks, ticker } = record();
    const phase = phaseOf('7', 10_000);
    const first = alignToPhase(1_000_000, phase, 10_000);
    ticker.start();
    expect(ticker.next).toBe(first);
    await vi.advanceTimersByTimeAsync(first - 1_000_000 + 30_000);
    expect(ticks).toEqual([first, first + 10_000, first + 20_000, first + 30_000]);
    ticker.stop();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(ticks).toHaveLength(4);
  });

  it('shifts the grid by phaseOffset', async () => {
    const ticks: number[] = [];
    const ticker = createTicker({
      intervalMs: 10_000,
      phaseKey: '7',
      phaseOffset: 0.5,
      jitter: 0,
      clock: fakeClock,
      onTick: async () => {
        ticks.push(Date.now());
      },
    });
    const first = alignToPhase(1_000_000, phaseOf('7', 10_000, 0.5), 10_000);
    ticker.start();
    await vi.advanceTimersByTimeAsync(first - 1_000_000 + 10_000);
    expect(ticks).toEqual([first, first + 10_000]);
    expect((((first - alignToPhase(1_000_000, phaseOf('7', 10_000), 10_000)) % 10_000) + 10_000) % 10_000).toBe(5000);
    ticker.stop();
  });

  it('adds jitter to each wait without drifting the nominal grid', async () => {
    const draws = [0, 1, 0.75];
    const { ticks, ticker } = record({ jitter: 0.1, rand: () => draws.shift() ?? 0.5 });
    const first = alignToPhase(1_000_000, phaseOf('7', 10_000), 10_000);
    ticker.start();
    await vi.advanceTimersByTimeAsync(first - 1_000_000 + 30_000);
    // rand 0 -> -10 % (-1000 ms), 1 -> +10 %, 0.75 -> +5 %, then 0.5 -> none.
    expect(ticks).toEqual([Math.max(1_000_000, first - 1000), first + 10_000 + 1000, first + 20_000 + 500, first + 30_000]);
  });

  it('skips a tick while the previous cycle still runs', async () => {
    const { ticks, ticker } = record({ cycleMs: 15_000 });
    const first = alignToPhase(1_000_000, phaseOf('7', 10_000), 10_000);
    ticker.start();
    await vi.advanceTimersByTimeAsync(first - 1_000_000 + 40_000);
    // Cycles take 15 s: the tick at +10 s is skipped, +20 s runs, +30 s skipped, +40 s runs.
    expect(ticks).toEqual([first, first + 20_000, first + 40_000]);
    expect(ticker.running).toBe(true);
    ticker.stop();
  });

  it('after a clock jump resumes on the grid instead of catching up', async () => {
    const { ticks, ticker } = record();
    const first = alignToPhase(1_000_000, phaseOf('7', 10_000), 10_000);
    ticker.start();
    await vi.advanceTimersByTimeAsync(first - 1_000_000);
    expect(ticks).toEqual([first]);
    // The VM is suspended for 95 s: the wall clock jumps, and the pending timer fires 95 s late.
    vi.setSystemTime(first + 95_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ticks).toEqual([first, first + 105_000]);
    expect(ticker.next).toBe(first + 110_000);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(ticks).toEqual([first, first + 105_000, first + 110_000]);
    ticker.stop();
  });
});
