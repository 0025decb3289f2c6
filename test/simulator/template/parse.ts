// oned's template grammar (template_syntax.y) over the scanner tokens, with its error texts.

import { lexTemplate, type Token } from './lex';
import type { Template } from './template';

/** A template that oned would refuse; the message is oned's. */
export class TemplateSyntaxError extends Error {}

/** Attribute names are upper-cased; a name not starting with a letter or _, or starting with XML, gets ONE_. */
export function attributeName(name: string): string {
  const up = name.toUpperCase();
  return /^[A-Za-z_]/.test(name) && !name.startsWith('XML') ? up : `ONE_${up}`;
}

const unescapeQuotes = (s: string): string => s.replaceAll('\\"', '"');

/** Parses template text as oned does; throws TemplateSyntaxError("Parse error: syntax error at line L, columns A:B"). */
export function parseTemplate(text: string): Template {
  const tokens = lexTemplate(text);
  let i = 0;
  let lastLoc: [number, number, number] = [1, 1, 1];
  const next = (): Token | undefined => {
    while (i < tokens.length && tokens[i].type === 'NOTOKEN') setLoc(tokens[i++]);
    const t = tokens[i++];
    if (t) setLoc(t);
    return t;
  };
  const setLoc = (t: Token): void => {
    lastLoc = [t.line, t.first, t.last];
  };
  const fail = (): never => {
    const [line, a, b] = lastLoc; // bison reports the lookahead's location (at EOF: the last one set)
    throw new TemplateSyntaxError(`Parse error: syntax error at line ${line}, columns ${a}:${b}`);
  };
  const expect = (t: Token | undefined, type: Token['type']): Token => (t?.type === type ? t : fail());
  const tmpl: Template = { pairs: [] };
  for (let t = next(); t; t = next()) {
    const name = attributeName(expect(t, 'VARIABLE').text);
    const eq = next();
    if (eq?.type === 'EQUAL_EMPTY') {
      tmpl.pairs.push([name, '']);
      continue;
    }
    expect(eq, 'EQUAL');
    const v = next();
    if (v?.type === 'STRING') {
      tmpl.pairs.push([name, unescapeQuotes(v.text)]);
      continue;
    }
    if (v?.type === 'CCDATA') throw new TemplateSyntaxError('Parse error.');
    expect(v, 'OBRACKET');
    tmpl.pairs.push([name, parseVector(next, expect)]);
  }
  return tmpl;
}

function parseVector(next: () => Token | undefined, expect: (t: Token | undefined, type: Token['type']) => Token): Record<string, string> {
  const vec: Record<string, string> = {};
  let t = next();
  if (t?.type === 'CBRACKET') return vec;
  for (;;) {
    const key = expect(t, 'VARIABLE').text.toUpperCase();
    expect(next(), 'EQUAL');
    const value = unescapeQuotes(expect(next(), 'STRING').text);
    if (!(key in vec)) vec[key] = value; // std::map::insert keeps the first
    t = next();
    if (t?.type === 'CBRACKET') return vec;
    expect(t, 'COMMA');
    t = next();
  }
}
