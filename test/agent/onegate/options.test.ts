import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../agent/onegate/options';

const credentials = { endpoint: 'http://169.254.16.9:5030', vmid: '42', token: 't' };

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const o = resolveOptions({ credentials, env: {} });
    expect(o).toMatchObject({
      timeoutMs: 30_000,
      retry: { maxAttempts: 2, baseMs: 250, factor: 2, maxMs: 2000 },
      keepPathPrefix: true,
      userAgent: expect.stringMatching(/^onegate-agent\//),
      transport: { connectTimeoutMs: 5000, freeSocketTimeoutMs: 4000, maxResponseBytes: 1024 * 1024, insecure: false, ca: undefined },
    });
    expect(resolveOptions({ credentials }).env).toBe(process.env);
  });

  it('keeps given values', () => {
    const o = resolveOptions({
      credentials,
      timeoutMs: 5,
      retries: 0,
      connectTimeoutMs: 7,
      insecure: true,
      backoff: { baseMs: 1, factor: 3, maxMs: 9 },
    });
    expect(o).toMatchObject({
      timeoutMs: 5,
      retry: { maxAttempts: 1, baseMs: 1, factor: 3, maxMs: 9 },
      transport: { connectTimeoutMs: 7, insecure: true },
    });
  });

  it.each([
    [{ timeoutMs: 0 }, /timeoutMs: 0 is not a positive number/],
    [{ connectTimeoutMs: -5 }, /connectTimeoutMs: -5/],
    [{ timeoutMs: Number.NaN }, /timeoutMs: NaN/],
    [{ retries: -1 }, /retries: -1 is not a non-negative integer/],
    [{ retries: 1.5 }, /retries: 1.5/],
    [{ backoff: { baseMs: 0, factor: 2, maxMs: 1 } }, /backoff.baseMs: 0/],
    [{ caFile: '/nonexistent/ca.pem' }, /cannot read caFile "\/nonexistent\/ca.pem"/],
  ])('refuses %j naming the option', (bad, message) => {
    expect(() => resolveOptions({ credentials, ...bad })).toThrow(message);
  });
});
