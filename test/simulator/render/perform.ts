// The perform -> OCA method table of the server (perform_action, onegate-server.rb l.228 at release-7.4.0), run against the simulated oned.
// chown/resize/saveas always fail on the real server (wrong arity, removed method) and do here too.
import { halt } from '../http/error';
import { rubyError, rubyToI } from '../http/ruby';
import { rubyToS, rubyTruthy } from '../http/ruby-json';
import { parseTemplate, TemplateSyntaxError } from '../template/parse';
import { getAll } from '../template/template';
import { OnedError, type Op, vmManage } from '../world/oned';
import type { User, Vm, World } from '../world/types';
import { record, stateName, vmAction, vmDeploy, vmMigrate } from '../world/vm-actions';

type Perform = (vm: Vm, params: unknown) => void;

const simple =
  (name: string): Perform =>
  (vm) =>
    vmAction(vm, name);
const hardable =
  (name: string): Perform =>
  (vm, p) =>
    vmAction(vm, rubyTruthy(p) ? `${name}-hard` : name);

// perform -> [oned method for permission errors, operation class, implementation]
const TABLE: Record<string, [string, Op, Perform]> = {
  deploy: ['one.vm.deploy', 'ADMIN', (vm, p) => vmDeploy(vm, rubyToI(rubyToS(p)))],
  hold: ['one.vm.action', 'MANAGE', simple('hold')],
  livemigrate: ['one.vm.migrate', 'ADMIN', (vm, p) => vmMigrate(vm, rubyToI(rubyToS(p)), true)],
  migrate: ['one.vm.migrate', 'ADMIN', (vm, p) => vmMigrate(vm, rubyToI(rubyToS(p)), false)],
  resume: ['one.vm.action', 'MANAGE', simple('resume')],
  release: ['one.vm.action', 'MANAGE', simple('release')],
  stop: ['one.vm.action', 'MANAGE', simple('stop')],
  suspend: ['one.vm.action', 'MANAGE', simple('suspend')],
  snapshot_create: ['one.vm.snapshotcreate', 'MANAGE', snapshotCreate],
  snapshot_revert: ['one.vm.snapshotrevert', 'MANAGE', (vm, p) => snapshotOp(vm, p, 'snapshot-revert')],
  snapshot_delete: ['one.vm.snapshotdelete', 'MANAGE', (vm, p) => snapshotOp(vm, p, 'snapshot-delete')],
  terminate: ['one.vm.action', 'MANAGE', hardable('terminate')],
  reboot: ['one.vm.action', 'MANAGE', hardable('reboot')],
  poweroff: ['one.vm.action', 'MANAGE', hardable('poweroff')],
  chmod: [
    'one.vm.chmod',
    'MANAGE',
    (vm, p) => {
      vm.perms = rubyToS(p).padStart(3, '0').slice(-3);
      record(vm, 'chmod', p);
    },
  ],
  attachdisk: ['one.vm.attach', 'MANAGE', (vm, p) => attach(vm, p, ['DISK'], 'DISK_ID', 'disk-attach')],
  detachdisk: ['one.vm.detach', 'MANAGE', (vm, p) => detach(vm, p, ['DISK'], 'DISK_ID', 'disk-detach')],
  attachnic: ['one.vm.attachnic', 'MANAGE', (vm, p) => attach(vm, p, ['NIC', 'NIC_ALIAS'], 'NIC_ID', 'nic-attach')],
  detachnic: ['one.vm.detachnic', 'MANAGE', (vm, p) => detach(vm, p, ['NIC', 'NIC_ALIAS'], 'NIC_ID', 'nic-detach')],
  rename: [
    'one.vm.rename',
    'MANAGE',
    (vm, p) => {
      vm.name = rubyToS(p);
      record(vm, 'rename', p);
    },
  ],
  undeploy: ['one.vm.action', 'MANAGE', hardable('undeploy')],
  resched: ['one.vm.action', 'ADMIN', simple('resched')],
  unresched: ['one.vm.action', 'ADMIN', simple('unresched')],
  recover: ['one.vm.recover', 'ADMIN', (vm, p) => record(vm, 'recover', rubyToI(rubyToS(p)))],
  delete: ['one.vm.action', 'MANAGE', (vm) => vmAction(vm, 'terminate-hard')],
  shutdown: ['one.vm.action', 'MANAGE', hardable('terminate')],
};

const BROKEN: Record<string, string> = {
  chown: 'wrong number of arguments (given 1, expected 2)',
  resize: 'wrong number of arguments (given 1, expected 2)',
  saveas: "undefined method 'save_as' for an instance of OpenNebula::VirtualMachine",
};

