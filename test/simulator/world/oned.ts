// The oned and OneFlow calls OneGate makes, with oned's permission rules and error texts, as the
// VM owner (the identity OneGate impersonates after authentication).
import type { Perms, Service, User, Vm, VNet, VRouter, World } from './types';

/** oned's failure texts (Request::failure_message), thrown by the *Info helpers. */
export class OnedError extends Error {}

/**
 * A string as oned receives it over XML-RPC: the XML parser's end-of-line handling turns CR LF and a lone CR
 * into LF (the Ruby client writes CR unescaped), so `K=1\r\nL=2` is stored as K="1\n".
 */
export function overXmlRpc(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

const LETTER = { USE: 0, MANAGE: 1, ADMIN: 2 } as const;
/** An oned operation class. */
export type Op = keyof typeof LETTER;

/** Owner/group/other bits; oneadmin and members of group 0 may do anything. */
export function authorized(user: User | undefined, obj: { uid: number; gid: number; perms: Perms }, op: Op): boolean {
  if (!user) return false;
  if (user.id === 0 || user.gid === 0) return true;
  const digits = obj.perms.padStart(3, '0').slice(-3).split('').map(Number);
  const bit = 4 >> LETTER[op];
  if (obj.uid === user.id && digits[0] & bit) return true;
  if (obj.gid === user.gid && digits[1] & bit) return true;
  return Boolean(digits[2] & bit);
}

const NAMES = { VM: 'virtual machine', VROUTER: 'virtual router', NET: 'virtual network' } as const;

function lookup<T extends { id: number; uid: number; gid: number; perms: Perms }>(
  pool: Map<number, T>,
  id: number,
  user: User | undefined,
  method: string,
  kind: keyof typeof NAMES,
  op: Op = 'USE',
): T {
  const obj = pool.get(id);
  if (!obj) throw new OnedError(`[${method}] Error getting ${NAMES[kind]} [${id}].`);
  if (!authorized(user, obj, op))
    throw new OnedError(`[${method}] User [${user?.id ?? -1}] : Not authorized to perform ${op} ${kind} [${id}].`);
  return obj;
}

/** one.vm.info as `user`. */
export const vmInfo = (w: World, user: User | undefined, id: number): Vm => lookup(w.vms, id, user, 'one.vm.info', 'VM');
/** one.vrouter.info as `user`. */
export const vrouterInfo = (w: World, user: User | undefined, id: number): VRouter =>
  lookup(w.vrouters, id, user, 'one.vrouter.info', 'VROUTER');
/** one.vn.info as `user`. */
export const vnetInfo = (w: World, user: User | undefined, id: number): VNet => lookup(w.vnets, id, user, 'one.vn.info', 'NET');
/** A VM write (update, most actions) as `user`. */
export const vmManage = (w: World, user: User | undefined, id: number, method: string, op: Op = 'MANAGE'): Vm =>
  lookup(w.vms, id, user, method, 'VM', op);

/** OneFlow GET /service/<id> as `user` (OneFlow reads the document with the user's rights). */
export function flowService(w: World, user: User | undefined, id: number): Service {
  const sv = w.services.get(id);
  if (!sv) throw new OnedError(`[one.document.info] Error getting document [${id}].`);
  if (!authorized(user, sv, 'USE'))
    throw new OnedError(`[one.document.info] User [${user?.id ?? -1}] : Not authorized to perform USE DOCUMENT [${id}].`);
  return sv;
}

/** The user OneGate impersonates for a VM: its owner. */
export const ownerOf = (w: World, vm: Vm): User | undefined => w.users.get(vm.uid);

/** User and group names as oned prints them. */
export const uname = (w: World, uid: number): string => w.users.get(uid)?.name ?? `user${uid}`;
export const gname = (w: World, gid: number): string => w.groups.get(gid) ?? `group${gid}`;
