// The KEY=VALUE line format shared by attribute commands and *.attrs files. Syntax only: whether a name or
// value is one the server stores is decided later, by formatAttributes, after the prefix is applied.

import type { AttributeSet } from './types';

const KEY = /^[A-Za-z0-9_]+$/;

/**
 * Parses KEY=VALUE lines. Blank lines and lines starting with "#" are skipped; blanks around the key and the
 * value are dropped; one pair of matching quotes around the value is removed. Bad lines are reported in
 * `problems` as "source:line: ..." and skipped; a repeated key keeps its last value.
 */
export function parseKeyValueLines(text: string, source: string): AttributeSet {
  const set: AttributeSet = { values: {}, problems: [] };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${source}:${index + 1}`;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (eq < 0) set.problems.push(`${where}: no "=" in ${JSON.stringify(clip(line))}`);
    else if (!KEY.test(key)) set.problems.push(`${where}: invalid name ${JSON.stringify(clip(key))}; use letters, digits and _`);
    else {
      const value = unquote(line.slice(eq + 1).trim());
      if (value === '') set.problems.push(`${where}: ${key} has an empty value`);
      else set.values[key] = value;
    }
  });
  return set;
}

/** Merges sets in order: later values (and their sources) win, problems and failed sources accumulate. */
export function mergeAttributeSets(sets: AttributeSet[]): AttributeSet {
  const out: AttributeSet = { values: {}, problems: [], sources: {}, failed: {} };
  for (const s of sets) {
    Object.assign(out.values, s.values);
    out.problems.push(...s.problems);
    for (const name of Object.keys(s.values)) {
      const source = s.sources?.[name];
      if (source === undefined) delete out.sources![name];
      else out.sources![name] = source;
    }
    Object.assign(out.failed!, s.failed);
  }
  return out;
}

/** `set` with every attribute credited to `source`. */
export function fromSource(set: AttributeSet, source: string): AttributeSet {
  return { ...set, sources: Object.fromEntries(Object.keys(set.values).map((name) => [name, source])) };
}

/** The empty answer of a source that could not answer this cycle (`why` is also a problem line). */
export function failedSource(source: string, problem: string, why: string = problem): AttributeSet {
  return { values: {}, problems: [problem], failed: { [source]: why } };
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0]) ? v.slice(1, -1) : v;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
