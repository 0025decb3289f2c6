// What oned does for one.vm.action and the other VM calls OneGate makes: state checks with oned's
// error texts and plausible STATE/LCM_STATE results (XML-RPC numbers: ACTIVE 3, POWEROFF 8, ...).
import { OnedError } from './oned';
import type { Vm } from './types';

const STATES = [
  'INIT',
  'PENDING',
  'HOLD',
  'ACTIVE',
  'STOPPED',
  'SUSPENDED',
  'DONE',
  'FAILED',
  'POWEROFF',
  'UNDEPLOYED',
  'CLONING',
  'CLONING_FAILURE',
];
const LCM = [
  'LCM_INIT',
  'PROLOG',
  'BOOT',
  'RUNNING',
  'MIGRATE',
  'SAVE_STOP',
  'SAVE_SUSPEND',
  'SAVE_MIGRATE',
  'PROLOG_MIGRATE',
  'PROLOG_RESUME',
  'EPILOG_STOP',
  'EPILOG',
  'SHUTDOWN',
  'CANCEL',
  'FAILURE',
  'CLEANUP_RESUBMIT',
  'UNKNOWN',
  'HOTPLUG',
];

/** "RUNNING", "POWEROFF", ... as oned names the state in errors. */
export function stateName(vm: Vm): string {
  return vm.state === 3 ? (LCM[vm.lcmState] ?? 'ACTIVE') : (STATES[vm.state] ?? String(vm.state));
}

const running = (vm: Vm): boolean => vm.state === 3 && (vm.lcmState === 3 || vm.lcmState === 16);

// action -> [allowed in this state?, resulting [STATE, LCM_STATE] or null to keep it]
const RULES: Record<string, [(vm: Vm) => boolean, (vm: Vm) => [number, number] | null]> = {
  terminate: [(vm) => vm.state !== 3 || running(vm), () => [6, 0]],
  undeploy: [(vm) => running(vm) || vm.state === 8, () => [9, 0]],
  poweroff: [running, () => [8, 0]],
  reboot: [running, () => null],
  hold: [(vm) => vm.state === 1, () => [2, 0]],
  release: [(vm) => vm.state === 2, () => [1, 0]],
  stop: [running, () => [4, 0]],
  suspend: [running, () => [5, 0]],
  resume: [(vm) => [4, 5, 8, 9].includes(vm.state), (vm) => (vm.state === 4 || vm.state === 9 ? [1, 0] : [3, 3])],
  resched: [(vm) => running(vm) || vm.state === 8, () => null],
  unresched: [(vm) => running(vm) || vm.state === 8, () => null],
};

/** one.vm.action(name, id): changes the state or throws oned's message. */
export function vmAction(vm: Vm, name: string): void {
  const base = name.replace(/-hard$/, '');
  const rule = RULES[base];
  if (!rule) throw new OnedError(`[one.vm.action] Action "${name}" is not supported`);
  if (base === 'terminate' && vm.state === 6) {
    record(vm, name);
    return;
  }
  if (!rule[0](vm)) {
    const detail =
      base === 'terminate'
        ? `Could not terminate VM ${vm.id}, wrong state ${stateName(vm)}.`
        : `This action is not available for state ${stateName(vm)}`;
    throw new OnedError(`[one.vm.action] Error performing action "${name}": ${detail}`);
  }
  const next = rule[1](vm);
  if (next) setState(vm, ...next);
  if (base === 'terminate') vm.etime = Math.floor(Date.now() / 1000);
  if (base === 'resched' || base === 'unresched') vm.resched = base === 'resched' ? 1 : 0;
  record(vm, name);
}

/** Changes STATE and LCM_STATE, keeping the previous pair as oned does. */
export function setState(vm: Vm, state: number, lcmState: number): void {
  [vm.prevState, vm.prevLcmState] = [vm.state, vm.lcmState];
  [vm.state, vm.lcmState] = [state, lcmState];
}

/** Adds an entry to the VM's action log. */
export function record(vm: Vm, action: string, params?: unknown): void {
  vm.actions.push({ at: Date.now(), action, params, state: vm.state, lcmState: vm.lcmState });
}

/** one.vm.deploy: PENDING or HOLD -> RUNNING on the host. */
export function vmDeploy(vm: Vm, host: number): void {
  if (vm.state !== 1 && vm.state !== 2) throw new OnedError(`[one.vm.deploy] Deploy action is not available for state ${stateName(vm)}`);
  setState(vm, 3, 3);
  vm.host = { hostname: `host${host}`, hid: host };
  record(vm, 'deploy', host);
}

/** one.vm.migrate: RUNNING, SUSPENDED or POWEROFF VMs move host. */
export function vmMigrate(vm: Vm, host: number, live: boolean): void {
  if (!(running(vm) || vm.state === 5 || vm.state === 8))
    throw new OnedError(`[one.vm.migrate] Migrate action is not available for state ${stateName(vm)}`);
  vm.host = { hostname: `host${host}`, hid: host };
  record(vm, live ? 'live-migrate' : 'migrate', host);
}
