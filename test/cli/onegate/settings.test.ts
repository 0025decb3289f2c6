// Settings read from the environment before a command runs: the body limit (issue 18, memory).
import { describe, expect, it } from 'vitest';
import { parseMaxResponse } from '../../../cli/onegate/settings';

describe('ONEGATE_MAX_RESPONSE_MIB', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['1', 1024 * 1024],
    ['64', 64 * 1024 * 1024],
    ['256', 256 * 1024 * 1024],
  ])('%j is %j bytes', (text, bytes) => {
    expect(parseMaxResponse({ ONEGATE_MAX_RESPONSE_MIB: text })).toBe(bytes);
  });

  it.each(['0', '257', '1.5', '-4', '4M', '\u001b[2J'])('%j is one line naming the variable, escaped', (text) => {
    expect(() => parseMaxResponse({ ONEGATE_MAX_RESPONSE_MIB: text })).toThrow(
      /^invalid ONEGATE_MAX_RESPONSE_MIB "[^\u001b]*" \(expected MiB, an integer from 1 to 256\)$/,
    );
  });
});