/** Runs `perform` on `vm` as `user`; oned failures become 500 with oned's message. */
export function performAction(world: World, user: User | undefined, vm: Vm, perform: unknown, params: unknown): void {
  const name = typeof perform === 'string' ? perform : '';
  if (BROKEN[name]) throw rubyError(name === 'saveas' ? 'NoMethodError' : 'ArgumentError', BROKEN[name]);
  const entry = TABLE[name];
  if (!entry) halt(500, `${rubyToS(perform)} action not  available for this resource`);
  try {
    vmManage(world, user, vm.id, entry[0], entry[1]);
    entry[2](vm, params);
  } catch (e) {
    if (e instanceof OnedError) halt(500, e.message);
    throw e;
  }
}

function snapshotCreate(vm: Vm, p: unknown): void {
  if (!(vm.state === 3 && vm.lcmState === 3))
    throw new OnedError(
      `[one.vm.snapshotcreate] Error performing action "snapshot-create": This action is not available for state ${stateName(vm)}`,
    );
  const id = nextId(vm, ['SNAPSHOT'], 'SNAPSHOT_ID');
  const name = rubyToS(p) || `snapshot-${id}`;
  vm.template.pairs.push([
    'SNAPSHOT',
    {
      ACTIVE: 'YES',
      HYPERVISOR_ID: `snap-${id}`,
      NAME: name,
      SNAPSHOT_ID: String(id),
      SYSTEM_DISK_SIZE: '0',
      TIME: String(Math.floor(Date.now() / 1000)),
    },
  ]);
  record(vm, 'snapshot-create', name);
}

function snapshotOp(vm: Vm, p: unknown, what: string): void {
  const id = String(rubyToI(rubyToS(p)));
  const has = getAll(vm.template, 'SNAPSHOT').some((s) => typeof s === 'object' && s.SNAPSHOT_ID === id);
  if (!has) throw new OnedError(`[one.vm.${what.replace('-', '')}] Error performing action "${what}": Snapshot ${id} does not exist`);
  if (what === 'snapshot-delete')
    vm.template.pairs = vm.template.pairs.filter(([n, v]) => !(n === 'SNAPSHOT' && typeof v === 'object' && v.SNAPSHOT_ID === id));
  record(vm, what, Number(id));
}

function attach(vm: Vm, p: unknown, kinds: string[], idKey: string, what: string): void {
  let pairs: ReturnType<typeof parseTemplate>['pairs'];
  try {
    pairs = parseTemplate(rubyToS(p)).pairs.filter(([n, v]) => kinds.includes(n) && typeof v === 'object');
  } catch (e) {
    if (e instanceof TemplateSyntaxError) throw new OnedError(`[one.vm.${what.startsWith('disk') ? 'attach' : 'attachnic'}] ${e.message}`);
    throw e;
  }
  if (pairs.length === 0) throw new OnedError(`[one.vm.${what.startsWith('disk') ? 'attach' : 'attachnic'}] No ${kinds[0]} in template`);
  const [kind, value] = pairs[0];
  const attr = { ...(value as Record<string, string>), [idKey]: String(nextId(vm, kinds, idKey)) };
  if (kind !== 'DISK' && attr.NAME === undefined)
    attr.NAME = kind === 'NIC' ? `NIC${attr[idKey]}` : `${attr.PARENT ?? 'NIC0'}_ALIAS${attr[idKey]}`;
  vm.template.pairs.push([kind, attr]);
  record(vm, what, attr);
}

function detach(vm: Vm, p: unknown, kinds: string[], idKey: string, what: string): void {
  const id = String(rubyToI(rubyToS(p)));
  const before = vm.template.pairs.length;
  vm.template.pairs = vm.template.pairs.filter(([n, v]) => !(kinds.includes(n) && typeof v === 'object' && v[idKey] === id));
  if (vm.template.pairs.length === before)
    throw new OnedError(`[one.vm.${what.startsWith('disk') ? 'detach' : 'detachnic'}] VM ${vm.id}: ${kinds[0]} ${id} does not exist`);
  record(vm, what, Number(id));
}

function nextId(vm: Vm, kinds: string[], idKey: string): number {
  const ids = kinds.flatMap((k) => getAll(vm.template, k)).map((v) => (typeof v === 'object' ? Number(v[idKey] ?? -1) : -1));
  return Math.max(-1, ...ids) + 1;
}
