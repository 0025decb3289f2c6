// JSON too dense to be a OneGate document is refused before JSON.parse builds it (issue 18: memory bounded by
// the body limit whatever the server sends). Realistic documents, however large, pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonResponse } from '../../../agent/onegate/json';
import { jsonDensityFault } from '../../../agent/onegate/json-density';

// One node of an extended GET /service, as the simulator renders a raw one.vm.info (the densest real shape).
const NODE = readFileSync(join(__dirname, '../../fixtures/json-density/extended-node.json'), 'utf8').trim();

function service(nodes: number): string {
  return `{"SERVICE":{"name":"big","id":"7","state":2,"roles":[{"name":"web","cardinality":${nodes},"state":2,"nodes":[${Array(nodes).fill(NODE).join(',')}]}]}}`;
}

describe('jsonDensityFault', () => {
  it.each([
    ['an extended service of 3000 nodes (3.5 MB)', service(3000)],
    ['a small dense document (under the floor)', `[${'{},'.repeat(600)}{}]`],
    ['a long string full of commas and braces', `{"VM":{"X":"${'{[,'.repeat(500_000)}"}}`],
    ['escaped quotes inside strings', `{"A":"${'\\"{,'.repeat(300_000)}"}`],
  ])('passes %s', (_what, text) => {
    expect(jsonDensityFault(text)).toBeUndefined();
    expect(() => JSON.parse(text)).not.toThrow();
  });

  it.each([
    ['empty objects', `[${'{},'.repeat(100_000)}{}]`, /more than 7500 objects and arrays in 300004 bytes/],
    ['zeros', `[${'0,'.repeat(100_000)}0]`, /more than 25000 values in 200003 bytes/],
    ['small objects with their own keys', `[${Array.from({ length: 50_000 }, (_, i) => `{"k${i}":1}`).join(',')}]`, /objects and arrays/],
  ])('refuses %s', (_what, text, message) => {
    expect(jsonDensityFault(text)).toMatch(message);
  });

  it('parseJsonResponse refuses it as ONEGATE_BAD_RESPONSE before parsing, naming the request', () => {
    const body = `{"VM":{"X":[${'[],'.repeat(200_000)}[]]}}`;
    expect(() => parseJsonResponse({ status: 200, headers: {}, body }, 'GET /vm')).toThrow(
      expect.objectContaining({
        code: 'ONEGATE_BAD_RESPONSE',
        message: expect.stringMatching(
          /^GET \/vm answered 200 with JSON too dense to be a OneGate document \(more than \d+ objects and arrays in \d+ bytes\); not parsed$/,
        ),
      }),
    );
  });
});
