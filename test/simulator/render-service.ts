// GET /service (spec §7.3): OneFlow's stored document reduced to {name,id,state,roles[nodes]}.
import { gname, uname, vmInfo } from './oned';
import { rawVmHash, vmView } from './render-vm';
import { oned } from './scope';
import type { Switches } from './switches';
import type { Service, User, World } from './world-types';

/** {"SERVICE":{...}}; `extended` replaces each vm_info by the node's full one.vm.info hash. */
export function serviceView(world: World, sv: Service, extended: boolean, user: User | undefined, sw: Switches): Record<string, unknown> {
  const roles = (sv.roles ?? []).map((role) => ({
    name: role.name, cardinality: role.cardinality, state: role.state,
    nodes: role.nodes.map((id) => ({ deploy_id: id, running: sw.legacyServiceVmInfo ? world.vms.get(id)?.state === 3 : null, vm_info: vmInfoOf(world, id, extended, user, sw) })),
  }));
  return { SERVICE: { name: sv.name, id: String(sv.id), state: sv.state, roles } };
}

function vmInfoOf(world: World, id: number, extended: boolean, user: User | undefined, sw: Switches): unknown {
  if (extended) return rawVmHash(world, oned(() => vmInfo(world, user, id))); // a failed lookup is 404, not "is empty"
  const vm = world.vms.get(id);
  if (!vm) return null;
  if (sw.legacyServiceVmInfo) return vmView(vm, sw);
  return { VM: { ID: String(vm.id), UID: String(vm.uid), GID: String(vm.gid), UNAME: uname(world, vm.uid), GNAME: gname(world, vm.gid), NAME: vm.name } };
}
