import { describe, expect, it } from 'vitest';
import { checkAttributeName, checkAttributeValue, formatUpdateText, validateAttributes } from '../../../agent/onegate/values';

function refusal(fn: () => void): { code?: string; key?: string; character?: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as never;
  }
  throw new Error('expected a refusal');
}

describe('checkAttributeValue', () => {
  const ok = ['YES', 'hello world', 'YWJj==', 'a=b', 'http://h/p?a=1&b=2', '50%', 'tab\there', 'ünïcödé ✓', ' 9.7', '{x}'];
  it.each(ok)('accepts %j', (value) => {
    expect(() => checkAttributeValue('K', value)).not.toThrow();
  });

  const bad: Array<[string, string]> = [
    ['a,b', ','],
    ['x[y', '['],
    ['x]y', ']'],
    ['say "hi"', '"'],
    ['path\\to', '\\'],
    ['1\\n2', '\\n'],
    ['a\rb', '\r'],
    ['a\nb', '\n'],
    ['nul\u0000', '\u0000'],
    ['', ''],
  ];
  it.each(bad)('refuses %j naming the key and %j', (value, character) => {
    const err = refusal(() => checkAttributeValue('MY_KEY', value));
    expect(err).toMatchObject({ code: 'ONEGATE_INVALID_VALUE', key: 'MY_KEY', character });
    expect(err.message).toContain('"MY_KEY"');
  });
});

describe('checkAttributeName', () => {
  it.each(['READY', 'app_load', '_X', 'A1'])('accepts %j', (key) => {
    expect(() => checkAttributeName(key)).not.toThrow();
  });
  const bad: Array<[string, string, RegExp]> = [
    ['KEY-X', '-', /contains "-"/],
    ['1ABC', '1', /starts with a digit/],
    ['XMLDATA', 'XML', /starts with XML/],
    ['', '', /empty/],
    ['A B', ' ', /contains " "/],
    ['*', '*', /contains "\*"/],
  ];
  it.each(bad)('refuses %j', (key, character, why) => {
    const err = refusal(() => checkAttributeName(key));
    expect(err).toMatchObject({ code: 'ONEGATE_INVALID_VALUE', key, character });
    expect(err.message).toMatch(why);
  });
});

describe('validateAttributes', () => {
  it('upper-cases names and keeps order', () => {
    expect(validateAttributes({ ready: 'YES', Cpu_Load: '0.5' })).toEqual([
      ['READY', 'YES'],
      ['CPU_LOAD', '0.5'],
    ]);
  });
  it('refuses two names equal once upper-cased', () => {
    expect(refusal(() => validateAttributes({ a: '1', A: '2' })).message).toMatch(/same as "a"/);
  });
  it('refuses a non-string value', () => {
    expect(refusal(() => validateAttributes({ N: 5 as unknown as string })).message).toMatch(/number, not a string/);
  });
  it('formats one KEY=value per line', () => {
    expect(
      formatUpdateText([
        ['A', '1'],
        ['B', 'x y'],
      ]),
    ).toBe('A=1\nB=x y');
  });
});
