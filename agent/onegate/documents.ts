// Typed response documents and their normalisation (onegate-server.md §7, §14.9). OneGate turns XML into JSON
// so that a repeated element seen once is an object and an empty one is {}; the normalisers make every list
// field an array and keep everything else as the server sent it (scalars stay strings, as oned emits them).
import { OneGateError } from './errors';

/** A USER_TEMPLATE/TEMPLATE value: a string, a vector attribute (object) or a repeated attribute (array). */
export type TemplateValue = string | TemplateVector | TemplateValue[];
/** A vector attribute such as APP=[PORT=8080, PROTO=http]. */
export interface TemplateVector { [key: string]: TemplateValue }

/** A NIC or NIC_ALIAS of GET /vm, reduced by the server to these keys. */
export interface VmNic {
  IP?: string; IP6_LINK?: string; IP6_SITE?: string; IP6_GLOBAL?: string; NETWORK?: string; MAC?: string;
  /** NIC<n>, or NIC<p>_ALIAS<n> for an alias. */
  NAME?: string;
  /** The parent NIC's name, for an alias. */
  PARENT?: string;
  /** "YES" for an external alias. */
  EXTERNAL?: string;
  EXTERNAL_IP?: string;
}

/** GET /vm and GET /vms/:id. */
export interface VmDocument {
  VM: {
    NAME: string; ID: string;
    /** VM state code as a string ("3" = ACTIVE). */
    STATE: string;
    /** LCM state code as a string ("3" = RUNNING when STATE is "3"). */
    LCM_STATE: string;
    /** The whole user template except SCHED_MESSAGE. */
    USER_TEMPLATE: Record<string, TemplateValue>;
    TEMPLATE: { NIC: VmNic[]; NIC_ALIAS: VmNic[] };
  };
}

/** One VM of a service role. */
export interface ServiceNode {
  /** The VM ID, a number. */
  deploy_id: number;
  /** null on 5.12+ servers. */
  running: boolean | null;
  /** {VM:{ID,UID,GID,UNAME,GNAME,NAME}}, or with `extended` the full raw VM (list fields made arrays); may be null. */
  vm_info: { VM: Record<string, unknown> } | null;
}

/** A role of GET /service. */
export interface ServiceRole {
  name: string; cardinality: number;
  /** Role state code (2 = RUNNING). */
  state: number;
  nodes: ServiceNode[];
}

/** GET /service. */
export interface ServiceDocument {
  SERVICE: { name: string; id: string; state: number; roles: ServiceRole[] };
}

/** GET /vrouter. */
export interface VrouterDocument {
  VROUTER: {
    NAME: string; ID: string;
    /** IDs of the router's VMs, as strings (the server sends integers when the router has several VMs). */
    VMS: { ID: string[] };
    /** The full router template; NIC is always an array. */
    TEMPLATE: { NIC: TemplateVector[]; [key: string]: TemplateValue };
  };
}

/** A lease of a vnet address range; `extended` adds NIC_NAME, PARENT, EXTERNAL, BACKEND and ONEGATE_* keys. */
export interface VnetLease {
  IP?: string; MAC?: string; VM?: string; VNET?: string; VROUTER?: string; NIC_NAME?: string;
  PARENT?: string; PARENT_NETWORK_ID?: string;
  /** A JSON boolean in extended mode. */
  EXTERNAL?: boolean;
  BACKEND?: string;
  [key: string]: unknown;
}

/** An address range of a vnet. */
export interface VnetAddressRange {
  AR_ID: string; TYPE: string;
  LEASES: { LEASE: VnetLease[] };
  [key: string]: unknown;
}

/** GET /vnet/:id. */
export interface VnetDocument {
  VNET: {
    ID: string; NAME: string; USED_LEASES: string;
    VROUTERS: { ID: string[] };
    /** '' when the network has no parent (the server sends {}). */
    PARENT_NETWORK_ID: string;
    AR_POOL: { AR: VnetAddressRange[] };
    /** Only the attributes the server is configured to expose. */
    TEMPLATE: Record<string, TemplateValue>;
  };
}

/** `value` as an array: undefined/null/'' give [], an array is kept, anything else is wrapped. */
export function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null || (value as unknown) === '') return [];
  return Array.isArray(value) ? value : [value];
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectOr(value: unknown): Obj {
  return isObject(value) ? value : {};
}

