import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePath } from '../../../../cli/agent/query/path';
import { resolvePath } from '../../../../cli/agent/query/resolve';

const FIXTURES = join(__dirname, '../../../fixtures/query');
const doc = (file: string, wrapper: string) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8'))[wrapper];
const ROOTS: Record<string, { value: unknown; wrapper?: string }> = {
  member: { value: doc('member/vm.json', 'VM'), wrapper: 'VM' },
  service: { value: doc('member/service.json', 'SERVICE'), wrapper: 'SERVICE' },
  raw: { value: doc('raw-single-nic/vm.json', 'VM'), wrapper: 'VM' },
  vnet: { value: { 0: doc('router/vnet-0.json', 'VNET'), 1: doc('router/vnet-1.json', 'VNET') } },
};

function resolve(fixture: string, text: string) {
  const path = parsePath(text);
  return resolvePath(path.root, ROOTS[fixture].value, path.segments, ROOTS[fixture].wrapper);
}

describe('resolvePath', () => {
  it.each([
    ['member', 'vm.ID', '42'],
    ['member', 'vm.USER_TEMPLATE.ROLE_NAME', 'web'],
    ['member', 'vm.TEMPLATE.NIC.0.IP', '10.0.0.5'],
    ['member', 'vm.TEMPLATE.NIC.1.IP6_GLOBAL', '2001:db8:0:1:0:aff:fe00:105'],
    ['member', 'vm.TEMPLATE.NIC.NIC1.MAC', '02:00:0a:00:01:05'],
    ['member', 'vm.TEMPLATE.NIC_ALIAS.IP', '10.0.0.50'],
    ['member', 'vm.TEMPLATE.NIC_ALIAS.0.IP', '10.0.0.50'],
    ['member', 'vm.USER_TEMPLATE.APP.0.PORT', '8080'],
    ['member', 'vm.USER_TEMPLATE.TAG.1', 'b'],
    ['member', 'vm.VM.ID', '42'],
    ['member', 'vm.user_template.role_name', 'web'],
    ['service', 'service.name', 'shop'],
    ['service', 'service.roles.web.cardinality', 2],
    ['service', 'service.roles.db.nodes.0.deploy_id', 44],
    ['service', 'service.roles.web.nodes.1.vm_info.VM.NAME', 'web_1_(service_7)'],
    ['service', 'service.roles.web.nodes.0.running', null],
    ['service', 'service.roles.WEB.state', 2],
    ['service', 'service.roles.1.name', 'db'],
    ['service', 'service.SERVICE.id', '7'],
    ['raw', 'vm.TEMPLATE.NIC.IP', '10.0.5.7'],
    ['raw', 'vm.TEMPLATE.NIC.0.IP', '10.0.5.7'],
    ['raw', 'vm.TEMPLATE.NIC.NIC0.IP', '10.0.5.7'],
    ['raw', 'vm.TEMPLATE.NIC.nic0.IP', '10.0.5.7'],
    ['raw', 'vm.USER_TEMPLATE.app.version', '1.2'],
    ['raw', 'vm.USER_TEMPLATE."app.version"', '1.2'],
    ['raw', 'vm.USER_TEMPLATE.Mixed', 'as spelled'],
    ['raw', 'vm.USER_TEMPLATE.MIXED', 'upper'],
    ['vnet', 'vnet.1.NAME', 'private'],
    ['vnet', 'vnet.1.AR_POOL.AR.0.LEASES.LEASE.1.VM', '50'],
    ['vnet', 'vnet.private.ID', '1'],
    ['vnet', 'vnet.PUBLIC.NAME', 'public'],
  ])('%s: %s', (fixture, text, value) => {
    expect(resolve(fixture, text)).toMatchObject({ found: true, value });
  });

  it('answers structures whole', () => {
    const nodes = resolve('service', 'service.roles.web.nodes');
    expect(nodes.found && (nodes.value as unknown[]).map((n) => (n as { deploy_id: number }).deploy_id)).toEqual([42, 43]);
    expect(resolve('member', 'vm')).toMatchObject({ found: true, value: ROOTS.member.value });
  });

  it('reports the keys taken as the document spells them', () => {
    expect(resolve('member', 'vm.user_template.role_name')).toMatchObject({ keys: ['USER_TEMPLATE', 'ROLE_NAME'] });
    expect(resolve('vnet', 'vnet.private.NAME')).toMatchObject({ keys: ['1', 'NAME'] });
  });

  it.each([
    ['member', 'vm.USER_TEMPLATE.ROLE', 'vm.USER_TEMPLATE', 'has no "ROLE" (keys: APP, DESCRIPTION, ROLE_NAME, SERVICE_ID, TAG)'],
    ['member', 'vm.TEMPLATE.NIC.2.IP', 'vm.TEMPLATE.NIC', 'has 2 elements (index 0 to 1)'],
    ['member', 'vm.TEMPLATE.NIC.IP', 'vm.TEMPLATE.NIC', 'is a list of 2 with no element named "IP" (names: NIC0, NIC1)'],
    ['member', 'vm.ID.x', 'vm.ID', 'is a value ("42"), not a structure'],
    ['member', 'vm.USER_TEMPLATE.APP.1', 'vm.USER_TEMPLATE.APP', 'is a single element: only index 0 addresses it'],
    ['service', 'service.roles.api.nodes', 'service.roles', 'is a list of 2 with no element named "api" (names: web, db)'],
    [
      'service',
      'service.roles.web.nodes.0.vm_info.VM.IP',
      'service.roles.web.nodes.0.vm_info.VM',
      'has no "IP" (keys: ID, UID, GID, UNAME, GNAME, NAME)',
    ],
    ['raw', 'vm.USER_TEMPLATE.mixed', 'vm.USER_TEMPLATE', 'has no "mixed" (keys: APP, app.version, Mixed, MIXED, EMPTY, TAG, ROLE_NAME)'],
    ['raw', 'vm.USER_TEMPLATE.EMPTY.X', 'vm.USER_TEMPLATE.EMPTY', 'is empty, no "X"'],
    ['raw', 'vm.USER_TEMPLATE.TAG.0', 'vm.USER_TEMPLATE.TAG', 'is an empty list'],
    ['raw', 'vm.USER_TEMPLATE.app.release', 'vm.USER_TEMPLATE.app', 'has no "release" (keys: PORT)'],
    ['raw', 'vm.TEMPLATE.NIC.NIC1', 'vm.TEMPLATE.NIC', 'has no "NIC1" (keys: IP, MAC, NAME, NETWORK)'],
    ['vnet', 'vnet.4.NAME', 'vnet', 'has no "4" (keys: 0, 1)'],
    ['vnet', 'vnet.dmz.NAME', 'vnet', 'has no ID or name "dmz" (IDs: 0, 1; names: public, private)'],
  ])('%s: %s is absent below %s', (fixture, text, deepest, why) => {
    expect(resolve(fixture, text)).toEqual({ found: false, deepest, why });
  });

  it('escapes what it quotes from a document, and lists at most 12 names', () => {
    const keys = Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`K${i}`, '']));
    const path = parsePath('vm.x');
    expect(resolvePath('vm', keys, path.segments)).toMatchObject({ why: expect.stringMatching(/K11, … 2 more\)$/) });
    expect(resolvePath('vm', { '\u001b[31m': 'x' }, path.segments)).toMatchObject({ why: 'has no "x" (keys: \\x1b[31m)' });
    expect(resolvePath('vm', { x: '\u001b]0;pwn\u0007' }, parsePath('vm.x.y').segments)).toMatchObject({
      why: 'is a value ("\\u001b]0;pwn\\u0007"), not a structure',
    });
  });
});
