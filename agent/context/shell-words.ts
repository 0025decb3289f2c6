// A tokenizer for the subset of shell syntax that context.sh and one_env use: words made of
// '…' literals, "…" strings, backslash escapes and plain characters, separated by blanks, grouped into
// commands by newlines and ';'. Nothing is ever expanded or executed. Two modes:
// - 'strict' (context.sh): anything a shell would expand or treat as an operator is a parse error, so a
//   value is accepted only when it means the same to bash as to us;
// - 'literal' (one_env): `$` and backticks are kept as text, as one_env must be read: nothing expanded (docs/context.md).

/** How unquoted and double-quoted `$`/backticks/operators are treated. */
export type ShellMode = 'strict' | 'literal';

/** One shell word; `name` is set when the word is an assignment NAME=value. */
export interface ShellWord {
  /** The word with quotes removed (for an assignment: the value). */
  text: string;
  /** For an assignment word: the name before the unquoted '='. */
  name?: string;
  /** 1-based line where the word starts. */
  line: number;
  /** 1-based column (UTF-16 unit) where the word starts. */
  column: number;
}

/**
 * A parse failure at a position; the caller adds the source name. The message names the position and at
 * most the variable and one syntax character, never the text of a word: that may be the token
 * (`ONEGATE_TOKEN= abc…` splits the token off as a word of its own) or another secret.
 */
export class ShellSyntaxError extends Error {
  /** 1-based line of the problem. */
  line: number;
  constructor(line: number, column: number, message: string) {
    super(`line ${line}, column ${column}: ${message}`);
    this.line = line;
  }
}

const NAME_CHAR = /[A-Za-z0-9_]/;
// Characters a shell gives a meaning to outside quotes inside an assignment value.
const STRICT_SPECIAL = new Set(['$', '`', '&', '|', '<', '>', '(', ')', '~']);
const DQ_ESCAPABLE = new Set(['$', '`', '"', '\\']);

/** Splits text into commands (lists of words); comments and blank lines produce nothing. */
export function splitCommands(text: string, mode: ShellMode): ShellWord[][] {
  const t = new Tokenizer(text, mode);
  t.rejectNul();
  const commands: ShellWord[][] = [];
  let words: ShellWord[] = [];
  for (;;) {
    t.skipBlanks();
    const c = t.peek();
    if (c === undefined || t.atNewline() || c === ';' || (mode === 'literal' && (c === '&' || c === '|'))) {
      if (c === ';' && words.length === 0 && mode === 'strict') throw t.error('unexpected ";"');
      if (words.length > 0) commands.push(words);
      words = [];
      if (c === undefined) return commands;
      t.skipSeparator();
    } else if (c === '#') {
      t.skipComment();
    } else {
      words.push(t.readWord());
    }
  }
}

class Tokenizer {
  private pos = 0;
  line = 1;
  // Offset where the current line starts, for columns.
  private lineStart = 0;
  // The variable whose value is being read, for messages.
  private name: string | undefined;
  private readonly text: string;
  private readonly mode: ShellMode;

  constructor(text: string, mode: ShellMode) {
    this.text = text;
    this.mode = mode;
  }

  /** A NUL byte anywhere is an error: no shell variable or environment entry can hold one. */
  rejectNul(): void {
    const at = this.text.indexOf('\0');
    if (at < 0) return;
    this.advance(at);
    throw this.error('NUL byte (a context value cannot hold one; is this a binary file?)');
  }

  /** A syntax error at the current position, naming the variable being read if any. */
  error(message: string, line = this.line, column = this.pos - this.lineStart + 1): ShellSyntaxError {
    return new ShellSyntaxError(line, column, this.name === undefined ? message : `in the value of ${this.name}: ${message}`);
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  /** LF, or (strict mode) CRLF: a context file edited on Windows ends its lines with CR LF. */
  atNewline(): boolean {
    const c = this.text[this.pos];
    return c === '\n' || (this.mode === 'strict' && c === '\r' && this.text[this.pos + 1] === '\n');
  }

  skipBlanks(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && this.text[this.pos + 1] === '\n') this.advance(2);
      else return;
    }
  }

  skipSeparator(): void {
    this.advance(this.text[this.pos] === '\r' ? 2 : 1);
  }

  skipComment(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end;
  }

  readWord(): ShellWord {
    const line = this.line;
    const column = this.pos - this.lineStart + 1;
    const name = this.readName();
    this.name = name;
    const text = this.readText();
    this.name = undefined;
    return { text, name, line, column };
  }

  /** Consumes NAME= when the word starts with one; a name may start with a digit, as oned allows. */
  private readName(): string | undefined {
    let end = this.pos;
    while (end < this.text.length && NAME_CHAR.test(this.text[end])) end++;
    if (end === this.pos || this.text[end] !== '=') return undefined;
    const name = this.text.slice(this.pos, end);
    this.pos = end + 1;
    return name;
  }

  private readText(): string {
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === ' ' || c === '\t' || c === ';' || this.atNewline()) return out;
      if (c === "'") out += this.readSingleQuoted();
      else if (c === '"') out += this.readDoubleQuoted();
      else if (c === '\\') out += this.readEscape();
      else if (this.mode === 'literal' && (c === '&' || c === '|')) return out;
      else {
        if (this.mode === 'strict' && STRICT_SPECIAL.has(c)) throw this.unexpected(c, 'outside quotes');
        out += c;
        this.advance(1);
      }
    }
  }

  private readSingleQuoted(): string {
    const end = this.text.indexOf("'", this.pos + 1);
    if (end < 0) throw this.error("unterminated quoted value (no closing ')");
    const value = this.text.slice(this.pos + 1, end);
    this.advance(end + 1 - this.pos);
    return value;
  }

  private readDoubleQuoted(): string {
    const unterminated = this.error('unterminated quoted value (no closing ")');
    let out = '';
    this.advance(1);
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) throw unterminated;
      if (c === '"') {
        this.advance(1);
        return out;
      }
      const next = this.text[this.pos + 1];
      if (c === '\\' && next === '\n') {
        this.advance(2);
        continue;
      }
      if (c === '\\' && next !== undefined && DQ_ESCAPABLE.has(next)) {
        out += next;
        this.advance(2);
        continue;
      }
      if (this.mode === 'strict' && (c === '$' || c === '`')) throw this.unexpected(c, 'inside double quotes');
      out += c;
      this.advance(1);
    }
  }

  private readEscape(): string {
    const next = this.text[this.pos + 1];
    if (next === undefined) {
      this.advance(1);
      return '\\';
    }
    this.advance(2);
    return next === '\n' ? '' : next;
  }

  private unexpected(c: string, where: string): ShellSyntaxError {
    return this.error(`"${c}" ${where} (a shell would not read this literally)`);
  }

  private advance(n: number): void {
    const end = this.pos + n;
    const chunk = n === 1 ? this.text[this.pos] : this.text.slice(this.pos, end);
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) {
      this.line++;
      this.lineStart = this.pos + i + 1;
    }
    this.pos = end;
  }
}
