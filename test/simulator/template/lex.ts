// The token stream of oned's template scanner (flex, longest match, first rule wins a tie), with
// bison-style locations: columns advance by bytes and are never reset on a newline.

/** A scanner token; NOTOKEN stands for skipped blanks, comments and echoed characters. */
export interface Token {
  /** Token kind. */
  type: 'VARIABLE' | 'EQUAL' | 'EQUAL_EMPTY' | 'COMMA' | 'CBRACKET' | 'OBRACKET' | 'CCDATA' | 'STRING' | 'NOTOKEN';
  /** Matched text (for STRING from quotes: without the quotes). */
  text: string;
  /** yylineno after the match. */
  line: number;
  /** First column of the match. */
  first: number;
  /** Column after the match. */
  last: number;
}

type Rule = [Token['type'], (text: string, pos: number) => number];

const rx = (type: Token['type'], re: RegExp): Rule => [
  type,
  (text, pos) => {
    re.lastIndex = pos;
    const m = re.exec(text);
    return m ? m[0].length : 0;
  },
];

const INITIAL: Rule[] = [
  rx('NOTOKEN', /[ \t]*#.*\n/y),
  rx('NOTOKEN', /[ \t\n]+/y),
  rx('VARIABLE', /[A-Za-z0-9_]+/y),
  rx('EQUAL', /[ \t]*=[ \t]*/y),
  rx('EQUAL_EMPTY', /[ \t]*=[ \t]*\n/y),
  rx('COMMA', /[ \t\n]*,[ \t\n]*/y),
  rx('CBRACKET', /[ \t\n]*\][ \t\n]*/y),
];

const VALUE: Rule[] = [
  rx('OBRACKET', /[ \t]*\[[ \t\n]*/y),
  rx('CCDATA', /.*\]\]>.*/y),
  ['STRING', quotedLength],
  rx('STRING', /[^=#\t \n,[\]]+/y),
];

// "([^"]|\\")*" with longest-match semantics: every inner quote must be escaped.
function quotedLength(text: string, pos: number): number {
  if (text[pos] !== '"') return 0;
  let end = -1;
  for (let p = pos + 1; p < text.length; p++) {
    if (text[p] !== '"') continue;
    end = p;
    if (text[p - 1] !== '\\') break;
  }
  return end > 0 ? end - pos + 1 : 0;
}

/** Splits template text into tokens, ending with the end of input (not returned). */
export function lexTemplate(text: string): Token[] {
  const out: Token[] = [];
  let state = INITIAL;
  let pos = 0,
    line = 1,
    col = 1;
  while (pos < text.length) {
    let best: Rule | undefined,
      len = 0;
    for (const rule of state) {
      const n = rule[1](text, pos);
      if (n > len) {
        best = rule;
        len = n;
      }
    }
    const type = best ? best[0] : 'NOTOKEN'; // flex's default rule echoes one character
    if (!best) len = 1;
    const raw = text.slice(pos, pos + len);
    pos += len;
    line += raw.split('\n').length - 1;
    const first = col;
    col += Buffer.byteLength(raw);
    if (type === 'EQUAL') state = VALUE;
    else if (type === 'OBRACKET' || type === 'CCDATA' || type === 'STRING') state = INITIAL;
    const quoted = type === 'STRING' && best === VALUE[2];
    out.push({ type, text: quoted ? raw.slice(1, -1) : raw, line, first, last: col });
  }
  return out;
}
