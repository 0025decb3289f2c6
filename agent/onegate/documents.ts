// Typed response documents and their normalisation (docs/onegate-protocol.md, "Response documents"). OneGate turns XML into JSON
// so that a repeated element seen once is an object and an empty one is {}; the normalisers make every list
// field an array and keep everything else as the server sent it (scalars stay strings, as oned emits them).
import type { RootDocument, ServiceDocument, ServiceNode, VmDocument, VnetDocument, VrouterDocument } from './document-types';
import { OneGateError } from './errors';

export type {
  RootDocument,
  ServiceDocument,
  ServiceNode,
  ServiceRole,
  TemplateValue,
  TemplateVector,
  VmDocument,
  VmNic,
  VnetAddressRange,
  VnetDocument,
  VnetLease,
  VrouterDocument,
} from './document-types';

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

/** The object under a document's wrapper key (VM, SERVICE, VROUTER, VNET), or undefined when there is none. */
export function innerOf(json: unknown, wrapper: string): Obj | undefined {
  const inner = isObject(json) ? json[wrapper] : undefined;
  return isObject(inner) ? inner : undefined;
}

function unwrap(json: unknown, wrapper: string, route: string): Obj {
  const inner = innerOf(json, wrapper);
  if (!inner) {
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

/** Validates a GET / body. */
export function normaliseRoot(json: unknown): RootDocument {
  if (!isObject(json) || typeof json.vm_info !== 'string' || typeof json.service_info !== 'string') {
    throw new OneGateError('ONEGATE_BAD_RESPONSE', 'GET /: expected a JSON object {"vm_info":"...","service_info":"..."}');
  }
  return { ...json, vm_info: json.vm_info, service_info: json.service_info };
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
      ...vnet,
      VROUTERS: idList(vnet.VROUTERS),
      PARENT_NETWORK_ID: parent,
      AR_POOL: { AR: ars },
      TEMPLATE: objectOr(vnet.TEMPLATE),
    } as VnetDocument['VNET'],
  };
}
