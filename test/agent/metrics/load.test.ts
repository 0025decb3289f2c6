import { describe, expect, it } from 'vitest';
import { parseLoadavg } from '../../../agent/metrics/load';

describe('parseLoadavg', () => {
  it.each([
    ['empty', '', undefined],
    ['not enough fields', '0.1 0.2', undefined],
    ['invalid field', '0.1 x 0.3 1/2 3', undefined],
    ['negative', '-1 0.2 0.3 1/2 3', undefined],
    ['valid', '0.52 0.58 12.00 1/467 12345\n', { LOAD1: 0.52, LOAD5: 0.58, LOAD15: 12 }],
  ])('%s', (_, text, expected) => {
    expect(parseLoadavg(text)).toEqual(expected);
  });
});
