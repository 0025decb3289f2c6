import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../../../cli/onegate/format/json';

describe('prettyJson: Ruby JSON.pretty_generate of the response text', () => {
  it('indents by two spaces with "key": value', () => {
    expect(prettyJson('{"VM":{"ID":"42","TAG":["a","b"]}}')).toBe(
      '{\n  "VM": {\n    "ID": "42",\n    "TAG": [\n      "a",\n      "b"\n    ]\n  }\n}',
    );
  });
  it('keeps integer-like keys where the server put them (JSON.parse would move them first)', () => {
    expect(prettyJson('{"B":"1","10":"x"}')).toBe('{\n  "B": "1",\n  "10": "x"\n}');
  });
  it('keeps number spelling and types: 1.0, integers, booleans, null', () => {
    expect(prettyJson('{"f":1.0,"i":2,"t":true,"n":null}')).toBe('{\n  "f": 1.0,\n  "i": 2,\n  "t": true,\n  "n": null\n}');
  });
  it('prints empty containers as [] and {}', () => {
    expect(prettyJson('{"NIC_ALIAS":[ ],"P":{}}')).toBe('{\n  "NIC_ALIAS": [],\n  "P": {}\n}');
  });
  it('re-encodes strings as Ruby: raw UTF-8, "/" unescaped, control characters as lower-case \\u00XX', () => {
    expect(prettyJson('["caf\\u00e9","a\\/b","\\u001F","tab\\tq\\"\\\\"]')).toBe(
      '[\n  "café",\n  "a/b",\n  "\\u001f",\n  "tab\\tq\\"\\\\"\n]',
    );
  });
  it('accepts whitespace anywhere and a scalar document', () => {
    expect(prettyJson(' \n{ "a" : [ 1 , 2 ] }\n')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson('"x"')).toBe('"x"');
  });
  it('fails on an unterminated string instead of running off the end (callers validate with JSON.parse first)', () => {
    expect(() => prettyJson('{"a":"unterminated')).toThrow(SyntaxError);
  });
  it('prints empty containers on several lines as json < 2.8 (Ruby <= 3.3) when asked', () => {
    expect(prettyJson('{"NIC_ALIAS":[],"P":{},"A":[{}]}', 'multiline')).toBe(
      '{\n  "NIC_ALIAS": [\n\n  ],\n  "P": {\n  },\n  "A": [\n    {\n    }\n  ]\n}',
    );
  });
});
