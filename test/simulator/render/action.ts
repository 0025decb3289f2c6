// POST /vms/:id/action (onegate-server.rb l.228, l.1003 at release-7.4.0): JSON {"action":{"perform","params"}}, the restricted list,
// then the oned call. Success is 204 without a body.

import { halt } from '../http/error';
import { rubyError, rubyToI } from '../http/ruby';
import { parseRubyJson, rubyClass } from '../http/ruby-json';
import type { Handler } from '../http/state';
import { performAction } from './perform';
import { requestedVm } from './scope';

export const vmsAction: Handler = (ctx, authVm) => {
  const { vm, user } = requestedVm(ctx, authVm, rubyToI(ctx.params.id));
  const action = readAction(ctx.body.toString('utf8'));
  const perform = performOf(action);
  if (perform !== null && perform !== undefined) {
    if (typeof perform !== 'string') throw rubyError('NoMethodError', `undefined method 'downcase' for ${rubyClass(perform)}`);
    if (ctx.sim.config.restrictedActions.includes(perform.toLowerCase())) halt(403, `Action (${perform}) is not allowed on this resource`);
  }
  performAction(ctx.sim.world, user, vm, perform, (action as Record<string, unknown>)?.params);
  return { status: 204, body: '' };
};

function readAction(body: string): unknown {
  let doc: unknown;
  try {
    doc = parseRubyJson(body);
  } catch (e) {
    halt(400, (e as Error).message);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw rubyError('NoMethodError', `undefined method 'has_key?' for ${rubyClass(doc)}`);
  if (!Object.hasOwn(doc, 'action')) halt(400, 'Error parsing JSON: Wrong resource type');
  return (doc as Record<string, unknown>).action;
}

// action_hash['perform'] on whatever "action" holds, as Ruby evaluates it.
function performOf(action: unknown): unknown {
  if (typeof action === 'string') return action.includes('perform') ? 'perform' : null; // String#[] is a substring search
  if (Array.isArray(action) || typeof action === 'number') throw rubyError('TypeError', 'no implicit conversion of String into Integer');
  if (typeof action !== 'object' || action === null) throw rubyError('NoMethodError', `undefined method '[]' for ${rubyClass(action)}`);
  return (action as Record<string, unknown>).perform ?? null;
}
