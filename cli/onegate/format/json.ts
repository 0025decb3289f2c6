// `--json`: Ruby's JSON.pretty_generate of the response (share/onegate/onegate l.642 at release-7.4.0), done by re-indenting the
// response text token by token rather than JSON.parse + stringify, which would move integer-like keys
// first and print 1.0 as 1. Strings are re-encoded as Ruby does (raw UTF-8, `/` unescaped, control
// characters as lower-case \u00XX), which is what JSON.stringify produces too. Empty containers print as
// [] and {} (json >= 2.8, Ruby 3.4+), or on several lines as json < 2.8 (Ruby <= 3.3) did (docs/cli.md).

// Measured on a 1.13 MB extended service (scripts/bench/hostile.mjs): one string per token cost 1.5 s and 40 MB
// of garbage (85 MB peak RSS for `service show --extended --json`); the text is now re-indented as UTF-8 bytes
// into one buffer, strings without escapes copied as they are, so that only the input and the output are held.

const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN = new Map([
  [0x7b, 0x7d], // { }
  [0x5b, 0x5d], // [ ]
]);

/** Whitespace JSON allows between tokens. */
function isSpace(c: number): boolean {
  return c === SPACE || c === 0x0a || c === 0x0d || c === 0x09;
}

/** End index (exclusive) of the string token starting at `start` (a `"`), and whether it holds an escape. */
function stringEnd(src: Buffer, start: number): { end: number; escaped: boolean } {
  let escaped = false;
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i]!;
    if (c === QUOTE) return { end: i + 1, escaped };
    if (c === BACKSLASH) {
      escaped = true;
      i++;
    }
  }
  throw new SyntaxError('unterminated string in JSON');
}

/** End index (exclusive) of a number or literal token starting at `start`. */
function scalarEnd(src: Buffer, start: number): number {
  let i = start;
  for (; i < src.length; i++) {
    const c = src[i]!;
    if (isSpace(c) || c === COMMA || c === COLON || c === 0x5d || c === 0x7d) break;
  }
  return i;
}

function nextNonSpace(src: Buffer, from: number): number {
  let i = from;
  while (i < src.length && isSpace(src[i]!)) i++;
  return i;
}

/** How empty arrays and objects print: `[]`/`{}`, or json < 2.8's "[", empty line, "]" and "{", "}". */
export type EmptyStyle = 'compact' | 'multiline';

function empty(open: number, depth: number, style: EmptyStyle): string {
  const brace = open === 0x7b;
  if (style === 'compact') return brace ? '{}' : '[]';
  const pad = '  '.repeat(depth);
  return brace ? `{\n${pad}}` : `[\n\n${pad}]`;
}

/** The output: UTF-8 bytes in one buffer that doubles when full. */
class Output {
  #bytes: Buffer;
  #length = 0;

  constructor(size: number) {
    this.#bytes = Buffer.allocUnsafe(size);
  }

  #room(n: number): void {
    if (this.#length + n <= this.#bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#length + n));
    this.#bytes.copy(next, 0, 0, this.#length);
    this.#bytes = next;
  }

  byte(b: number): void {
    this.#room(1);
    this.#bytes[this.#length++] = b;
  }

  /** A line feed and the indent of `depth`. */
  newline(depth: number): void {
    this.#room(1 + 2 * depth);
    this.#bytes[this.#length++] = 0x0a;
    this.#bytes.fill(SPACE, this.#length, this.#length + 2 * depth);
    this.#length += 2 * depth;
  }

  copy(src: Buffer, start: number, end: number): void {
    this.#room(end - start);
    this.#length += src.copy(this.#bytes, this.#length, start, end);
  }

  text(s: string): void {
    this.#room(Buffer.byteLength(s));
    this.#length += this.#bytes.write(s, this.#length);
  }

  toString(): string {
    return this.#bytes.toString('utf8', 0, this.#length);
  }
}

/** Pretty-prints JSON text (already validated by JSON.parse) with a 2-space indent, keeping key order and number spelling. */
export function prettyJson(text: string, style: EmptyStyle = 'compact'): string {
  const src = Buffer.from(text, 'utf8');
  const out = new Output(2 * src.length + 64);
  let depth = 0;
  for (let i = nextNonSpace(src, 0); i < src.length; i = nextNonSpace(src, i)) {
    const c = src[i]!;
    const close = OPEN.get(c);
    if (close !== undefined) {
      const after = nextNonSpace(src, i + 1);
      if (src[after] === close) {
        out.text(empty(c, depth, style));
        i = after + 1;
        continue;
      }
      out.byte(c);
      out.newline(++depth);
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      out.newline(--depth);
      out.byte(c);
      i++;
    } else if (c === COMMA) {
      out.byte(c);
      out.newline(depth);
      i++;
    } else if (c === COLON) {
      out.byte(COLON);
      out.byte(SPACE);
      i++;
    } else if (c === QUOTE) {
      const { end, escaped } = stringEnd(src, i);
      // Without an escape the text is already what Ruby prints (a raw control character is not valid JSON).
      if (escaped) out.text(JSON.stringify(JSON.parse(src.toString('utf8', i, end)) as string));
      else out.copy(src, i, end);
      i = end;
    } else {
      const end = scalarEnd(src, i);
      if (end === i)
        throw new SyntaxError(c < 0x80 ? `unexpected "${String.fromCharCode(c)}" in JSON` : `unexpected byte 0x${c.toString(16)} in JSON`);
      out.copy(src, i, end);
      i = end;
    }
  }
  return out.toString();
}
