// The packaged sample and the docs key table are generated from the schema; UPDATE_GOLDEN=1 rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../agent/config/load';
import { overridableKeys } from '../../../agent/config/overrides';
import { renderKeyTable, renderSample } from '../../../agent/config/render';
import { defaultConfig, schema } from '../../../agent/config/schema';
import { expectGeneratedSection } from '../../support/generated-section';

const SAMPLE = 'packaging/install-tree/etc/onegate-agent/agent.yaml';
const DOCS = 'docs/daemon.md';
const BEGIN = '<!-- config-keys:begin (generated from agent/config/schema.ts) -->\n';
const END = '<!-- config-keys:end -->';

describe('packaged sample agent.yaml', () => {
  it('is what the schema renders', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(SAMPLE, renderSample());
    expect(readFileSync(SAMPLE, 'utf8')).toBe(renderSample());
  });

  it('loads to exactly the defaults and mentions every top-level key', () => {
    const text = readFileSync(SAMPLE, 'utf8');
    expect(parseConfig(text, SAMPLE)).toEqual(defaultConfig());
    for (const key of Object.keys(schema)) expect(text).toMatch(new RegExp(`^${key}:`, 'm'));
  });
});

// The key table stands in the README (the user's reference) and in docs/daemon.md (beside the details).
describe.each(['README.md', DOCS])('%s key table', (file) => {
  it('is what the schema renders', () => {
    expectGeneratedSection(file, BEGIN, END, renderKeyTable());
  });
});

describe.each(['README.md', DOCS])('%s context overrides', (file) => {
  it('lists every overridable key with its variable', () => {
    const docs = readFileSync(file, 'utf8');
    for (const { variable, path } of overridableKeys()) expect(docs).toContain(`| \`${variable}\` | \`${path.join('.')}\` |`);
  });
});
