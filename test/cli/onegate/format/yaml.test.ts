import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { toYaml, yamlString } from '../../../../cli/onegate/format/yaml';

// js-yaml (a full YAML reader) is the oracle: whatever is emitted must read back as the same data.
const TRICKY = [
  '',
  ' padded ',
  'yes',
  'No',
  'on',
  'y',
  'null',
  '~',
  'true',
  '42',
  '-1',
  '+1',
  '.5',
  '1e5',
  '0x1F',
  '0o17',
  '.inf',
  '.NaN',
  '2001-12-14',
  '02:00:0a:00:00:05',
  '10.0.0.5',
  '12:30',
  'a: b',
  'a:',
  'a #b',
  '#comment',
  '- item',
  '? q',
  '[x]',
  '{y}',
  '&anchor',
  '*alias',
  '!tag',
  '|',
  '>',
  "'single'",
  '"double"',
  '%25',
  '@at',
  '`tick`',
  'tab\there',
  'line1\nline2',
  'line1\r\nline2\r\n',
  'value\n\n',
  "O'Brien's pub",
  'C:\\Temp\\',
  "it'\\''s",
  '$(whoami) ${HOME}',
  '<<',
  '=',
  'Ærøskøbing café',
  '数据库服务器',
  'ready 🚀',
  'a\u200bb',
  'bom\ufeff',
  'nel\u0085',
  'ls\u2028',
  'ctl\u0001',
  'frontend',
  'web_0_(service_7)',
  'http://10.0.0.1:5030',
  '/var/run/one-context/one_env',
  'ssh-ed25519 AAAA alice@laptop',
];

describe('toYaml', () => {
  it.each(TRICKY.map((s) => [JSON.stringify(s), s]))('string %s reads back unchanged', (_n, s) => {
    expect(load(toYaml({ K: s }))).toEqual({ K: s });
    expect(load(toYaml([s]))).toEqual([s]);
  });

  it('reads back nested documents with empty containers, numbers, booleans and null', () => {
    const doc = {
      SERVICE: {
        name: 'my svc',
        id: '7',
        state: 2,
        roles: [
          { name: 'db', cardinality: 0, nodes: [] },
          { name: 'w', nodes: [{ deploy_id: 42, running: null, vm_info: { VM: { ID: '42' } } }] },
        ],
      },
      LISTS: [[1, 2], [], {}, [[true]], { '10': 'x', 'a b': false }],
      F: 1.5,
      NEG: -3,
    };
    expect(load(toYaml(doc))).toEqual(doc);
  });

  it('uses the block style of js-yaml', () => {
    expect(toYaml({ VM: { NAME: 'web-0', ID: '42', TAG: ['a', 'b'], NIC: [{ IP: '10.0.0.5', NAME: 'NIC0' }], E: {} } })).toBe(
      'VM:\n  NAME: web-0\n  ID: "42"\n  TAG:\n    - a\n    - b\n  NIC:\n    - IP: "10.0.0.5"\n      NAME: NIC0\n  E: {}\n',
    );
  });

  it('prints scalars alone', () => {
    expect([toYaml('x'), toYaml(3), toYaml(null), toYaml([])]).toEqual(['x\n', '3\n', 'null\n', '[]\n']);
  });

  it('keeps plain only what cannot be read as anything else', () => {
    expect(['web-0', 'NIC0', 'frontend_0_(service_7)'].map(yamlString)).toEqual(['web-0', 'NIC0', 'frontend_0_(service_7)']);
    expect(['42', 'yes', 'a: b', ''].map(yamlString)).toEqual(['"42"', '"yes"', '"a: b"', '""']);
  });
});
