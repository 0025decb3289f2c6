// GET/PUT /vm and GET/PUT /vms/:id (onegate-server.rb l.898-918, l.994, l.1043 at release-7.4.0).

import { rubyToI } from '../http/ruby';
import type { Handler } from '../http/state';
import { requestedVm, sourceVm } from './scope';
import { updateVm } from './update';
import { vmView } from './vm-view';

export const vmShow: Handler = (ctx, authVm) => ({
  status: 200,
  body: JSON.stringify(vmView(sourceVm(ctx, authVm).vm, ctx.sim.config.sim)),
});

export const vmUpdate: Handler = (ctx, authVm) => {
  const { vm, user } = sourceVm(ctx, authVm);
  updateVm(ctx, vm, user);
  return { status: 200, body: '' };
};

export const vmsShow: Handler = (ctx, authVm) => {
  const { vm } = requestedVm(ctx, authVm, rubyToI(ctx.params.id));
  return { status: 200, body: JSON.stringify(vmView(vm, ctx.sim.config.sim)) };
};

export const vmsUpdate: Handler = (ctx, authVm) => {
  const { vm, user } = requestedVm(ctx, authVm, rubyToI(ctx.params.id));
  updateVm(ctx, vm, user);
  return { status: 200, body: '' };
};
