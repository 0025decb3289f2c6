import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, type RetryPolicy, sleep } from '../../../agent/onegate/retry';

const policy: RetryPolicy = { maxAttempts: 10, baseMs: 1000, factor: 2, maxMs: 300_000 };

describe('backoffDelay', () => {
  // attempt, rand, expected: full jitter over min(maxMs, baseMs * factor^(attempt-1))
  const table: Array<[number, number, number]> = [
    [1, 0, 0],
    [1, 0.5, 500],
    [1, 0.999, 999],
    [2, 0.5, 1000],
    [3, 0.5, 2000],
    [4, 0.25, 2000],
    [9, 0.5, 128_000],
    [10, 0.5, 150_000],
    [20, 0.5, 150_000],
    [0, 0.5, 500],
  ];
  it.each(table)('attempt %i with rand %f waits %i ms', (attempt, r, expected) => {
    expect(backoffDelay(attempt, policy, () => r)).toBe(expected);
  });
  it('is never above the cap', () => {
    for (let attempt = 1; attempt < 40; attempt++) expect(backoffDelay(attempt, policy, () => 0.999999)).toBeLessThan(300_000);
  });
  it('uses real randomness by default', () => {
    const values = new Set(Array.from({ length: 20 }, () => backoffDelay(5, policy)));
    expect(values.size).toBeGreaterThan(1);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ] as Array<[string | undefined, number | undefined]>)('%j -> %j', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
  it('rejects with the reason when aborted while waiting', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
  it('rejects at once when already aborted', async () => {
    await expect(sleep(60_000, AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
  });
});
