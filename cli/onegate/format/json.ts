// `--json`: Ruby's JSON.pretty_generate of the response (share/onegate/onegate l.642 at release-7.4.0), done by re-indenting the
// response text token by token rather than JSON.parse + stringify, which would move integer-like keys
// first and print 1.0 as 1. Strings are re-encoded as Ruby does (raw UTF-8, `/` unescaped, control
// characters as lower-case \u00XX), which is what JSON.stringify produces too. Empty containers print as
// [] and {} (json >= 2.8, Ruby 3.4+), or on several lines as json < 2.8 (Ruby <= 3.3) did (docs/cli.md).

// Measured on a 1.13 MB extended service (scripts/bench/hostile.mjs): one token per array entry, a fresh indent
// string per line and a regular expression per character cost 1.5 s and 40 MB; bytes are now scanned by code,
// indents are made once per depth, a string without escapes is copied as it is, and the output is gathered in
// pieces of 64 KiB.

/** Whitespace JSON allows between tokens. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** End index (exclusive) of the string token starting at `start` (a `"`), and whether it holds an escape. */
function stringEnd(text: string, start: number): { end: number; escaped: boolean } {
  let i = start + 1;
  let escaped = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return { end: i + 1, escaped };
    if (c === 0x5c) {
      escaped = true;
      i++;
    }
  }
  throw new SyntaxError('unterminated string in JSON');
}

/** End index (exclusive) of a number or literal token starting at `start`. */
function scalarEnd(text: string, start: number): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 0x2c || c === 0x3a || c === 0x5d || c === 0x7d) break;
  }
  return i;
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** How empty arrays and objects print: `[]`/`{}`, or json < 2.8's "[", empty line, "]" and "{", "}". */
export type EmptyStyle = 'compact' | 'multiline';

function empty(open: string, pad: string, style: EmptyStyle): string {
  if (style === 'compact') return open === '{' ? '{}' : '[]';
  return open === '{' ? `{\n${pad}}` : `[\n\n${pad}]`;
}

/** Output gathered in pieces, so that the result is built once from a few long strings. */
class Pieces {
  readonly #done: string[] = [];
  #current = '';

  add(text: string): void {
    this.#current += text;
    if (this.#current.length >= 65536) {
      this.#done.push(this.#current);
      this.#current = '';
    }
  }

  text(): string {
    this.#done.push(this.#current);
    return this.#done.join('');
  }
}

/** Pretty-prints JSON text (already validated by JSON.parse) with a 2-space indent, keeping key order and number spelling. */
export function prettyJson(text: string, style: EmptyStyle = 'compact'): string {
  const out = new Pieces();
  const indents = ['\n'];
  let depth = 0;
  const newline = (): string => (indents[depth] ??= `\n${'  '.repeat(depth)}`);
  for (let i = nextNonSpace(text, 0); i < text.length; i = nextNonSpace(text, i)) {
    const c = text[i]!;
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      const after = nextNonSpace(text, i + 1);
      if (text[after] === close) {
        out.add(empty(c, newline().slice(1), style));
        i = after + 1;
        continue;
      }
      depth++;
      out.add(c + newline());
      i++;
    } else if (c === '}' || c === ']') {
      depth--;
      out.add(newline() + c);
      i++;
    } else if (c === ',') {
      out.add(',' + newline());
      i++;
    } else if (c === ':') {
      out.add(': ');
      i++;
    } else if (c === '"') {
      const { end, escaped } = stringEnd(text, i);
      // Without an escape the text is already what Ruby prints (a raw control character is not valid JSON).
      out.add(escaped ? JSON.stringify(JSON.parse(text.slice(i, end)) as string) : text.slice(i, end));
      i = end;
    } else {
      const end = scalarEnd(text, i);
      if (end === i) throw new SyntaxError(`unexpected "${c}" in JSON`);
      out.add(text.slice(i, end));
      i = end;
    }
  }
  return out.text();
}
