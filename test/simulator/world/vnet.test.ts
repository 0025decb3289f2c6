import { describe, expect, it } from 'vitest';
import { loadFixtures } from './fixtures';
import { vnetHash } from './vnet';

const world = loadFixtures();
const ar = (id: number, viewer?: number): Record<string, any> => {
  const pool = (
    vnetHash(world, world.vnets.get(id)!, viewer === undefined ? undefined : world.users.get(viewer), { oned7Documents: false }).VNET as any
  ).AR_POOL;
  return pool.AR;
};

describe('vnetHash', () => {
  it('derives IPv6 range ends from the prefixes and the MACs (EUI-64)', () => {
    expect(ar(4)).toMatchObject({
      MAC_END: '02:00:0a:00:01:3f',
      IP6_ULA: 'fd00::1:0:aff:fe00:100',
      IP6_ULA_END: 'fd00::1:0:aff:fe00:13f',
      IP6_GLOBAL: '2001:db8:0:1:0:aff:fe00:100',
      IP6_GLOBAL_END: '2001:db8:0:1:0:aff:fe00:13f',
      USED_LEASES: '1',
    });
  });

  it('counts every lease but shows a user only those of objects it may USE, sorted by MAC', () => {
    const all = ar(1);
    const alice = ar(1, 2);
    expect(all.USED_LEASES).toBe(alice.USED_LEASES);
    expect(all.LEASES.LEASE.some((l: { VM?: string }) => l.VM === '60')).toBe(true);
    expect(alice.LEASES.LEASE.some((l: { VM?: string }) => l.VM === '60')).toBe(false);
    const macs = alice.LEASES.LEASE.map((l: { MAC: string }) => l.MAC);
    expect(macs).toEqual([...macs].sort());
  });

  it('leaves out the leases of DONE VMs', () => {
    const w = loadFixtures();
    w.vms.get(7)!.state = 6;
    expect((vnetHash(w, w.vnets.get(5)!, undefined, { oned7Documents: false }).VNET as any).AR_POOL.AR).toMatchObject({
      USED_LEASES: '1',
      LEASES: { LEASE: { VM: '61' } },
    });
  });
});
