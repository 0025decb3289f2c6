// VM documents: the filtered GET /vm view (build_vm_hash, onegate-server.rb l.629 at release-7.4.0) and the raw one.vm.info hash used by
// extended service views. Every oned scalar is a string.

import type { Switches } from '../config/switches';
import { getAll, getText, sortedObject, templateToHash } from '../template/template';
import { gname, uname } from '../world/oned';
import type { Vm, World } from '../world/types';

const NIC_VALID_KEYS = new Set(['IP', 'IP6_LINK', 'IP6_SITE', 'IP6_GLOBAL', 'NETWORK', 'MAC', 'NAME', 'PARENT', 'EXTERNAL', 'EXTERNAL_IP']);
const USER_TEMPLATE_INVALID_KEYS = new Set(['SCHED_MESSAGE']);
// OpenNebula::VirtualMachine::EXTERNAL_IP_ATTRS, appended as NICs up to 6.10.
const EXTERNAL_IP_ATTRS = [
  'GUEST_IP',
  'AWS_IP_ADDRESS',
  'AWS_PUBLIC_IP_ADDRESS',
  'AWS_PRIVATE_IP_ADDRESS',
  'AZ_IPADDRESS',
  'SL_PRIMARYIPADDRESS',
];

function filteredNics(vm: Vm, name: string): Record<string, string>[] {
  return getAll(vm.template, name)
    .filter((v) => typeof v === 'object')
    .map((nic) => Object.fromEntries(Object.entries(sortedObject(nic as Record<string, string>)).filter(([k]) => NIC_VALID_KEYS.has(k))));
}

/** {"VM":{NAME,ID,STATE,LCM_STATE,USER_TEMPLATE,TEMPLATE:{NIC,NIC_ALIAS}}} as OneGate builds it. */
export function vmView(vm: Vm, sw: Pick<Switches, 'monitoringNics'>): Record<string, unknown> {
  const nics = filteredNics(vm, 'NIC');
  if (sw.monitoringNics) {
    for (const attr of EXTERNAL_IP_ATTRS) {
      const ip = getText(vm.monitoring, attr);
      if (ip !== undefined) nics.push({ IP: ip });
    }
  }
  const user = templateToHash(vm.userTemplate);
  for (const k of USER_TEMPLATE_INVALID_KEYS) delete user[k];
  return {
    VM: {
      NAME: vm.name,
      ID: String(vm.id),
      STATE: String(vm.state),
      LCM_STATE: String(vm.lcmState),
      USER_TEMPLATE: user,
      TEMPLATE: { NIC: nics, NIC_ALIAS: filteredNics(vm, 'NIC_ALIAS') },
    },
  };
}

const PERM_KEYS = ['OWNER_U', 'OWNER_M', 'OWNER_A', 'GROUP_U', 'GROUP_M', 'GROUP_A', 'OTHER_U', 'OTHER_M', 'OTHER_A'];

/** PERMISSIONS as oned prints them. */
export function permissionsHash(perms: string): Record<string, string> {
  const digits = perms.padStart(3, '0').slice(-3).split('').map(Number);
  return Object.fromEntries(PERM_KEYS.map((k, i) => [k, String((digits[Math.floor(i / 3)] >> (2 - (i % 3))) & 1)]));
}

/** The head of every VM document oned writes, and all that OneFlow keeps of a node: ID, owner, group, name. */
export function vmIdentity(world: World, vm: Vm): Record<string, string> {
  return {
    ID: String(vm.id),
    UID: String(vm.uid),
    GID: String(vm.gid),
    UNAME: uname(world, vm.uid),
    GNAME: gname(world, vm.gid),
    NAME: vm.name,
  };
}

/** The whole one.vm.info document as the Ruby OCA's to_hash gives it (unfiltered, not normalised). */
export function rawVmHash(world: World, vm: Vm, sw: Pick<Switches, 'oned7Documents'>): Record<string, unknown> {
  const history = vm.host
    ? {
        HISTORY: {
          OID: String(vm.id),
          SEQ: '0',
          HOSTNAME: vm.host.hostname,
          HID: String(vm.host.hid),
          CID: '0',
          STIME: String(vm.stime),
          ETIME: '0',
          VM_MAD: 'kvm',
          TM_MAD: 'ssh',
          DS_ID: '0',
          ...(sw.oned7Documents ? { PLAN_ID: '-2', ACTION_ID: '-1' } : {}),
          PSTIME: String(vm.stime),
          PETIME: String(vm.stime),
          RSTIME: String(vm.stime),
          RETIME: '0',
          ESTIME: '0',
          EETIME: '0',
          ACTION: '0',
          UID: '-1',
          GID: '-1',
          REQUEST_ID: '-1',
        },
      }
    : {};
  const alive = vm.state === 3 || vm.state === 5 || vm.state === 8;
  return {
    VM: {
      ...vmIdentity(world, vm),
      PERMISSIONS: permissionsHash(vm.perms),
      LAST_POLL: '0',
      STATE: String(vm.state),
      LCM_STATE: String(vm.lcmState),
      PREV_STATE: String(vm.prevState),
      PREV_LCM_STATE: String(vm.prevLcmState),
      RESCHED: String(vm.resched),
      STIME: String(vm.stime),
      ETIME: String(vm.etime),
      DEPLOY_ID: alive ? `one-${vm.id}` : {},
      MONITORING: sw.oned7Documents ? withoutGuestIp(templateToHash(vm.monitoring)) : templateToHash(vm.monitoring),
      SCHED_ACTIONS: {},
      TEMPLATE: templateToHash(vm.template),
      USER_TEMPLATE: templateToHash(vm.userTemplate),
      HISTORY_RECORDS: history,
      BACKUPS: { BACKUP_CONFIG: {}, BACKUP_IDS: {} },
    },
  };
}

// No oned 7 driver reports GUEST_IP or GUEST_IP_ADDRESSES (only 6.x's vCenter driver did).
const withoutGuestIp = (monitoring: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(monitoring).filter(([k]) => !k.startsWith('GUEST_IP')));
