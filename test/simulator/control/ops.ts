// Test and control operations on the simulated world: inspect a VM, rotate TOKEN_PASSWORD, add or
// remove VMs and service nodes, scale, change states. Each keeps context files in step.

import type { SimState } from '../http/state';
import { storeNodeInfo } from '../render/service-view';
import { rawVmHash } from '../render/vm-view';
import { setText, templateToHash, templateToText } from '../template/template';
import { buildVm } from '../world/fixtures';
import { nextVmId, resizeNodes } from '../world/scale';
import type { Service, Vm } from '../world/types';
import { setState } from '../world/vm-actions';

/** A VM's full state as tests see it. */
export interface VmState {
  ID: number;
  NAME: string;
  UID: number;
  GID: number;
  STATE: number;
  LCM_STATE: number;
  STIME: number;
  /** USER_TEMPLATE as JSON (repeated names are arrays). */ USER_TEMPLATE: Record<string, unknown>;
  /** USER_TEMPLATE in oned's text form. */ USER_TEMPLATE_TEXT: string;
  /** The whole TEMPLATE as JSON. */ TEMPLATE: Record<string, unknown>;
  /** Actions performed through OneGate. */ actions: Vm['actions'];
  /** Updates applied through OneGate. */ updates: Vm['updates'];
  /** The raw one.vm.info hash. */ raw: Record<string, unknown>;
}

/** Operations shared by the Simulator object and the control API. */
export interface SimOps {
  /** Full state of a VM (throws for an unknown VM). */ vm(vmid: number | string): VmState;
  /** Sets a user's TOKEN_PASSWORD (name or ID): old tokens get 401; context files are rewritten. */ setTokenPassword(
    user: string | number,
    password: string,
  ): Promise<void>;
  /** Adds a VM given in the fixture format (`id` optional); returns its state. */ addVm(spec: Record<string, unknown>): VmState;
  /** Removes (purges) a VM, its service node entries and router membership. */ removeVm(vmid: number | string): void;
  /** Sets user-template attributes as an administrator's `onevm update --append` would (not through OneGate). */ appendUserTemplate(
    vmid: number | string,
    attributes: Record<string, string>,
  ): VmState;
  /** Sets STATE and LCM_STATE of a VM. */ setVmState(vmid: number | string, state: number, lcmState?: number): VmState;
  /** Makes an existing VM a node of a service role (adds SERVICE_ID/ROLE_NAME). */ addServiceNode(
    serviceId: number | string,
    role: string,
    vmid: number | string,
  ): void;
  /** Removes a VM from a service role's nodes. */ removeServiceNode(serviceId: number | string, role: string, vmid: number | string): void;
  /** Scales a role as an administrator would (no bounds): sets the cardinality and adds/terminates nodes. */ scaleRole(
    serviceId: number | string,
    role: string,
    cardinality: number,
  ): void;
}

/** Binds the operations to a simulator state. */
export function createOps(sim: SimState): SimOps {
  const w = sim.world;
  const vmOf = (id: number | string): Vm => {
    const vm = w.vms.get(Number(id));
    if (!vm) throw new Error(`no VM ${id}`);
    return vm;
  };
  const roleOf = (sid: number | string, role: string): { sv: Service; r: NonNullable<Service['roles']>[number] } => {
    const sv = w.services.get(Number(sid));
    const r = sv?.roles?.find((x) => x.name === role);
    if (!sv || !r) throw new Error(`no role "${role}" in service ${sid}`);
    return { sv, r };
  };
  const view = (vm: Vm): VmState => ({
    ID: vm.id,
    NAME: vm.name,
    UID: vm.uid,
    GID: vm.gid,
    STATE: vm.state,
    LCM_STATE: vm.lcmState,
    STIME: vm.stime,
    USER_TEMPLATE: templateToHash(vm.userTemplate),
    USER_TEMPLATE_TEXT: templateToText(vm.userTemplate),
    TEMPLATE: templateToHash(vm.template),
    actions: vm.actions,
    updates: vm.updates,
    raw: rawVmHash(w, vm, sim.config.sim),
  });
  const ops: SimOps = {
    vm: (id) => view(vmOf(id)),
    setTokenPassword: async (user, password) => {
      const u = [...w.users.values()].find((x) => x.name === String(user) || String(x.id) === String(user));
      if (!u) throw new Error(`no user ${user}`);
      if (password === '') throw new Error('TOKEN_PASSWORD must not be empty');
      setText(u.template, 'TOKEN_PASSWORD', password);
      sim.onWorldChange();
    },
    addVm: (spec) => {
      const id = spec.id ?? nextVmId(w);
      if (w.vms.has(Number(id))) throw new Error(`VM ${id} already exists`);
      const vm = buildVm({ ...spec, id: String(id) }, `VM ${id}`, w);
      w.vms.set(vm.id, vm);
      sim.onWorldChange();
      return view(vm);
    },
    removeVm: (id) => {
      vmOf(id);
      w.vms.delete(Number(id));
      for (const sv of w.services.values()) for (const r of sv.roles ?? []) r.nodes = r.nodes.filter((n) => n !== Number(id));
      for (const vr of w.vrouters.values()) vr.vms = vr.vms.filter((n) => n !== Number(id));
      sim.onWorldChange();
    },
    appendUserTemplate: (id, attributes) => {
      const vm = vmOf(id);
      for (const [name, value] of Object.entries(attributes)) {
        if (!/^[A-Z0-9_]+$/i.test(name) || typeof value !== 'string') throw new Error(`attribute "${name}": expected NAME: "text"`);
        setText(vm.userTemplate, name.toUpperCase(), value);
      }
      return view(vm);
    },
    setVmState: (id, state, lcmState) => {
      const vm = vmOf(id);
      setState(vm, state, lcmState ?? (state === 3 ? 3 : 0));
      return view(vm);
    },
    addServiceNode: (sid, role, id) => {
      const { r } = roleOf(sid, role);
      const vm = vmOf(id);
      if (!r.nodes.includes(vm.id)) r.nodes.push(vm.id);
      storeNodeInfo(w, r, vm.id);
      setText(vm.userTemplate, 'SERVICE_ID', String(sid));
      setText(vm.userTemplate, 'ROLE_NAME', role);
    },
    removeServiceNode: (sid, role, id) => {
      const { r } = roleOf(sid, role);
      r.nodes = r.nodes.filter((n) => n !== Number(id));
    },
    scaleRole: (sid, role, cardinality) => {
      const { sv, r } = roleOf(sid, role);
      if (!Number.isInteger(cardinality) || cardinality < 0) throw new Error(`cardinality "${cardinality}" is not a non-negative integer`);
      r.cardinality = cardinality;
      resizeNodes(w, sv, r, cardinality);
      sim.onWorldChange();
    },
  };
  return ops;
}
