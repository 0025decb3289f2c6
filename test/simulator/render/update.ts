// PUT /vm and PUT /vms/:id (update, onegate-server.rb l.566 at release-7.4.0): data/type parameters or the raw body, the server's escaping,
// the restricted-attribute check, then oned's merge (type 1) or the XPath erase (other types).
import { isUtf8 } from 'node:buffer';
import { halt } from '../http/error';
import { rubyError, rubyToI } from '../http/ruby';
import type { Ctx } from '../http/state';
import { eraseXPath } from '../template/erase';
import { escapeAttr } from '../template/escape';
import { parseTemplate, TemplateSyntaxError } from '../template/parse';
import { mergeTemplate } from '../template/template';
import { overXmlRpc, vmManage } from '../world/oned';
import type { User, Vm } from '../world/types';
import { oned } from './scope';

/** Applies a PUT body to `vm`'s USER_TEMPLATE as `user`; halts with the server's errors. */
export function updateVm(ctx: Ctx, vm: Vm, user: User | undefined): void {
  const type = ctx.params.type === undefined ? 1 : rubyToI(ctx.params.type);
  const fromParam = ctx.params.data !== undefined;
  if (fromParam ? ctx.badUtf8.has('data') : !isUtf8(ctx.body)) throw rubyError('ArgumentError', 'invalid byte sequence in UTF-8'); // String#split('') raises: 500
  const text = escapeAttr(fromParam ? ctx.params.data : rawBody(ctx));
  const error = type === 1 ? 'cannot be modified' : 'cannot be deleted';
  for (const line of text.split('\n')) {
    const key = line.split('=')[0];
    if (key && ctx.sim.config.restrictedAttrs.includes(key.toUpperCase())) halt(403, `Attribute (${key}) ${error}`);
  }
  if (type === 1) {
    merge(ctx, vm, user, text);
    return;
  }
  const erased = eraseXPath(vm.userTemplate, text);
  if (erased.removed === 0 && type === 2) halt(500, 'attribute not found');
  // Only type 2 writes the template back; any other erase value edits a copy that is dropped.
  if (type !== 2) return;
  oned(() => vmManage(ctx.sim.world, user, vm.id, 'one.vm.update'), 500);
  vm.userTemplate = erased.template;
  vm.updates.push({ at: Date.now(), mode: 'erase', text });
}

function merge(ctx: Ctx, vm: Vm, user: User | undefined, sent: string): void {
  oned(() => vmManage(ctx.sim.world, user, vm.id, 'one.vm.update'), 500);
  const text = overXmlRpc(sent);
  try {
    mergeTemplate(vm.userTemplate, parseTemplate(text));
  } catch (e) {
    if (e instanceof TemplateSyntaxError) halt(500, `[one.vm.update] Cannot update template. ${e.message}`);
    throw e;
  }
  vm.updates.push({ at: Date.now(), mode: 'merge', text });
}

// 7.0.0 (update_body_lost): a form-typed body was consumed by Rack 3's parameter parser and read back empty.
function rawBody(ctx: Ctx): string {
  return ctx.formParsed && ctx.sim.config.sim.updateBodyLost ? '' : ctx.body.toString('utf8');
}
