// Ruby conversions the server applies to request values.

/** String#to_i: optional blanks and sign, leading digits, else 0. */
export function rubyToI(s: string | undefined | null): number {
  const m = /^\s*([+-]?\d+)/.exec((s ?? '').replace(/_(?=\d)/g, ''));
  return m ? Number.parseInt(m[1], 10) : 0;
}

/** Kernel#Integer on a string: strict decimal (also 0x/0b/0o and underscores), else null (ArgumentError). */
export function rubyInteger(s: string): number | null {
  const t = s.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (/^[+-]?\d+$/.test(t)) return Number.parseInt(t, 10);
  if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(t) || /^[+-]?0[bB][01]+$/.test(t) || /^[+-]?0[oO][0-7]+$/.test(t))
    return Number(t.replace(/^[+-]/, '')) * (t.startsWith('-') ? -1 : 1);
  return null;
}

/** An exception the real server would not rescue; `name` is the Ruby class (shown by ≤ 7.0.0 error pages). */
export function rubyError(rubyClass: string, message: string): Error {
  const e = new Error(message);
  e.name = rubyClass;
  return e;
}
