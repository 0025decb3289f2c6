import { describe, expect, it } from 'vitest';
import { escapeAttr } from './escape';

// Rewrites observed from the real server's escape_attr (docs/onegate-protocol.md), input -> text sent to oned.
describe('escapeAttr', () => {
  it.each([
    ['READY=YES', 'READY="YES"'],
    ['A=hello world', 'A="hello world"'],
    ['A=1\nB=2', 'A="1"\nB="2"'],
    ['A=1\\nB=2', 'A="1"\nB="2"'],
    ['K=YWJj==', 'K="YWJj=="'],
    ['A=x=y', 'A="x=y"'],
    ['URL=http://h/p?a=1&b=2', 'URL="http://h/p?a=1&b=2"'],
    ['M=50%\tü', 'M="50%\tü"'],
    ['A=[B=x y]', 'A=[B="x y"]'],
    ['APP_LOAD = 9.7', 'APP_LOAD =" 9.7"'],
    ['A=a,b,c', 'A="a",b",c"'],
    ['A="a,b"', 'A="a",b"'],
    ['A=[B=1,C=2]', 'A=[B="1",C=2"]'],
    ['A=[B=1,C=two words]', 'A=[B="1",C=two words"]'],
    ['A=say "hi"', 'A="say "hi"'],
    ['A=path\\to', 'A="path"\\to'],
    ['A=x]y', 'A="x"]y'],
    ['A=', 'A="'],
    ['A=1\r\nB=2', 'A="1\r"\nB="2"'],
    ['KEY-X=1', 'KEY-X="1"'],
  ])('%j -> %j', (input, sent) => {
    expect(escapeAttr(input)).toBe(sent);
  });
});
