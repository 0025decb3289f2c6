import { describe, expect, it } from 'vitest';
import { computeSwap } from '../../../agent/metrics/swap';

describe('computeSwap', () => {
  it.each([
    ['empty', '', undefined],
    ['SwapFree missing', 'SwapTotal: 100 kB\n', undefined],
    ['no swap configured', 'SwapTotal: 0 kB\nSwapFree: 0 kB\n', { SWAP_USED: 0 }],
    ['valid', 'SwapTotal: 400 kB\nSwapFree: 100 kB\n', { SWAP_USED: 75 }],
  ])('%s', (_, text, expected) => {
    expect(computeSwap(text)).toEqual(expected);
  });
});
