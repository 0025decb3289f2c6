// The two primitives of the Ruby client's text output (`print_header`, `print_key_value`: share/onegate/onegate l.545–560 at release-7.4.0): a header line and a
// key/value line. Widths count Unicode code points, as Ruby's `%-20s` does (JS padEnd counts UTF-16 units).

/** Pads `text` with spaces to `width` code points; longer text is left as it is. */
export function padCodePoints(text: string, width: number): string {
  let length = 0;
  for (const _ of text) length++;
  return length >= width ? text : text + ' '.repeat(width - length);
}

/** How a scalar prints inside a text layout (nil prints as nothing). */
export function scalarText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A header: plain off a terminal; bold (and underlined unless `underline` is false), padded to 80, on one. */
export function header(text: string, tty: boolean, underline = true): string {
  if (!tty) return `${text}\n`;
  return `\x1b[1m${underline ? '\x1b[4m' : ''}${padCodePoints(text, 80)}\x1b[0m\n`;
}

/** `KEY<pad to 20>: VALUE<pad to 20>`, trailing spaces included. */
export function keyValue(key: string, value: unknown): string {
  return `${padCodePoints(key, 20)}: ${padCodePoints(scalarText(value), 20)}\n`;
}
