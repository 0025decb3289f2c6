import { describe, expect, it } from 'vitest';
import { formatAttributes, formatNumber } from '../../../agent/attributes/format';

describe('formatNumber', () => {
  it.each([
    [42.456, 2, '42.46'],
    [42, 2, '42.00'],
    [42.5, 0, '43'],
    [-0, 2, '0.00'],
    [-0.001, 2, '0.00'],
    [-0.4, 0, '0'],
    [-1.5, 1, '-1.5'],
    [1e-7, 3, '0.000'],
    [1.5e21, 1, '1500000000000000000000.0'],
    [-2e22, 0, '-20000000000000000000000'],
    [NaN, 2, undefined],
    [Infinity, 2, undefined],
  ])('%s with %s decimals', (n, decimals, expected) => {
    expect(formatNumber(n, decimals)).toBe(expected);
  });
  it('never writes an exponent or -0', () => {
    for (const n of [1e-300, -1e-300, 123456789.123, 9.99e20, 1e25]) expect(formatNumber(n, 2)).toMatch(/^-?(0|[1-9]\d*)\.\d\d$/);
  });
});

describe('formatAttributes', () => {
  it('prefixes, upper-cases and formats', () => {
    const r = formatAttributes({ CPU_USAGE: 12.345, role: 'web' }, { prefix: 'guest_', decimals: 1 });
    expect(r).toEqual({
      attributes: { GUEST_CPU_USAGE: '12.3', GUEST_ROLE: 'web' },
      problems: [],
      restricted: [],
      keys: { GUEST_CPU_USAGE: 'CPU_USAGE', GUEST_ROLE: 'role' },
    });
  });
  it('defaults to no prefix and 2 decimals', () => {
    expect(formatAttributes({ MEM_USED: 50 }).attributes).toEqual({ MEM_USED: '50.00' });
  });
  it('drops and reports what the server would refuse, keeping the rest', () => {
    const r = formatAttributes({
      OK: 'yes',
      '1ST': 'x',
      XMLDATA: 'x',
      'BAD-NAME': 'x',
      SERVICE_ID: '3',
      A: 'a,b',
      B: '',
      C: NaN,
      ok: 'again',
    });
    expect(r.attributes).toEqual({ OK: 'yes' });
    expect(r.problems).toHaveLength(7);
    expect(r.problems.join('\n')).toMatch(/"1ST".*digit/);
    // Named apart, so the push names it as it names the server's refusals.
    expect(r.restricted).toEqual(['SERVICE_ID']);
    expect(r.problems.join('\n')).toMatch(/"A": the value contains ","/);
    expect(r.problems.join('\n')).toMatch(/"C": NaN is not a finite number/);
    expect(r.problems.join('\n')).toMatch(/"OK": given twice/);
  });
  it('accepts a name starting with a digit once the prefix makes it valid', () => {
    expect(formatAttributes({ '1ST': 1 }, { prefix: 'G_', decimals: 0 }).attributes).toEqual({ G_1ST: '1' });
  });
});
