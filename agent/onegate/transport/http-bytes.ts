// Byte classes of HTTP/1.1 (RFC 9110 §5.6.2 tokens, §5.5 field values), for judging a response byte by byte.

export const HTAB = 0x09;
export const LF = 0x0a;
export const CR = 0x0d;
export const SP = 0x20;

const TOKEN = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~") TOKEN[c.charCodeAt(0)] = 1;
for (let b = 0x30; b <= 0x39; b++) TOKEN[b] = 1;
for (let b = 0x41; b <= 0x5a; b++) TOKEN[b] = 1;
for (let b = 0x61; b <= 0x7a; b++) TOKEN[b] = 1;

/** A byte of a token: header names, chunk extension names and values. */
export function isTokenByte(b: number): boolean {
  return TOKEN[b] === 1;
}

/** A byte of a field value or a reason phrase: HTAB, SP, visible ASCII, or obs-text; never NUL, CR, LF or DEL. */
export function isFieldByte(b: number): boolean {
  return b === HTAB || (b >= SP && b !== 0x7f);
}

/** A digit 0-9. */
export function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** The value of a hexadecimal digit, or -1. */
export function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  const lower = b | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/** A byte as messages name it: 0x00. */
export function byteName(b: number): string {
  return `0x${b.toString(16).padStart(2, '0')}`;
}
