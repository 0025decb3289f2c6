// A 2xx body is judged before JSON.parse builds it: JSON.parse costs the heap what the values cost, not what the
// text does, and a dense text costs many times its size (`[{},{},...]`: ~60 bytes of heap per 3 bytes of text; 1 M
// of them abort a daemon whose heap is 32 MB with V8's out-of-memory). OneGate documents are not dense: the largest
// realistic one measured (an extended service of 1000 nodes, scripts/bench/hostile.mjs) has one value per 15.6
// bytes and one object or array per 85 bytes. Twice as dense as that is refused, so what JSON.parse may build is
// bounded by the body limit, whatever the server sends.

/** Fewest bytes of text per object or array. */
const BYTES_PER_CONTAINER = 40;
/** Fewest bytes of text per value (a comma). */
const BYTES_PER_VALUE = 8;
/** Small documents are never judged: under 2 KiB there can be at most 1024 of either. */
const FLOOR = 1024;

/** Why `text` is too dense to be a OneGate document, or undefined. One pass; strings are skipped. */
export function jsonDensityFault(text: string): string | undefined {
  if (text.length <= 2 * FLOOR) return undefined;
  const maxContainers = Math.max(FLOOR, Math.floor(text.length / BYTES_PER_CONTAINER));
  const maxValues = Math.max(FLOOR, Math.floor(text.length / BYTES_PER_VALUE));
  let containers = 0;
  let values = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i);
    else if (c === 0x7b || c === 0x5b) {
      if (++containers > maxContainers) return `more than ${maxContainers} objects and arrays in ${text.length} bytes`;
    } else if (c === 0x2c && ++values > maxValues) return `more than ${maxValues} values in ${text.length} bytes`;
  }
  return undefined;
}

// The index of the quote closing the string opened at `open` (or the end of the text).
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const close = text.indexOf('"', i);
    if (close < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(close - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return close;
    i = close + 1;
  }
}
