// oned templates as an ordered multimap: a name maps to single (string) or vector (map) values.
// oned keeps attributes in a std::multimap, so every rendering is sorted by name (byte order),
// keeping insertion order among equal names; vector sub-attributes are sorted too.

/** A value: single attribute text, or a vector attribute's sub-attributes. */
export type TValue = string | Record<string, string>;
/** One attribute occurrence. */
export type Pair = [name: string, value: TValue];
/** An oned template (TEMPLATE, USER_TEMPLATE, MONITORING, ...). */
export interface Template {
  /** Attribute occurrences in insertion order. */
  pairs: Pair[];
}

/** Builds a template from a fixture map: "text", {A: x} (vector) or [v1, v2] (repeated). */
export function templateFrom(map: unknown): Template {
  const t: Template = { pairs: [] };
  if (map === null || map === undefined) return t;
  if (typeof map !== 'object' || Array.isArray(map)) throw new Error('a template must be a map NAME -> value');
  for (const [name, value] of Object.entries(map as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) t.pairs.push([name, toValue(name, v)]);
  }
  return t;
}

function toValue(name: string, v: unknown): TValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && !Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = x === null ? '' : String(x);
    return out;
  }
  if (typeof v === 'object') throw new Error(`attribute ${name}: nested lists are not allowed`);
  return String(v);
}

/** Every value of `name`. */
export function getAll(t: Template, name: string): TValue[] {
  return t.pairs.filter(([n]) => n === name).map(([, v]) => v);
}

/** The first single value of `name`, like an XPath text lookup; undefined when absent or a vector. */
export function getText(t: Template, name: string): string | undefined {
  const v = t.pairs.find(([n]) => n === name)?.[1];
  return typeof v === 'string' ? v : undefined;
}

/** A vector sub-attribute such as CONTEXT/BACKEND. */
export function getSub(t: Template, name: string, sub: string): string | undefined {
  for (const v of getAll(t, name)) if (typeof v === 'object' && sub in v) return v[sub];
  return undefined;
}

/** Replaces every `name` by one single value. */
export function setText(t: Template, name: string, value: string): void {
  removeAll(t, name);
  t.pairs.push([name, value]);
}

/** Removes every occurrence of `name`; returns how many were removed. */
export function removeAll(t: Template, name: string): number {
  const before = t.pairs.length;
  t.pairs = t.pairs.filter(([n]) => n !== name);
  return before - t.pairs.length;
}

/** oned Template::merge (one.vm.update append=1): names in `other` replace, empty vectors are dropped. */
export function mergeTemplate(t: Template, other: Template): void {
  for (const name of new Set(other.pairs.map(([n]) => n))) removeAll(t, name);
  for (const [n, v] of other.pairs) {
    if (typeof v === 'object' && Object.keys(v).length === 0) continue;
    t.pairs.push([n, typeof v === 'object' ? { ...v } : v]);
  }
}

/** A deep copy. */
export function cloneTemplate(t: Template): Template {
  return { pairs: t.pairs.map(([n, v]) => [n, typeof v === 'object' ? { ...v } : v]) };
}

/** Pairs sorted as oned renders them. */
export function sortedPairs(t: Template): Pair[] {
  return [...t.pairs].sort((a, b) => byteCompare(a[0], b[0]));
}

/** The JSON the Ruby OCA's to_hash gives: sorted; a repeated name becomes an array. */
export function templateToHash(t: Template): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [n, v] of sortedPairs(t)) {
    const value = typeof v === 'object' ? sortedObject(v) : v;
    const prev = out[n];
    if (prev === undefined) out[n] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[n] = [prev, value];
  }
  return out;
}

/** A vector's sub-attributes sorted by name. */
export function sortedObject(v: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(v).sort(byteCompare)) out[k] = v[k];
  return out;
}

/** oned's text form (what `onevm show` prints), used by the control API. */
export function templateToText(t: Template): string {
  const q = (s: string): string => s.replace(/"/g, '\\"');
  return sortedPairs(t)
    .map(([n, v]) =>
      typeof v === 'string'
        ? `${n}="${q(v)}"`
        : `${n}=[\n${Object.entries(sortedObject(v))
            .map(([k, x]) => `  ${k}="${q(x)}"`)
            .join(',\n')} ]`,
    )
    .join('\n');
}

/** Byte-order comparison for ASCII names (std::string operator<). */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
