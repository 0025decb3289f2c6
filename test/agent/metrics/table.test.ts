// The metrics tables of the README and docs/metrics.md are rendered from the collectors' declarations.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectors } from '../../../agent/metrics/index';
import { renderMetricTable } from '../../../agent/metrics/table';

const BEGIN = '<!-- metrics:begin (generated from agent/metrics) -->\n';
const END = '<!-- metrics:end -->';

describe.each(['README.md', 'docs/metrics.md'])('%s metrics table', (file) => {
  it('is what the collectors declare', () => {
    const docs = readFileSync(file, 'utf8');
    const start = docs.indexOf(BEGIN);
    const end = docs.indexOf(END);
    expect(start).toBeGreaterThanOrEqual(0);
    const table = docs.slice(start + BEGIN.length, end);
    const rendered = renderMetricTable(collectors);
    if (process.env.UPDATE_GOLDEN) writeFileSync(file, docs.slice(0, start + BEGIN.length) + rendered + docs.slice(end));
    else expect(table).toBe(rendered);
  });
});
