// Pure accessors on pulled documents (shapes in docs/onegate-protocol.md). Every scalar from oned is
// a string, and a repeated element may arrive as one object instead of an array: read defensively.
import { asArray, innerOf } from '../onegate/documents';
import { isPlainObject } from './canonical';

/** The VM's USER_TEMPLATE, or an empty object. */
export function userTemplateOf(vmDoc: unknown): Record<string, unknown> {
  const ut = innerOf(vmDoc, 'VM')?.USER_TEMPLATE;
  return isPlainObject(ut) ? ut : {};
}

/** USER_TEMPLATE/SERVICE_ID when it is set: the VM claims to belong to that service. */
export function serviceIdOf(vmDoc: unknown): string | undefined {
  const sid = userTemplateOf(vmDoc).SERVICE_ID;
  return typeof sid === 'string' && sid.trim() !== '' ? sid.trim() : undefined;
}

/** The network IDs of the virtual router's NICs, unique, ascending. */
export function vnetIdsOf(vrouterDoc: unknown): number[] {
  const template = innerOf(vrouterDoc, 'VROUTER')?.TEMPLATE;
  const ids = new Set<number>();
  for (const nic of asArray(isPlainObject(template) ? template.NIC : undefined)) {
    const id = isPlainObject(nic) ? nic.NETWORK_ID : undefined;
    if (typeof id === 'string' && /^\d+$/.test(id)) ids.add(Number(id));
  }
  return [...ids].sort((a, b) => a - b);
}

/** Role name -> the VM IDs of its nodes (ascending, as strings). */
export function roleMembersOf(serviceDoc: unknown): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const role of asArray(innerOf(serviceDoc, 'SERVICE')?.roles)) {
    if (!isPlainObject(role) || typeof role.name !== 'string') continue;
    const ids = asArray(role.nodes)
      .map((n) => (isPlainObject(n) ? n.deploy_id : undefined))
      .filter((id) => typeof id === 'number' || (typeof id === 'string' && id !== ''))
      .map(String);
    members.set(
      role.name,
      [...new Set(ids)].sort((a, b) => Number(a) - Number(b)),
    );
  }
  return members;
}

/** A scalar field as a string, or "" when absent. */
export function field(obj: Record<string, unknown> | undefined, key: string): string {
  const v = obj?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}
