import { describe, expect, it } from 'vitest';
import { contextJson, contextText, showValue } from '../../../agent/context/format';
import type { ResolvedContext } from '../../../agent/context/types';

const ctx: ResolvedContext = {
  endpoint: 'http://h:1',
  vmid: '4',
  token: 'secret',
  source: 'one_env',
  fingerprint: 'f',
  sources: { endpoint: 'e-origin', token: 't-origin', vars: 'v-origin' },
  vars: {
    TOKENTXT: 'secret',
    B: 'two\nlines',
    A: 'plain value',
    EMPTY_TOKEN: '',
    ONEGATE_TOKEN: '',
    ROOT_PASSWORD: 'pw',
    SSH_PUBLIC_KEY: 'ssh-ed25519 K',
  },
};

describe('context output', () => {
  it('text: origins, missing values, sorted variables, token hidden', () => {
    expect(contextText({ ...ctx, vmid: undefined }, false)).toBe(
      [
        'endpoint: http://h:1  (from e-origin)',
        'vmid:     (not found)',
        'token:    <redacted>  (from t-origin)',
        'source:   one_env  (from v-origin)',
        '',
        'variables (7):',
        '  A=plain value',
        '  B="two\\nlines"',
        '  EMPTY_TOKEN=""',
        '  ONEGATE_TOKEN=""',
        '  ROOT_PASSWORD=<redacted>',
        '  SSH_PUBLIC_KEY=ssh-ed25519 K',
        '  TOKENTXT=<redacted>',
        '',
      ].join('\n'),
    );
  });
  it('json: null for missing values, token shown on request', () => {
    expect(contextJson({ ...ctx, endpoint: undefined }, true)).toMatchObject({
      endpoint: null,
      token: 'secret',
      vars: { TOKENTXT: 'secret' },
    });
  });
  it.each([
    ['abc', 'abc'],
    ['', '""'],
    [' x', '" x"'],
    ['"q"', '"\\"q\\""'],
    ['a\tb', '"a\\tb"'],
    ['a\u200bb', '"a\\u200bb"'],
    ['csi \u009b31m', '"csi \\x9b31m"'],
    ['http://u:pw@h/', '"http://u:***@h/"'],
    ["it's $x", "it's $x"],
  ])('showValue(%j) = %s', (value, shown) => expect(showValue(value)).toBe(shown));
});
