// Docs sections generated from code (the key table, the metrics table): the text between two markers of a
// committed file must equal what the code renders; UPDATE_GOLDEN=1 rewrites it instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Asserts (or, with UPDATE_GOLDEN, writes) the part of `file` between `begin` and `end`. */
export function expectGeneratedSection(file: string, begin: string, end: string, rendered: string): void {
  const docs = readFileSync(file, 'utf8');
  const start = docs.indexOf(begin);
  const stop = docs.indexOf(end);
  expect(start, `${file}: marker ${begin.trim()}`).toBeGreaterThanOrEqual(0);
  expect(stop, `${file}: marker ${end}`).toBeGreaterThan(start);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, docs.slice(0, start + begin.length) + rendered + docs.slice(stop));
  else expect(docs.slice(start + begin.length, stop)).toBe(rendered);
}
