// `--json`: Ruby's JSON.pretty_generate of the response (share/onegate/onegate l.642 at release-7.4.0), done by re-indenting the
// response text token by token rather than JSON.parse + stringify, which would move integer-like keys
// first and print 1.0 as 1. Strings are re-encoded as Ruby does (raw UTF-8, `/` unescaped, control
// characters as lower-case \u00XX), which is what JSON.stringify produces too. Empty containers print as
// [] and {} (json >= 2.8, Ruby 3.4+), or on several lines as json < 2.8 (Ruby <= 3.3) did (docs/cli.md).

const WHITESPACE = /[ \t\r\n]/;

/** End index (exclusive) of the string token starting at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw new SyntaxError('unterminated string in JSON');
  return i + 1;
}

/** End index (exclusive) of a number or literal token starting at `start`. */
function scalarEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !WHITESPACE.test(text[i]!) && !',:]}'.includes(text[i]!)) i++;
  return i;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && WHITESPACE.test(text[i]!)) i++;
  return i;
}

/** How empty arrays and objects print: `[]`/`{}`, or json < 2.8's "[", empty line, "]" and "{", "}". */
export type EmptyStyle = 'compact' | 'multiline';

function empty(open: string, depth: number, style: EmptyStyle): string {
  if (style === 'compact') return open === '{' ? '{}' : '[]';
  const pad = '  '.repeat(depth);
  return open === '{' ? `{\n${pad}}` : `[\n\n${pad}]`;
}

/** Pretty-prints JSON text (already validated by JSON.parse) with a 2-space indent, keeping key order and number spelling. */
export function prettyJson(text: string, style: EmptyStyle = 'compact'): string {
  const out: string[] = [];
  let depth = 0;
  const newline = (): string => '\n' + '  '.repeat(depth);
  for (let i = nextNonSpace(text, 0); i < text.length; i = nextNonSpace(text, i)) {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const after = nextNonSpace(text, i + 1);
      if (text[after] === close) {
        out.push(empty(c, depth, style));
        i = after + 1;
        continue;
      }
      depth++;
      out.push(c + newline());
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      out.push(newline() + c);
      i++;
    } else if (c === ',') {
      out.push(',' + newline());
      i++;
    } else if (c === ':') {
      out.push(': ');
      i++;
    } else if (c === '"') {
      const end = stringEnd(text, i);
      out.push(JSON.stringify(JSON.parse(text.slice(i, end)) as string));
      i = end;
    } else {
      const end = scalarEnd(text, i);
      if (end === i) throw new SyntaxError(`unexpected "${c}" in JSON`);
      out.push(text.slice(i, end));
      i = end;
    }
  }
  return out.join('');
}
