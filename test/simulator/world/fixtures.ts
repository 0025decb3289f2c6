// Fixture files (YAML, the reference harness's format) -> World. Every scalar is read as a string
// (failsafe schema: YES, 0600 and 1.0 stay as written), then converted where a number is meant.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import type { Switches } from '../config/switches';
import { storeNodeInfo } from '../render/service-view';
import { getText, setText, templateFrom } from '../template/template';
import type { AddressRange, Role, Service, User, Vm, VNet, VRouter, World } from './types';

// Where the default world is: beside the bundle dist/onegate-sim.cjs (the npm package's onegate-sim,
// copied there by scripts/build.mjs), else in the source tree.
const defaultWorlds = [
  join(__dirname, 'onegate-sim', 'default.yaml'),
  join(__dirname, '..', '..', 'fixtures', 'simulator', 'default.yaml'),
];

/** The default fixture shipped with the simulator. */
export const DEFAULT_FIXTURES = defaultWorlds.find((path) => existsSync(path)) ?? defaultWorlds[1];

type Obj = Record<string, unknown>;

/** Reads a fixture file, or takes an already parsed object; `where` names it in errors. */
export function loadFixtures(source: string | object = DEFAULT_FIXTURES): World {
  const where = typeof source === 'string' ? source : 'fixtures object';
  const doc = typeof source === 'string' ? load(readFileSync(source, 'utf8'), { schema: FAILSAFE_SCHEMA, filename: source }) : source;
  if (!isObj(doc)) throw new Error(`${where}: not a YAML map`);
  const world: World = { groups: new Map(), users: new Map(), vms: new Map(), vrouters: new Map(), vnets: new Map(), services: new Map() };
  for (const [k, v] of Object.entries(isObj(doc.groups) ? doc.groups : { 0: 'oneadmin', 1: 'users' }))
    world.groups.set(int(k, `${where}: groups`), String(v));
  each(doc.users, where, 'users', (u, at) => world.users.set(int(u.id, at + '.id'), buildUser(u, at)));
  each(doc.vms, where, 'vms', (v, at) => world.vms.set(int(v.id, at + '.id'), buildVm(v, at, world)));
  each(doc.vrouters, where, 'vrouters', (r, at) => world.vrouters.set(int(r.id, at + '.id'), buildVRouter(r, at, world)));
  each(doc.vnets, where, 'vnets', (n, at) => world.vnets.set(int(n.id, at + '.id'), buildVNet(n, at, world)));
  each(doc.services, where, 'services', (s, at) => world.services.set(int(s.id, at + '.id'), buildService(s, at, world)));
  return world;
}

function buildUser(u: Obj, at: string): User {
  return {
    id: int(u.id, at + '.id'),
    name: str(u.name, at + '.name'),
    gid: int(u.gid ?? '1', at + '.gid'),
    template: templateFrom(u.template),
  };
}

/** Builds a VM from its fixture entry; exported for the control API's "add VM". */
export function buildVm(v: Obj, at: string, world: World): Vm {
  const id = int(v.id, at + '.id');
  const uid = int(v.uid ?? '0', at + '.uid');
  const state = int(v.state ?? '3', at + '.state');
  const template = templateFrom(v.template);
  if (getText(template, 'VMID') === undefined) setText(template, 'VMID', String(id));
  nameNics(template.pairs);
  const host = isObj(v.host) ? { hostname: String(v.host.hostname ?? 'node1'), hid: int(v.host.hid ?? '0', at + '.host.hid') } : undefined;
  const lcmState = int(v.lcm_state ?? (state === 3 ? '3' : '0'), at + '.lcm_state');
  return {
    id,
    name: str(v.name ?? `vm-${id}`, at + '.name'),
    uid,
    gid: int(v.gid ?? String(world.users.get(uid)?.gid ?? 0), at + '.gid'),
    perms: String(v.permissions ?? '600'),
    state,
    lcmState,
    prevState: state,
    prevLcmState: lcmState,
    stime: int(v.stime ?? String(Math.floor(Date.now() / 1000)), at + '.stime'),
    etime: int(v.etime ?? '0', at + '.etime'),
    resched: 0,
    host,
    template,
    userTemplate: templateFrom(v.user_template),
    monitoring: templateFrom(v.monitoring),
    actions: [],
    updates: [],
  };
}

// oned names every NIC "NIC<id>" and every alias "<parent>_ALIAS<id>" when the template has no NAME.
function nameNics(pairs: [string, unknown][]): void {
  for (const [n, v] of pairs) {
    if ((n !== 'NIC' && n !== 'NIC_ALIAS') || typeof v !== 'object' || v === null) continue;
    const nic = v as Record<string, string>;
    if (nic.NAME === undefined && nic.NIC_ID !== undefined)
      nic.NAME = n === 'NIC' ? `NIC${nic.NIC_ID}` : `${nic.PARENT ?? 'NIC0'}_ALIAS${nic.NIC_ID}`;
  }
}

