// Watch, diff, act: turns an old and a new document into the hook events that fired. Each event
// compares only the part it is about, so the agent's own metric pushes (which rewrite
// USER_TEMPLATE every cycle) never fire "vm", and ignored attributes never fire "user_template".
// `undefined` stands for "no document" on either side: a first fetch or a removal is a change.
import type { HookEvent } from '../hooks/types';
import { innerOf } from '../onegate/documents';
import { canonicalJson, isPlainObject } from './canonical';
import { field, roleMembersOf, userTemplateOf } from './documents';

/** One event to fire, with its event-specific environment. */
export interface Change {
  /** The hook event. */
  event: HookEvent;
  /** ONEGATE_* variables describing this change. */
  env: Record<string, string>;
}

/** Events of vm.json: "vm" (anything but USER_TEMPLATE) and "user_template" (minus ignored names). */
export function diffVm(old: unknown, next: unknown, ignore: (name: string) => boolean): Change[] {
  const changes: Change[] = [];
  const vm = innerOf(next, 'VM') ?? innerOf(old, 'VM');
  if (differ(vmView(old), vmView(next))) {
    changes.push({ event: 'vm', env: { ONEGATE_VM_STATE: field(vm, 'STATE'), ONEGATE_VM_LCM_STATE: field(vm, 'LCM_STATE') } });
  }
  const keys = changedKeys(
    old === undefined ? undefined : userTemplateOf(old),
    next === undefined ? undefined : userTemplateOf(next),
    ignore,
  );
  if (keys) changes.push({ event: 'user_template', env: { ONEGATE_CHANGED: keys.join(' ') } });
  return changes;
}

function vmView(doc: unknown): unknown {
  const vm = innerOf(doc, 'VM');
  if (!vm) return undefined;
  const { USER_TEMPLATE: _ignored, ...rest } = vm;
  return rest;
}

// The names whose values differ, or undefined when nothing relevant changed (a first fetch or a
// removal is a change even when the filtered template is empty).
function changedKeys(
  old: Record<string, unknown> | undefined,
  next: Record<string, unknown> | undefined,
  ignore: (name: string) => boolean,
): string[] | undefined {
  const names = new Set([...Object.keys(old ?? {}), ...Object.keys(next ?? {})]);
  const keys = [...names].filter((k) => !ignore(k) && canonicalJson(old?.[k]) !== canonicalJson(next?.[k])).sort();
  return keys.length > 0 || (old === undefined) !== (next === undefined) ? keys : undefined;
}

/** Events of service.json: "service" (state, roles, cardinalities, members) and one "service_role" per role whose VMs changed. */
export function diffService(old: unknown, next: unknown): Change[] {
  const changes: Change[] = [];
  const service = innerOf(next, 'SERVICE') ?? innerOf(old, 'SERVICE');
  const serviceEnv = { ONEGATE_SERVICE_ID: field(service, 'id'), ONEGATE_SERVICE_STATE: field(service, 'state') };
  if (differ(serviceView(old), serviceView(next))) changes.push({ event: 'service', env: serviceEnv });
  const before = roleMembersOf(old);
  const after = roleMembersOf(next);
  for (const role of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = before.get(role) ?? [];
    const now = after.get(role) ?? [];
    const added = now.filter((id) => !was.includes(id));
    const removed = was.filter((id) => !now.includes(id));
    if (added.length === 0 && removed.length === 0 && (old === undefined) === (next === undefined)) continue;
    changes.push({
      event: 'service_role',
      env: {
        ...serviceEnv,
        ONEGATE_ROLE: role,
        ONEGATE_ROLE_ADDED: added.join(' '),
        ONEGATE_ROLE_REMOVED: removed.join(' '),
        ONEGATE_ROLE_VMS: now.join(' '),
      },
    });
  }
  return changes;
}

// vm_info is left out: extended mode carries peers' MONITORING, which changes every few seconds.
function serviceView(doc: unknown): unknown {
  const service = innerOf(doc, 'SERVICE');
  if (!service) return undefined;
  const roles = roleMembersOf(doc);
  const roleList = Array.isArray(service.roles) ? service.roles.filter(isPlainObject) : [];
  return {
    name: service.name,
    id: service.id,
    state: service.state,
    roles: roleList.map((r) => ({ name: r.name, state: r.state, cardinality: r.cardinality, vms: roles.get(String(r.name)) })),
  };
}

/** One event when anything in the document changed (vrouter, vnet). */
export function diffWhole(event: HookEvent, env: Record<string, string>, old: unknown, next: unknown): Change[] {
  return differ(old, next) ? [{ event, env }] : [];
}

function differ(a: unknown, b: unknown): boolean {
  if ((a === undefined) !== (b === undefined)) return true;
  return canonicalJson(a) !== canonicalJson(b);
}
