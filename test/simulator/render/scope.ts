// Source-VM lookup and the scope rules shared by /vms/:id, /service, /vrouter and /vnet (get_requested_vm, onegate-server.rb l.203 at release-7.4.0).
import { halt } from '../http/error';
import { rubyError, rubyInteger, rubyToI } from '../http/ruby';
import type { Ctx } from '../http/state';
import { getText } from '../template/template';
import { flowService, OnedError, ownerOf, vmInfo, vrouterInfo } from '../world/oned';
import type { Service, User, Vm, VRouter } from '../world/types';

/** Runs an oned call; its failure becomes `status <oned message>`. */
export function oned<T>(fn: () => T, status = 404, message?: string): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OnedError) halt(status, message ?? e.message);
    throw e;
  }
}

/** The caller VM from X-ONEGATE-VMID (to_i), read as its owner; and that owner. */
export function sourceVm(ctx: Ctx, authVm: Vm): { vm: Vm; user: User | undefined } {
  const user = ownerOf(ctx.sim.world, authVm);
  const raw = ctx.headers['x-onegate-vmid'];
  const id = rubyToI(Array.isArray(raw) ? raw[0] : raw);
  return { vm: oned(() => vmInfo(ctx.sim.world, user, id)), user };
}

/** The VM named by :id: the caller itself, or a peer in the caller's Service or Virtual Router. */
export function requestedVm(ctx: Ctx, authVm: Vm, id: number): { vm: Vm; user: User | undefined } {
  const src = sourceVm(ctx, authVm);
  if (src.vm.id === id) return src;
  const w = ctx.sim.world;
  const sid = getText(src.vm.userTemplate, 'SERVICE_ID');
  const vrid = getText(src.vm.template, 'VROUTER_ID');
  if (sid !== undefined) checkVmInService(ctx, src.user, id, sid);
  else if (vrid !== undefined) checkVmInVrouter(getVrouter(ctx, src.user, vrid), id, src.vm.id);
  else halt(400, 'This VM does not belong to any Virtual Router or Service, so it cannot retrieve information from other VMs');
  return { vm: oned(() => vmInfo(w, src.user, id)), user: src.user };
}

/** The caller's Service after the membership check (check_vm_in_service, onegate-server.rb l.400). */
export function checkVmInService(ctx: Ctx, user: User | undefined, vmId: number, sid: string | undefined): Service {
  if (sid === undefined || !/^\d+$/m.test(sid)) halt(400, 'Empty or invalid SERVICE_ID');
  const id = /^\d+$/.test(sid) ? Number(sid) : -1; // "7\nx" passes Ruby's ^\d+$ but no OneFlow URL finds it
  const sv = oned(() => flowService(ctx.sim.world, user, id), 404, `Service ${sid} not found`);
  if (sv.roles === null) halt(400, `Service ${sid} is empty.`);
  const ids = sv.roles.flatMap((r) => r.nodes);
  if (!ids.includes(vmId)) halt(400, `Service ${sid} does not contain VM ${vmId}.`);
  return sv;
}

/** one.vrouter.info on the caller's VROUTER_ID. */
export function getVrouter(ctx: Ctx, user: User | undefined, vrid: string | undefined): VRouter {
  if (vrid === undefined) halt(400, 'Empty or invalid VROUTER_ID');
  const id = rubyInteger(vrid);
  if (id === null) throw rubyError('ArgumentError', `invalid value for Integer(): "${vrid}"`); // not rescued: 500
  return oned(() => vrouterInfo(ctx.sim.world, user, id), 404, `Virtual router ${id} not found`);
}

/** Both VMs must be in the router's VM list. */
export function checkVmInVrouter(vr: VRouter, requested: number, source: number): void {
  if (!vr.vms.includes(requested) || !vr.vms.includes(source)) halt(400, `Virtual Router ${vr.id} does not contain VM ${requested}.`);
}
