// OneFlow's scale action (POST /service/<id>/scale with force=false): state, role and bound checks
// with OneFlow's messages; on success the cardinality changes and, if enabled, nodes follow it.

import { rubyToI } from '../http/ruby';
import { rubyToS } from '../http/ruby-json';
import { storeNodeInfo } from '../render/service-view';
import { cloneTemplate, getAll, removeAll, setText, templateFrom } from '../template/template';
import type { Role, Service, Vm, World } from './types';
import { setState } from './vm-actions';

/** Applies a scale request; returns OneFlow's error message, or undefined on success. */
export function scaleRole(world: World, sv: Service, roleName: string, cardinality: unknown, createVms: boolean): string | undefined {
  const card = typeof cardinality === 'number' ? Math.trunc(cardinality) : rubyToI(rubyToS(cardinality));
  if (sv.state !== 2) return `Service cannot be scaled in state: ${sv.state}`;
  const role = sv.roles?.find((r) => r.name === roleName);
  if (!role) return `Role ${roleName} not found`;
  if (role.type === 'vr') return `Can't scale service ${sv.id}: Virtual Router role ${roleName} does not support cardinality update`;
  if (role.minVms !== undefined && card < role.minVms) return `Can't scale service ${sv.id}: Minimum cardinality is ${role.minVms}`;
  if (role.maxVms !== undefined && card > role.maxVms) return `Can't scale service ${sv.id}: Maximum cardinality is ${role.maxVms}`;
  if (card === role.cardinality) return `Cardinality of ${roleName} is already at ${card}`;
  role.cardinality = card;
  if (createVms) resizeNodes(world, sv, role, card);
  return undefined;
}

/** Adds or terminates node VMs until the role has `count` nodes. */
export function resizeNodes(world: World, sv: Service, role: Role, count: number): void {
  while (role.nodes.length > count) {
    const vm = world.vms.get(role.nodes.pop()!);
    if (!vm) continue;
    setState(vm, 6, 0);
    vm.etime = Math.floor(Date.now() / 1000);
  }
  while (role.nodes.length < count) {
    const id = newNode(world, sv, role).id;
    role.nodes.push(id);
    storeNodeInfo(world, role, id);
  }
}

/** The ID oned would give the next VM (a loop: spreading a large fleet's IDs would overflow the stack). */
export function nextVmId(world: World): number {
  let max = 0;
  for (const id of world.vms.keys()) if (id > max) max = id;
  return max + 1;
}

// A new node: the role's last VM as model, without its NICs (the simulator allocates no addresses).
function newNode(world: World, sv: Service, role: Role): Vm {
  const id = nextVmId(world);
  const model = world.vms.get(role.nodes[role.nodes.length - 1] ?? -1);
  const template = model ? cloneTemplate(model.template) : templateFrom({ CREATED_BY: String(sv.uid) });
  removeAll(template, 'NIC');
  removeAll(template, 'NIC_ALIAS');
  setText(template, 'VMID', String(id));
  for (const ctx of getAll(template, 'CONTEXT')) if (typeof ctx === 'object') ctx.VMID = String(id);
  const vm: Vm = {
    id,
    name: `${role.name}_${role.nodes.length}_(service_${sv.id})`,
    uid: sv.uid,
    gid: sv.gid,
    perms: '600',
    state: 3,
    lcmState: 3,
    prevState: 3,
    prevLcmState: 3,
    stime: Math.floor(Date.now() / 1000),
    etime: 0,
    resched: 0,
    host: model?.host,
    template,
    userTemplate: templateFrom({ ROLE_NAME: role.name, SERVICE_ID: String(sv.id) }),
    monitoring: templateFrom({}),
    actions: [],
    updates: [],
  };
  world.vms.set(id, vm);
  return vm;
}
