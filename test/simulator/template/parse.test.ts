import { describe, expect, it } from 'vitest';
import { escapeAttr } from './escape';
import { attributeName, parseTemplate } from './parse';
import { mergeTemplate, templateFrom, templateToHash } from './template';

const parsed = (text: string): Record<string, unknown> => templateToHash(parseTemplate(escapeAttr(text)));

describe('oned template parsing after the server escaping', () => {
  it.each([
    ['READY=YES', { READY: 'YES' }],
    ['A=hello world', { A: 'hello world' }],
    ['A=1\\nB=2', { A: '1', B: '2' }],
    ['K=YWJj==', { K: 'YWJj==' }],
    ['A=[B=x y]', { A: { B: 'x y' } }],
    ['APP_LOAD = 9.7', { APP_LOAD: ' 9.7' }],
    ['A=[B=1,C=2]', { A: { B: '1', C: '2"' } }],
    ['A=1\r\nB=2', { A: '1\r', B: '2' }],
    ['lower=x', { LOWER: 'x' }],
    ['A=1\nA=2', { A: ['1', '2'] }],
    ['A=[]', { A: {} }],
  ])('%j is stored as %j', (input, want) => {
    expect(parsed(input)).toEqual(want);
  });

  it.each([
    ['A=a,b,c', 'Parse error: syntax error at line 1, columns 6:7'],
    ['A=[B=1,C=two words]', 'Parse error: syntax error at line 1, columns 16:21'],
    ['A=say "hi"', 'Parse error: syntax error at line 1, columns 11:12'],
    ['KEY-X=1', 'Parse error: syntax error at line 1, columns 5:6'],
  ])('%j is a syntax error (%s)', (input, message) => {
    expect(() => parsed(input)).toThrow(message);
  });

  it('prefixes names that do not start with a letter or _, or start with XML', () => {
    expect(attributeName('1A')).toBe('ONE_1A');
    expect(attributeName('XMLX')).toBe('ONE_XMLX');
    expect(attributeName('xmlx')).toBe('XMLX');
    expect(attributeName('_a')).toBe('_A');
  });

  it('merge replaces every attribute of a name and drops empty vectors', () => {
    const t = templateFrom({ A: ['1', '2'], B: 'keep', V: { X: '1' } });
    mergeTemplate(t, parseTemplate('A="3"\nV=[]'));
    expect(templateToHash(t)).toEqual({ A: '3', B: 'keep' });
  });
});
