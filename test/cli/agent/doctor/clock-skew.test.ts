import { describe, expect, it } from 'vitest';
import { humanDuration, measureSkew } from '../../../../cli/agent/doctor/clock-skew';

const AT = Date.parse('2026-12-04T18:00:00.000Z');

describe('measureSkew', () => {
  it.each([
    ['in step', 'Fri, 04 Dec 2026 18:00:00 GMT', AT, AT + 200, 400],
    ['server an hour ahead', 'Fri, 04 Dec 2026 19:00:00 GMT', AT, AT, 3_600_500],
    ['server a day behind', 'Thu, 03 Dec 2026 18:00:00 GMT', AT, AT, -86_399_500],
  ])('%s', (_name, date, sent, received, skew) => {
    expect(measureSkew(date, sent, received)).toEqual({ kind: 'measured', skewMs: skew, roundTripMs: received - sent });
  });

  it.each([
    ['no header', undefined, /no Date header/],
    ['an empty header', ' ', /no Date header/],
    ['not a date', 'tomorrow', /"tomorrow" is not a date/],
    ['a number', '12', /is not a date/],
  ])('%s: unknown', (_name, date, why) => {
    const got = measureSkew(date, AT, AT);
    expect(got.kind).toBe('unknown');
    expect(got.kind === 'unknown' && got.why).toMatch(why);
  });
});

describe('humanDuration', () => {
  it.each([
    [0, '0 s'],
    [-45_000, '45 s'],
    [119_000, '119 s'],
    [600_000, '10 min'],
    [3 * 3_600_000, '3 h'],
    [5 * 86_400_000, '5 days'],
  ])('%d ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});
