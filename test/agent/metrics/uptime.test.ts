import { describe, expect, it } from 'vitest';
import { parseUptime } from '../../../agent/metrics/uptime';

describe('parseUptime', () => {
  it.each([
    ['empty', '', undefined],
    ['invalid', 'abc 1.0', undefined],
    ['valid, rounded down', '350735.97 234388.90\n', { UPTIME: 350735 }],
  ])('%s', (_, text, expected) => {
    expect(parseUptime(text)).toEqual(expected);
  });
});
