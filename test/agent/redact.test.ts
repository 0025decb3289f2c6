import { describe, expect, it } from 'vitest';
import { isSecretName, quoteInput, quoteValue, REDACTED, redactArgument } from '../../agent/redact';

describe('redact', () => {
  it.each([
    ['ONEGATE_TOKEN', true],
    ['TOKENTXT', true],
    ['db_password', true],
    ['API_SECRET', true],
    ['AWS_ACCESS_KEY', true],
    ['PASSPHRASE', true],
    ['SSH_PUBLIC_KEY', false],
    ['HOSTNAME', false],
    ['VMID', false],
  ])('isSecretName(%s) is %s', (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });

  it.each([
    ['plain', '"plain"'],
    ['a\u0000b', '"a\\u0000b"'],
    ['\u001b[31mred', '"\\u001b[31mred"'],
    ['bidi\u202eevil', '"bidi\\u202eevil"'],
    ['http://user:hunter2@host/x', '"http://user:***@host/x"'],
    ['--token=abc', '"--token=<redacted>"'],
    ['DB_PASSWORD=abc', '"DB_PASSWORD=<redacted>"'],
    ['HOSTNAME=web1', '"HOSTNAME=web1"'],
    ['x'.repeat(50), `"${'x'.repeat(39)}…"`],
  ])('quoteInput(%j) is %s', (input, shown) => {
    expect(quoteInput(input)).toBe(shown);
  });

  it('quoteValue hides the value of a secret name whatever it is, and quotes the rest', () => {
    expect(quoteValue('ONEGATE_TOKEN', 'abc')).toBe(REDACTED);
    expect(quoteValue('HOSTNAME', 'web1')).toBe('"web1"');
  });

  it('redactArgument keeps an argument unquoted, masked and escaped', () => {
    expect(redactArgument('--password=abc')).toBe('--password=<redacted>');
    expect(redactArgument('--frob\u0007')).toBe('--frob\\x07');
  });
});
