// Virtual networks as oned's one.vn.info shows them to a user: leases derived from the NICs of
// live VMs and router floating IPs plus explicit ones, hidden when the viewer cannot USE their owner.

import { getAll, sortedObject, templateToHash } from '../template/template';
import { authorized } from './oned';
import type { AddressRange, User, VNet, World } from './types';

const LEASE_KEYS = ['IP', 'IP6', 'IP6_GLOBAL', 'IP6_LINK', 'IP6_ULA', 'MAC'];
const macInt = (mac: string): bigint => BigInt(`0x${mac.replace(/:/g, '') || '0'}`);
const macStr = (n: bigint): string =>
  n
    .toString(16)
    .padStart(12, '0')
    .replace(/(..)(?!$)/g, '$1:');
const ipStr = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
const ipInt = (ip: string): number => ip.split('.').reduce((a, x) => a * 256 + Number(x), 0);

// SLAAC address: the /64 prefix plus the modified EUI-64 interface ID of the MAC.
function eui64(prefix: string, mac: bigint): string {
  const hi = ipv6Int(prefix.split('/')[0]) & ~((1n << 64n) - 1n);
  const iid = (((mac >> 24n) ^ 0x020000n) << 40n) | (0xfffen << 24n) | (mac & 0xffffffn);
  const n = hi | iid;
  const groups = Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  // RFC 5952: the longest run of two or more zero groups (the first on a tie) becomes "::".
  let best = [-1, 0];
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best[1] && j - i >= 2) best = [i, j - i];
  }
  if (best[0] < 0) return groups.join(':');
  return `${groups.slice(0, best[0]).join(':')}::${groups.slice(best[0] + best[1]).join(':')}`;
}

function ipv6Int(text: string): bigint {
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(`0x${g || '0'}`), 0n);
}

function pick(nic: Record<string, string>): Record<string, string> {
  return Object.fromEntries(LEASE_KEYS.filter((k) => k in nic).map((k) => [k, nic[k]]));
}

/** Every lease of an address range, sorted by MAC. */
export function arLeases(world: World, net: VNet, ar: AddressRange): Record<string, string>[] {
  const arId = ar.attrs.AR_ID ?? '0';
  const on = (nic: unknown): nic is Record<string, string> =>
    typeof nic === 'object' &&
    nic !== null &&
    (nic as Record<string, string>).NETWORK_ID === String(net.id) &&
    ((nic as Record<string, string>).AR_ID ?? '0') === arId;
  const leases: Record<string, string>[] = [];
  for (const vm of world.vms.values()) {
    if (vm.state === 6) continue; // DONE VMs released their leases
    for (const nic of [...getAll(vm.template, 'NIC'), ...getAll(vm.template, 'NIC_ALIAS')])
      if (on(nic)) leases.push({ ...pick(nic), VM: String(vm.id) });
  }
  for (const vr of world.vrouters.values())
    for (const nic of getAll(vr.template, 'NIC')) if (on(nic) && nic.MAC) leases.push({ ...pick(nic), VROUTER: String(vr.id) });
  leases.push(...ar.leases.map((l) => ({ ...l })));
  return leases.sort((a, b) => Number(macInt(a.MAC ?? '') - macInt(b.MAC ?? ''))).map(sortedObject);
}

// oned 7 keeps the AR's round-robin position; modelled as one past the highest allocated index.
function nextIndex(ar: Record<string, string>, leases: Record<string, string>[]): string {
  const size = Number(ar.SIZE ?? '1');
  const taken = leases.filter((l) => l.MAC && ar.MAC).map((l) => Number(macInt(l.MAC) - macInt(ar.MAC)));
  return taken.length === 0 || size <= 0 ? '0' : String((taken.reduce((a, b) => Math.max(a, b)) + 1) % size);
}

function visible(world: World, viewer: User | undefined, lease: Record<string, string>): boolean {
  if (!viewer || viewer.id === 0 || viewer.gid === 0) return true;
  const obj =
    lease.VM !== undefined
      ? world.vms.get(Number(lease.VM))
      : lease.VNET !== undefined
        ? world.vnets.get(Number(lease.VNET))
        : world.vrouters.get(Number(lease.VROUTER));
  return obj !== undefined && authorized(viewer, obj, 'USE');
}

/** The VNET hash as the OCA's to_hash gives it (only the keys OneGate reads, with oned's empty shapes). */
export function vnetHash(world: World, net: VNet, viewer: User | undefined, shape: { oned7Documents: boolean }): Record<string, unknown> {
  let used = 0;
  const ars = net.ars.map((ar) => {
    const leases = arLeases(world, net, ar);
    used += leases.length;
    const a = ar.attrs;
    const size = BigInt(Number(a.SIZE ?? '1'));
    const out: Record<string, unknown> = sortedObject(shape.oned7Documents ? { ...a, NEXT_INDEX: nextIndex(a, leases) } : a);
    if (a.MAC) out.MAC_END = macStr(macInt(a.MAC) + size - 1n);
    if (['IP4', 'IP4_6', 'IP4_6_STATIC'].includes(a.TYPE ?? 'IP4') && a.IP) out.IP_END = ipStr(ipInt(a.IP) + Number(size) - 1);
    if ((a.TYPE === 'IP6' || a.TYPE === 'IP4_6') && a.MAC) {
      for (const [prefix, tag] of [
        ['ULA_PREFIX', 'IP6_ULA'],
        ['GLOBAL_PREFIX', 'IP6_GLOBAL'],
      ]) {
        if (!a[prefix]) continue;
        out[tag] = eui64(a[prefix], macInt(a.MAC));
        out[`${tag}_END`] = eui64(a[prefix], macInt(a.MAC) + size - 1n);
      }
    }
    out.USED_LEASES = String(leases.length);
    const shown = leases.filter((l) => visible(world, viewer, l));
    out.LEASES = shown.length === 0 ? {} : { LEASE: shown.length === 1 ? shown[0] : shown };
    return out;
  });
  const vrouters = [...world.vrouters.values()]
    .filter(
      (vr) =>
        getAll(vr.template, 'NIC').some((n) => typeof n === 'object' && n.NETWORK_ID === String(net.id)) &&
        (!viewer || visible(world, viewer, { VROUTER: String(vr.id) })),
    )
    .map((vr) => String(vr.id))
    .sort((x, y) => Number(x) - Number(y));
  return {
    VNET: {
      ID: String(net.id),
      NAME: net.name,
      PARENT_NETWORK_ID: net.parent === null ? {} : String(net.parent),
      USED_LEASES: String(used),
      VROUTERS: vrouters.length === 0 ? {} : { ID: vrouters.length === 1 ? vrouters[0] : vrouters },
      TEMPLATE: templateToHash(net.template),
      AR_POOL: ars.length === 0 ? {} : { AR: ars.length === 1 ? ars[0] : ars },
    },
  };
}
