// GET /service (build_service_hash, onegate-server.rb l.663 at release-7.4.0): OneFlow's stored document reduced to {name,id,state,roles[nodes]}.

import type { Switches } from '../config/switches';
import { vmInfo } from '../world/oned';
import type { Role, Service, User, World } from '../world/types';
import { oned } from './scope';
import { rawVmHash, vmIdentity, vmView } from './vm-view';

/** {"SERVICE":{...}}; `extended` replaces each vm_info by the node's full one.vm.info hash. */
export function serviceView(world: World, sv: Service, extended: boolean, user: User | undefined, sw: Switches): Record<string, unknown> {
  const roles = (sv.roles ?? []).map((role) => ({
    name: role.name,
    cardinality: role.cardinality,
    state: role.state,
    nodes: role.nodes.map((id) => ({
      deploy_id: id,
      running: sw.legacyServiceVmInfo ? world.vms.get(id)?.state === 3 : null,
      vm_info: vmInfoOf(world, role, id, extended, user, sw),
    })),
  }));
  return { SERVICE: { name: sv.name, id: String(sv.id), state: sv.state, roles } };
}

function vmInfoOf(world: World, role: Role, id: number, extended: boolean, user: User | undefined, sw: Switches): unknown {
  if (extended)
    return rawVmHash(
      world,
      oned(() => vmInfo(world, user, id)),
      sw,
    ); // a failed lookup is 404, not "is empty"
  const vm = world.vms.get(id);
  if (sw.legacyServiceVmInfo) return vm ? vmView(vm, sw) : null;
  if (!role.vmInfo.has(id)) storeNodeInfo(world, role, id);
  return role.vmInfo.get(id);
}

/** Records what OneFlow stores for a node: {VM:{ID,UID,GID,UNAME,GNAME,NAME}}, or null for an unreadable VM. */
export function storeNodeInfo(world: World, role: Role, id: number): void {
  const vm = world.vms.get(id);
  role.vmInfo.set(id, vm ? { VM: vmIdentity(world, vm) } : null);
}
