// GET /service and PUT /service/role/:role (onegate-server.rb l.919, l.1013 at release-7.4.0).
import { halt } from '../http/error';
import { rubyError } from '../http/ruby';
import { parseRubyJson, rubyClass } from '../http/ruby-json';
import type { Handler } from '../http/state';
import { getText } from '../template/template';
import { scaleRole } from '../world/scale';
import { checkVmInService, sourceVm } from './scope';
import { serviceView } from './service-view';

export const serviceShow: Handler = (ctx, authVm) => {
  const { vm, user } = sourceVm(ctx, authVm);
  const sv = checkVmInService(ctx, user, vm.id, getText(vm.userTemplate, 'SERVICE_ID'));
  const extended = ctx.params.extended !== undefined; // any value turns it on, even "" or "false"
  return { status: 200, body: JSON.stringify(serviceView(ctx.sim.world, sv, extended, user, ctx.sim.config.sim)) };
};

export const serviceScale: Handler = (ctx, authVm) => {
  const { vm, user } = sourceVm(ctx, authVm);
  const sid = getText(vm.userTemplate, 'SERVICE_ID');
  const sv = checkVmInService(ctx, user, vm.id, sid);
  const cardinality = readCardinality(ctx.body.toString('utf8'));
  const role = ctx.params.role;
  const failure = scaleRole(ctx.sim.world, sv, role, cardinality, ctx.sim.config.sim.scaleCreatesVms);
  if (failure) {
    ctx.sim.log.error(`Error performing action on service ${sid} role ${role}: ${failure}`);
    halt(400, `Error performing action on service ${sid} role ${role}`);
  }
  ctx.sim.onWorldChange();
  return { status: 200, body: '' };
};

// JSON.parse(body)["cardinality"]: not rescued, so a bad body is a 500 with the parser's message.
function readCardinality(body: string): unknown {
  const doc = parseRubyJson(body); // its JSON::ParserError propagates: 500
  if (Array.isArray(doc) || typeof doc === 'number') throw rubyError('TypeError', 'no implicit conversion of String into Integer');
  if (typeof doc === 'string') return doc.includes('cardinality') ? 'cardinality' : null;
  if (typeof doc !== 'object' || doc === null) throw rubyError('NoMethodError', `undefined method '[]' for ${rubyClass(doc)}`);
  return (doc as Record<string, unknown>).cardinality ?? null;
}