function unwrap(json: unknown, wrapper: string, route: string): Obj {
  const inner = isObject(json) ? json[wrapper] : undefined;
  if (!isObject(inner)) {
    throw new OneGateError('ONEGATE_BAD_RESPONSE', `${route}: expected a JSON object {"${wrapper}":{...}}`);
  }
  return inner;
}

/** Makes each `keys` entry of `obj` an array (in a copy); `obj` may be absent. */
function withArrays(obj: unknown, keys: string[]): Obj {
  const copy: Obj = { ...objectOr(obj) };
  for (const key of keys) copy[key] = asArray(copy[key]);
  return copy;
}

/** Validates and normalises a GET /vm or /vms/:id body. */
export function normaliseVm(json: unknown, route = 'GET /vm'): VmDocument {
  const vm = unwrap(json, 'VM', route);
  return {
    VM: {
      ...vm,
      USER_TEMPLATE: objectOr(vm.USER_TEMPLATE),
      TEMPLATE: withArrays(vm.TEMPLATE, ['NIC', 'NIC_ALIAS']),
    } as VmDocument['VM'],
  };
}

/** The list fields of a raw one.vm.info hash (extended service vm_info). */
function normaliseRawVm(vmInfo: unknown): ServiceNode['vm_info'] {
  if (!isObject(vmInfo) || !isObject(vmInfo.VM)) return null;
  const vm = vmInfo.VM;
  const normalised: Obj = { ...vm };
  if (isObject(vm.TEMPLATE)) normalised.TEMPLATE = withArrays(vm.TEMPLATE, ['NIC', 'NIC_ALIAS', 'DISK']);
  if (isObject(vm.HISTORY_RECORDS)) normalised.HISTORY_RECORDS = withArrays(vm.HISTORY_RECORDS, ['HISTORY']);
  if (isObject(vm.SNAPSHOTS)) normalised.SNAPSHOTS = withArrays(vm.SNAPSHOTS, ['SNAPSHOT']);
  return { VM: normalised };
}

/** Validates and normalises a GET /service body. */
export function normaliseService(json: unknown): ServiceDocument {
  const service = unwrap(json, 'SERVICE', 'GET /service');
  const roles = asArray(service.roles as unknown).map((role) => {
    const r = objectOr(role);
    const nodes = asArray(r.nodes as unknown).map((node) => {
      const n = objectOr(node);
      return { ...n, running: n.running ?? null, vm_info: normaliseRawVm(n.vm_info) };
    });
    return { ...r, nodes };
  });
  return { SERVICE: { ...service, roles } as ServiceDocument['SERVICE'] };
}

/** An ID list as strings. The server's membership check converts VMS.ID to integers in place (Integer(vm) in
 * map! over the same array) when a router has several VMs, so one router's IDs come as strings or numbers. */
function idList(obj: unknown): { ID: string[] } {
  return { ...objectOr(obj), ID: asArray(objectOr(obj).ID as unknown).map(String) };
}

/** Validates and normalises a GET /vrouter body. */
export function normaliseVrouter(json: unknown): VrouterDocument {
  const vr = unwrap(json, 'VROUTER', 'GET /vrouter');
  return {
    VROUTER: { ...vr, VMS: idList(vr.VMS), TEMPLATE: withArrays(vr.TEMPLATE, ['NIC']) } as VrouterDocument['VROUTER'],
  };
}

/** Validates and normalises a GET /vnet/:id body. */
export function normaliseVnet(json: unknown, route = 'GET /vnet'): VnetDocument {
  const vnet = unwrap(json, 'VNET', route);
  const ars = asArray(objectOr(vnet.AR_POOL).AR as unknown).map((ar) => {
    const a = objectOr(ar);
    return { ...a, LEASES: withArrays(a.LEASES, ['LEASE']) };
  });
  const parent = typeof vnet.PARENT_NETWORK_ID === 'string' ? vnet.PARENT_NETWORK_ID : '';
  return {
    VNET: {
      ...vnet, VROUTERS: idList(vnet.VROUTERS), PARENT_NETWORK_ID: parent,
      AR_POOL: { AR: ars }, TEMPLATE: objectOr(vnet.TEMPLATE),
    } as VnetDocument['VNET'],
  };
}
