// OneGate's token check (src/cloud/common/CloudAuth/OneGateCloudAuth.rb at release-7.4.0): serveradmin looks up the VM and its creator; the token must
// decrypt to "<ID>:<STIME>" with the creator's TOKEN_PASSWORD. Every failure is "401 Not authorized";
// the reason is only logged.
import type { Logger } from '../../../agent/log';
import { getText } from '../template/template';
import { decryptToken } from '../world/token';
import type { Vm, World } from '../world/types';
import { HttpError } from './error';
import { rubyToI } from './ruby';

/** Checks the token headers; returns the authenticated VM (as serveradmin sees it) or throws 401. */
export function authenticate(
  world: World,
  headers: Record<string, string | string[] | undefined>,
  idParam: string | undefined,
  log: Logger,
): Vm {
  const reason = check(world, header(headers, 'x-onegate-token'), header(headers, 'x-onegate-vmid') ?? idParam);
  if (typeof reason === 'string') {
    log.info(`Unauthorized login attempt: ${reason}`);
    throw new HttpError(401, 'Not authorized');
  }
  return reason;
}

function check(world: World, token: string | undefined, vmid: string | undefined): Vm | string {
  if (token === undefined) return 'X_ONEGATE_TOKEN header not preset';
  if (vmid === undefined) return 'X_ONEGATE_VMID header not preset';
  const vm = world.vms.get(rubyToI(vmid));
  if (!vm) return `VMID:${vmid} vm.info error: [one.vm.info] Error getting virtual machine [${rubyToI(vmid)}].`;
  const createdBy = getText(vm.template, 'CREATED_BY');
  if (createdBy === undefined) return `VMID:${vmid} CREATED_BY not present in the VM TEMPLATE`;
  const user = world.users.get(rubyToI(createdBy));
  if (!user) return `VMID:${vmid} user.info error: [one.user.info] Error getting user [${createdBy}].`;
  const password = getText(user.template, 'TOKEN_PASSWORD');
  if (password === undefined) return `VMID:${vmid} TOKEN_PASSWORD not present in the USER:${createdBy} TEMPLATE`;
  let plain: string;
  try {
    plain = decryptToken(password, token);
  } catch (e) {
    return `VMID:${vmid} token decrypt error: ${(e as Error).message}`;
  }
  const [id, stime] = plain.split(':');
  if (id !== String(vm.id) || stime !== String(vm.stime)) return `VMID:${vmid} token content does not match`;
  return vm;
}

/** One request header as a string (the first when repeated). */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
