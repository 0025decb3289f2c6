// GET /vnet/:id body (build_vnet_hash and process_vnet, onegate-server.rb l.748-816 at release-7.4.0): selected keys, arrays forced, template filtered by
// :vnet_template_attributes; extended mode enriches VM leases with NIC names, alias and backend data.

import { getAll, getSub, sortedPairs } from '../template/template';
import { authorized } from '../world/oned';
import type { User, Vm, World } from '../world/types';

const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** process_vnet: ID, NAME, USED_LEASES, VROUTERS, PARENT_NETWORK_ID, AR_POOL, TEMPLATE. */
export function vnetView(hash: Record<string, unknown>, attributes: string[]): Record<string, unknown> {
  const v = hash.VNET as Record<string, unknown>;
  const template: Record<string, unknown> = {};
  for (const key of attributes)
    if ((v.TEMPLATE as Record<string, unknown>)[key] !== undefined) template[key] = (v.TEMPLATE as Record<string, unknown>)[key];
  const pool = v.AR_POOL as Record<string, unknown>;
  const ars = arr(pool.AR) as Record<string, unknown>[];
  for (const ar of ars) {
    const leases = ar.LEASES as Record<string, unknown>;
    leases.LEASE = arr(leases.LEASE);
  }
  const vrouters = v.VROUTERS as Record<string, unknown>;
  return {
    ID: v.ID,
    NAME: v.NAME,
    USED_LEASES: v.USED_LEASES,
    VROUTERS: { ...vrouters, ID: arr(vrouters.ID) },
    PARENT_NETWORK_ID: v.PARENT_NETWORK_ID,
    AR_POOL: { ...pool, AR: ars },
    TEMPLATE: template,
  };
}

/** Extended mode: every lease of a VM the viewer can read gets NIC_NAME (+ alias and BACKEND fields). */
export function extendLeases(world: World, view: Record<string, unknown>, viewer: User | undefined): void {
  for (const ar of (view.AR_POOL as { AR: Record<string, unknown>[] }).AR) {
    for (const lease of (ar.LEASES as { LEASE: Record<string, unknown>[] }).LEASE) {
      if (lease.VM === undefined || Number(lease.VM) < 0) continue;
      const vm = world.vms.get(Number(lease.VM));
      if (!vm || !authorized(viewer, vm, 'USE')) throw new Error(`VM ${String(lease.VM)} not in the pool`); // -> "is empty."
      enrich(vm, lease);
    }
  }
}

function enrich(vm: Vm, lease: Record<string, unknown>): void {
  const byMac = (kind: string): Record<string, string> | undefined =>
    getAll(vm.template, kind).find((n) => typeof n === 'object' && n.MAC === lease.MAC) as Record<string, string> | undefined;
  let nic = byMac('NIC');
  if (!nic) {
    nic = byMac('NIC_ALIAS');
    if (!nic) throw new Error(`no NIC with MAC ${String(lease.MAC)}`);
    const parent = getAll(vm.template, 'NIC').find((n) => typeof n === 'object' && n.NIC_ID === nic!.PARENT_ID) as
      | Record<string, string>
      | undefined;
    if (parent?.NETWORK_ID === undefined) throw new Error('no parent NIC network');
    lease.PARENT = nic.PARENT;
    lease.PARENT_NETWORK_ID = parent.NETWORK_ID;
    lease.EXTERNAL = nic.EXTERNAL !== undefined && nic.EXTERNAL.toLowerCase() === 'yes';
  }
  lease.NIC_NAME = nic.NAME;
  const backend = getSub(vm.template, 'CONTEXT', 'BACKEND');
  if (backend !== undefined && backend.toLowerCase() === 'yes') {
    lease.BACKEND = 'YES';
    for (const [n, v] of sortedPairs(vm.userTemplate)) if (n.startsWith('ONEGATE_') && typeof v === 'string') lease[n] = v;
  }
}
