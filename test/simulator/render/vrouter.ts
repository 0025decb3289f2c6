// GET /vrouter and GET /vnet/:id (onegate-server.rb l.930, l.950, check_vnet_in_vrouter l.457 at release-7.4.0).
import { halt } from '../http/error';
import { rubyInteger } from '../http/ruby';
import type { Ctx, Handler } from '../http/state';
import { getAll, getText, templateToHash } from '../template/template';
import { vnetInfo } from '../world/oned';
import type { User, VNet, VRouter } from '../world/types';
import { vnetHash } from '../world/vnet';
import { checkVmInVrouter, getVrouter, oned, sourceVm } from './scope';
import { extendLeases, vnetView } from './vnet-view';

export const vrouterShow: Handler = (ctx, authVm) => {
  const { vm, user } = sourceVm(ctx, authVm);
  const vr = getVrouter(ctx, user, getText(vm.template, 'VROUTER_ID'));
  checkVmInVrouter(vr, vm.id, vm.id);
  const template = templateToHash(vr.template);
  template.NIC = getAll(vr.template, 'NIC').length === 0 ? [] : [template.NIC].flat();
  // check_vm_in_vrouter's map! turns an existing array of IDs into integers; a single ID stays a string.
  const ids = vr.vms.length > 1 ? vr.vms : vr.vms.map(String);
  return { status: 200, body: JSON.stringify({ VROUTER: { NAME: vr.name, ID: String(vr.id), VMS: { ID: ids }, TEMPLATE: template } }) };
};

export const vnetShow: Handler = (ctx, authVm) => {
  const id = rubyInteger(ctx.params.id);
  if (id === null) halt(400, `Invalid id format (ID: ${ctx.params.id}). ID must be an integer.`);
  const { vm, user } = sourceVm(ctx, authVm);
  const vrid = getText(vm.template, 'VROUTER_ID');
  if (!vrid) halt(400, 'Virtual networks information can only be retrieved from Virtual Routers.');
  const vr = getVrouter(ctx, user, vrid);
  checkVmInVrouter(vr, vm.id, vm.id);
  const net = getVnet(ctx, user, id);
  checkAccess(ctx, user, vr, net);
  try {
    const view = vnetView(vnetHash(ctx.sim.world, net, user, ctx.sim.config.sim), ctx.sim.config.vnetTemplateAttributes);
    if (ctx.params.extended?.toLowerCase() === 'true') extendLeases(ctx.sim.world, view, user);
    return { status: 200, body: JSON.stringify({ VNET: view }) };
  } catch {
    return halt(400, `Virtual router ${vr.id} is empty.`);
  }
};

const getVnet = (ctx: Ctx, user: User | undefined, id: number): VNet =>
  oned(() => vnetInfo(ctx.sim.world, user, id), 404, `Virtual network ${id} not found`);

// Allowed: a router NIC network, its parent, its reservations (leases held by a VNET), or a sibling.
function checkAccess(ctx: Ctx, user: User | undefined, vr: VRouter, req: VNet): void {
  const valid = new Set<number>();
  const seen = new Set<string>();
  for (const nic of getAll(vr.template, 'NIC')) {
    if (typeof nic !== 'object' || seen.has(nic.NETWORK_ID)) continue;
    seen.add(nic.NETWORK_ID);
    const nicNet = getVnet(ctx, user, Number(nic.NETWORK_ID));
    valid.add(nicNet.id);
    if (nicNet.parent !== null) valid.add(nicNet.parent);
    const hash = vnetHash(ctx.sim.world, nicNet, user, ctx.sim.config.sim).VNET as { AR_POOL: { AR?: unknown } };
    for (const ar of [hash.AR_POOL.AR ?? []].flat() as { LEASES: { LEASE?: unknown } }[]) {
      for (const lease of [ar.LEASES.LEASE ?? []].flat() as Record<string, string>[])
        if (lease.VNET !== undefined) valid.add(Number(lease.VNET));
    }
    if (valid.has(req.id) || (req.parent !== null && valid.has(req.parent))) return;
  }
  halt(400, `Virtual Network ${req.id} cannot be retrieved from Virtual router ${vr.id}.`);
}
