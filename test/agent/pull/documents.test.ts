import { describe, expect, it } from 'vitest';
import { matchAny } from '../../../agent/pull/canonical';
import { roleMembersOf, serviceIdOf, vnetIdsOf } from '../../../agent/pull/documents';
import { parseVnets } from '../../../agent/pull/options';

describe('documents', () => {
  it('reads SERVICE_ID only when set', () => {
    expect(serviceIdOf({ VM: { USER_TEMPLATE: { SERVICE_ID: '7' } } })).toBe('7');
    expect(serviceIdOf({ VM: { USER_TEMPLATE: { SERVICE_ID: ' ' } } })).toBeUndefined();
    expect(serviceIdOf({ VM: {} })).toBeUndefined();
    expect(serviceIdOf(undefined)).toBeUndefined();
  });
  it('lists the router NIC networks from an array or a single object', () => {
    const nics = [{ NETWORK_ID: '1' }, { NETWORK_ID: '0' }, { NETWORK_ID: '1' }, { NETWORK: 'no id' }];
    expect(vnetIdsOf({ VROUTER: { TEMPLATE: { NIC: nics } } })).toEqual([0, 1]);
    expect(vnetIdsOf({ VROUTER: { TEMPLATE: { NIC: { NETWORK_ID: '5' } } } })).toEqual([5]);
    expect(vnetIdsOf(undefined)).toEqual([]);
  });
  it('maps roles to their VM IDs in numeric order', () => {
    const doc = { SERVICE: { roles: [{ name: 'web', nodes: [{ deploy_id: 10 }, { deploy_id: 9 }] }, { name: 'db' }] } };
    expect([...roleMembersOf(doc)]).toEqual([
      ['web', ['9', '10']],
      ['db', []],
    ]);
  });
  it('matches * patterns on whole names', () => {
    const match = matchAny(['CPU_*', 'READY']);
    expect(['CPU_USAGE', 'READY', 'READY2', 'X_CPU_USAGE'].map(match)).toEqual([true, true, false, false]);
    expect(matchAny([])('A')).toBe(false);
  });
  it('parses pull.vnets and names a bad entry', () => {
    expect(parseVnets(['auto', '3', 1])).toEqual({ auto: true, ids: [3, 1] });
    expect(() => parseVnets(['x1'])).toThrow('pull.vnets: "x1" is neither "auto" nor a network ID');
  });
});
