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
  const bad: string[] = [];
  const skip = (line: number, what: string): void => {
    set.problems.push(`${source}:${line}: ${what}`);
    bad.push(`line ${line}: ${what}`);
  };
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim();
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (eq < 0) skip(index + 1, `no "=" in ${JSON.stringify(clip(line))}`);
    else if (!KEY.test(key)) skip(index + 1, `invalid name ${JSON.stringify(clip(key))}; use letters, digits and _`);
    else {
      const value = unquote(line.slice(eq + 1).trim());
      if (value === '') skip(index + 1, `${key} has an empty value`);
      else set.values[key] = value;
    }
  });
  if (bad.length > 0) set.skipped = { [source]: `${bad.length} bad line${bad.length === 1 ? '' : 's'} skipped, the first ${bad[0]}` };
  return set;
}

/** Merges sets in order: later values (and their sources) win, problems and failed or skipped sources accumulate. */
export function mergeAttributeSets(sets: AttributeSet[]): AttributeSet {
  const out: AttributeSet = { values: {}, problems: [], sources: {}, failed: {}, skipped: {} };
  for (const s of sets) {
    Object.assign(out.values, s.values);
    out.problems.push(...s.problems);
    for (const name of Object.keys(s.values)) {
      const source = s.sources?.[name];
      if (source === undefined) delete out.sources![name];
      else out.sources![name] = source;
    }
    Object.assign(out.failed!, s.failed);
    Object.assign(out.skipped!, s.skipped);
  }
  return out;
}

/** `set` with every attribute, and its failure or skipped lines (whatever they were keyed by), credited to `source`. */
export function fromSource(set: AttributeSet, source: string): AttributeSet {
  const out: AttributeSet = { ...set, sources: Object.fromEntries(Object.keys(set.values).map((name) => [name, source])) };
  const failed = Object.values(set.failed ?? {})[0];
  const skipped = Object.values(set.skipped ?? {})[0];
  out.failed = failed === undefined ? undefined : { [source]: failed };
  out.skipped = skipped === undefined ? undefined : { [source]: skipped };
  if (!out.failed) delete out.failed;
  if (!out.skipped) delete out.skipped;
  return out;
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
