// Stable serialisations for comparing documents: key order in a server's JSON is not a change.

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortKeys(v) : v)) ?? 'undefined';
}

function sortKeys(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj).sort()) out[key] = obj[key];
  return out;
}

/** True for `{...}` objects (not arrays, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Turns a list of `*` patterns into a predicate on names (case-sensitive, whole name). */
export function matchAny(patterns: string[]): (name: string) => boolean {
  if (patterns.length === 0) return () => false;
  const body = patterns.map((p) => p.split('*').map(escapeRegExp).join('.*')).join('|');
  const re = new RegExp(`^(?:${body})$`);
  return (name) => re.test(name);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
