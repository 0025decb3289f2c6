// context.sh as oned writes it (NAME='value', each ' as '\'', literal newlines, a header comment),
// parsed without a shell. Values are byte-exact; the result equals what bash gets by sourcing the file.
import { ContextError } from './errors';
import { ShellSyntaxError, type ShellWord, splitCommands } from './shell-words';

/**
 * Parses context.sh text into its variables. Pure.
 * Accepts what oned writes plus hand-written equivalents (an optional `export`, "…" strings without
 * expansions, CRLF line ends); anything a shell would expand or execute is a CONTEXT_INVALID error
 * naming `source` and the line. A later duplicate wins, as in a shell. Names may start with a digit
 * (oned's lexer allows it; bash would ignore such a line).
 */
export function parseContextSh(text: string, source: string): Record<string, string> {
  const vars: Record<string, string> = {};
  try {
    for (const words of splitCommands(text, 'strict')) {
      for (const word of assignmentsOf(words)) vars[word.name as string] = word.text;
    }
  } catch (err) {
    if (err instanceof ShellSyntaxError) throw new ContextError('CONTEXT_INVALID', source, `not a context file: ${err.message}`);
    throw err;
  }
  return vars;
}

// A stray word is described by its position and the assignment before it, never quoted: after
// `ONEGATE_TOKEN= ` it is the token itself.
function assignmentsOf(words: ShellWord[]): ShellWord[] {
  const rest = words[0].name === undefined && words[0].text === 'export' && words.length > 1 ? words.slice(1) : words;
  rest.forEach((word, i) => {
    if (word.name !== undefined) return;
    const before = rest[i - 1]?.name;
    const what =
      before === undefined ? 'found a word that is not an assignment' : `found a second word after ${before}= (quote a value with blanks)`;
    throw new ShellSyntaxError(word.line, word.column, `expected NAME='value', ${what}`);
  });
  return rest;
}
