// The table of pulled documents: what each row selects in each situation, the events its diff may fire,
// and docs/pull.md listing every row (route and file) in request order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PULLER_OPTIONS, type PullerOptions, parseVnets } from '../../../agent/pull/options';
import { DOCUMENTS, type Kind, type PullView, rowOf } from '../../../agent/pull/table';

const row = (kind: Kind) => DOCUMENTS.find((r) => r.kind === kind)!;
const VM_IN_SERVICE = { VM: { ID: '42', USER_TEMPLATE: { SERVICE_ID: '7' }, TEMPLATE: {} } };
const VM_ALONE = { VM: { ID: '42', USER_TEMPLATE: {}, TEMPLATE: {} } };
const ROUTER = { VROUTER: { ID: '3', TEMPLATE: { NIC: [{ NETWORK_ID: '5' }, { NETWORK_ID: '1' }] } } };

function view(o: Partial<PullerOptions>, docs: { vm?: unknown; vrouter?: unknown }, refused: Partial<Record<Kind, string>> = {}): PullView {
  const options = { ...DEFAULT_PULLER_OPTIONS, ...o };
  return { options, vnets: parseVnets(options.vnets), vm: docs.vm, vrouter: docs.vrouter, refused: (kind, key) => refused[kind] === key };
}
const names = (kind: Kind, v: PullView) =>
  row(kind)
    .select(v)
    ?.map((s) => s.name);

describe('table of pulled documents', () => {
  it.each([
    ['auto, VM in service 7', {}, { vm: VM_IN_SERVICE }, {}, ['service']],
    ['auto, VM in no service: its file goes', {}, { vm: VM_ALONE }, {}, []],
    ['auto, before the first VM document: the file stays', {}, {}, {}, undefined],
    ['auto, service 7 said it does not list the VM', {}, { vm: VM_IN_SERVICE }, { service: '7' }, []],
    ['auto, that answer was about another SERVICE_ID', {}, { vm: VM_IN_SERVICE }, { service: '6' }, ['service']],
    ['always, even before the VM document', { service: 'always' }, {}, { service: '7' }, ['service']],
    ['never', { service: 'never' }, {}, {}, []],
  ] as const)('service: %s', (_case, o, docs, refused, expected) => {
    expect(names('service', view(o, docs, refused))).toEqual(expected);
  });

  it.each([
    ['auto', {}, {}, ['vrouter']],
    ['auto, the server said the VM is in no router', {}, { vrouter: '' }, []],
    ['always', { vrouter: 'always' }, { vrouter: '' }, ['vrouter']],
    ['never', { vrouter: 'never' }, {}, []],
  ] as const)('vrouter: %s', (_case, o, refused, expected) => {
    expect(names('vrouter', view(o, {}, refused))).toEqual(expected);
  });

  it.each([
    ['auto: the router NIC networks', ['auto'], ROUTER, ['vnet-1', 'vnet-5']],
    ['auto without a router document', ['auto'], undefined, []],
    ['auto plus listed IDs, unique and ascending', ['auto', 9, '1'], ROUTER, ['vnet-1', 'vnet-5', 'vnet-9']],
    ['none', [], ROUTER, []],
  ] as const)('vnet: %s', (_case, vnets, vrouter, expected) => {
    expect(names('vnet', view({ vnets: [...vnets] }, { vrouter }))).toEqual(expected);
  });

  it('always pulls the VM, whose transient failure skips the rest', () => {
    expect(names('vm', view({}, {}))).toEqual(['vm']);
    expect(DOCUMENTS.filter((r) => r.gate).map((r) => r.kind)).toEqual(['vm']);
  });

  it.each([
    ['vm', VM_IN_SERVICE],
    ['service', { SERVICE: { id: '7', state: 2, roles: [{ name: 'web', nodes: [{ deploy_id: 42 }] }] } }],
    ['vrouter', ROUTER],
    ['vnet-5', { VNET: { ID: '5' } }],
  ])('the diff of %s fires only the events its row declares', (name, doc) => {
    const r = rowOf(name)!;
    const events = r
      .diff(name, () => false)(undefined, doc)
      .map((c) => c.event);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(r.events).toContain(e);
  });

  it('maps document names to their rows', () => {
    expect(['vm', 'service', 'vrouter', 'vnet-12', 'vnet', 'other'].map((n) => rowOf(n)?.kind)).toEqual([
      'vm',
      'service',
      'vrouter',
      'vnet',
      undefined,
      undefined,
    ]);
  });

  it('is what docs/pull.md lists, in request order', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/pull.md'), 'utf8');
    const table = doc.slice(doc.indexOf('| Document | Request |'), doc.indexOf('\n\n', doc.indexOf('| Document | Request |')));
    const rows = table.split('\n').slice(2);
    expect(rows.map((line) => /`(GET [^`]+)`/.exec(line)?.[1])).toEqual(DOCUMENTS.map((r) => r.route));
    expect(rows.map((line) => /`([^`]+\.json)`/.exec(line)?.[1])).toEqual(DOCUMENTS.map((r) => r.file));
  });
});
