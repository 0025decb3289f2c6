// Server-supplied text (a status line, a header, an error body, a body that is not JSON) quoted in a message that
// reaches a terminal or a log, with every character escaped that could move the cursor, recolour or rewrite
// what the user sees, or reorder it: C0 and C1 controls, DEL, the Unicode line separators and the
// bidirectional overrides and isolates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// The same, line feeds kept: for text printed as lines (the CLI prints an error body as the Ruby client does).
const UNSAFE_IN_LINES = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with its control and reordering characters escaped (\x1b, \u202e), at most `max` characters of it;
 * with `keepLines`, line feeds stay (every other control is escaped, CR included).
 */
export function printable(text: string, max = 80, keepLines = false): string {
  const shown = text.length > max ? `${text.slice(0, max)}...` : text;
  return shown.replace(keepLines ? UNSAFE_IN_LINES : UNSAFE, escapeChar);
}