function buildVRouter(r: Obj, at: string, world: World): VRouter {
  const uid = int(r.uid ?? '0', at + '.uid');
  return {
    id: int(r.id, at + '.id'),
    name: str(r.name, at + '.name'),
    uid,
    gid: int(r.gid ?? String(world.users.get(uid)?.gid ?? 0), at + '.gid'),
    perms: String(r.permissions ?? '600'),
    vms: list(r.vms, at + '.vms').map((x, i) => int(x, `${at}.vms[${i}]`)),
    template: templateFrom(r.template),
  };
}

function buildVNet(n: Obj, at: string, world: World): VNet {
  const uid = int(n.uid ?? '0', at + '.uid');
  const ars: AddressRange[] = list(n.ars, at + '.ars').map((ar, i) => {
    if (!isObj(ar)) throw new Error(`${at}.ars[${i}]: must be a map`);
    const attrs: Record<string, string> = {};
    for (const [k, x] of Object.entries(ar)) if (k !== 'leases') attrs[k] = String(x ?? '');
    const leases = list(ar.leases, `${at}.ars[${i}].leases`).map((le) =>
      Object.fromEntries(Object.entries(le as Obj).map(([k, x]) => [k, String(x ?? '')])),
    );
    return { attrs, leases };
  });
  const parent =
    n.parent_network_id === undefined || n.parent_network_id === null || n.parent_network_id === ''
      ? null
      : int(n.parent_network_id, at + '.parent_network_id');
  return {
    id: int(n.id, at + '.id'),
    name: str(n.name, at + '.name'),
    uid,
    gid: int(n.gid ?? String(world.users.get(uid)?.gid ?? 0), at + '.gid'),
    perms: String(n.permissions ?? '604'),
    parent,
    template: templateFrom(n.template),
    ars,
  };
}

function buildService(s: Obj, at: string, world: World): Service {
  const uid = int(s.uid ?? '0', at + '.uid');
  const roles: Role[] | null =
    s.roles === undefined || s.roles === null
      ? null
      : list(s.roles, at + '.roles').map((r, i) => {
          const rat = `${at}.roles[${i}]`;
          if (!isObj(r)) throw new Error(`${rat}: must be a map`);
          const nodes = list(r.nodes, rat + '.nodes').map((x, j) => int(x, `${rat}.nodes[${j}]`));
          const type = r.type ?? 'vm';
          if (type !== 'vm' && type !== 'vr') throw new Error(`${rat}.type: "${String(type)}" is not vm or vr`);
          return {
            name: str(r.name, rat + '.name'),
            type,
            cardinality: int(r.cardinality ?? String(nodes.length), rat + '.cardinality'),
            state: int(r.state ?? '2', rat + '.state'),
            vmTemplate: int(r.vm_template ?? '0', rat + '.vm_template'),
            minVms: opt(r.min_vms, rat + '.min_vms'),
            maxVms: opt(r.max_vms, rat + '.max_vms'),
            nodes,
            vmInfo: new Map(),
          };
        });
  for (const role of roles ?? []) for (const id of role.nodes) storeNodeInfo(world, role, id);
  return {
    id: int(s.id, at + '.id'),
    name: str(s.name, at + '.name'),
    uid,
    gid: int(s.gid ?? String(world.users.get(uid)?.gid ?? 0), at + '.gid'),
    perms: String(s.permissions ?? '600'),
    state: int(s.state ?? '2', at + '.state'),
    roles,
  };
}

function each(value: unknown, where: string, key: string, fn: (o: Obj, at: string) => void): void {
  list(value, `${where}: ${key}`).forEach((o, i) => {
    if (!isObj(o)) throw new Error(`${where}: ${key}[${i}] must be a map`);
    fn(o, `${where}: ${key}[${i}]`);
  });
}

function list(value: unknown, at: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${at}: must be a list`);
  return value;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const opt = (v: unknown, at: string): number | undefined => (v === undefined || v === null || v === '' ? undefined : int(v, at));

function int(v: unknown, at: string): number {
  const s = String(v ?? '');
  if (!/^-?\d+$/.test(s.trim())) throw new Error(`${at}: "${s}" is not an integer`);
  return Number(s.trim());
}

function str(v: unknown, at: string): string {
  if (v === undefined || v === null || typeof v === 'object') throw new Error(`${at}: missing or not a string`);
  return String(v);
}

/** Refuses what the imitated version cannot have: a virtual-router role without OneFlow 7 (switch vr_roles). */
export function checkWorldForVersion(world: World, sw: Pick<Switches, 'version' | 'vrRoles'>, where: string): void {
  if (sw.vrRoles) return;
  for (const sv of world.services.values())
    for (const role of sv.roles ?? [])
      if (role.type === 'vr')
        throw new Error(
          `${where}: service ${sv.id} role ${role.name}: type vr (a virtual-router role) needs OneFlow 7 (:simulator: :vr_roles:); this simulator imitates ${sw.version}`,
        );
}
