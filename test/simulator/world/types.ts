// The in-memory oned + OneFlow state the simulator serves. Numbers are numbers here; rendering
// turns them into the strings oned's XML would carry.
import type { Template } from '../template/template';

/** Owner/group/other permission bits as an octal string, e.g. "640". */
export type Perms = string;

/** An OpenNebula user. */
export interface User {
  /** User ID. */ id: number;
  /** Login name (UNAME of the objects it owns). */ name: string;
  /** Primary group. */ gid: number;
  /** User template; TOKEN_PASSWORD signs the tokens of the VMs it created. */ template: Template;
}

/** One performed action, for the control API. */
export interface ActionRecord {
  at: number;
  action: string;
  params?: unknown;
  state: number;
  lcmState: number;
}
/** One PUT applied to the user template, for the control API. */
export interface UpdateRecord {
  at: number;
  mode: 'merge' | 'erase';
  text: string;
}

/** A virtual machine. */
export interface Vm {
  /** VM ID. */ id: number;
  /** VM name. */ name: string;
  /** Owner. */ uid: number;
  /** Group. */ gid: number;
  /** Permission bits. */ perms: Perms;
  /** VM STATE (3 ACTIVE, 8 POWEROFF, ...). */ state: number;
  /** LCM_STATE (3 RUNNING). */ lcmState: number;
  /** STATE and LCM_STATE before the last change (PREV_STATE, PREV_LCM_STATE). */ prevState: number;
  prevLcmState: number;
  /** Start time in epoch seconds; part of the token plaintext. */ stime: number;
  /** End time, 0 while alive. */ etime: number;
  /** RESCHED flag. */ resched: number;
  /** Host the VM runs on, if any. */ host?: { hostname: string; hid: number };
  /** TEMPLATE (NIC, NIC_ALIAS, CONTEXT, CREATED_BY, VROUTER_ID, ...). */ template: Template;
  /** USER_TEMPLATE, what PUT /vm writes. */ userTemplate: Template;
  /** MONITORING (GUEST_IP etc.). */ monitoring: Template;
  /** Actions performed through OneGate. */ actions: ActionRecord[];
  /** Updates applied through OneGate. */ updates: UpdateRecord[];
}

/** A virtual router. */
export interface VRouter {
  id: number;
  name: string;
  uid: number;
  gid: number;
  perms: Perms;
  vms: number[];
  template: Template;
}

/** An address range; `leases` are explicit extra leases (e.g. reservations), others are derived from NICs. */
export interface AddressRange {
  attrs: Record<string, string>;
  leases: Record<string, string>[];
}

/** A virtual network. */
export interface VNet {
  id: number;
  name: string;
  uid: number;
  gid: number;
  perms: Perms;
  /** Parent network of a reservation, or null. */ parent: number | null;
  template: Template;
  ars: AddressRange[];
}

/** A OneFlow role. */
export interface Role {
  name: string;
  /** OneFlow 7 role type: "vm", or "vr" for a virtual router (its VMs are the nodes; no cardinality change). */ type: 'vm' | 'vr';
  cardinality: number;
  state: number;
  vmTemplate: number;
  minVms?: number;
  maxVms?: number;
  /** VM IDs of the role's nodes. */ nodes: number[];
  /** The vm_info OneFlow stored per node when it was added (it is not refreshed, e.g. after a rename). */ vmInfo: Map<number, unknown>;
}

/** A OneFlow service. */
export interface Service {
  id: number;
  name: string;
  uid: number;
  gid: number;
  perms: Perms;
  state: number;
  /** Roles; null when the OneFlow document has none ("Service <id> is empty."). */ roles: Role[] | null;
}

/** Everything the simulator knows. */
export interface World {
  groups: Map<number, string>;
  users: Map<number, User>;
  vms: Map<number, Vm>;
  vrouters: Map<number, VRouter>;
  vnets: Map<number, VNet>;
  services: Map<number, Service>;
}
