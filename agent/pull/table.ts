// The documents the agent pulls, one row each, in request order: the route, when it applies, the file it is
// written to, and the hook events its changes fire. The puller walks this table; a new document is one row
// (and its diff in diff.ts when it has events of its own).
import type { HookEvent } from '../hooks/types';
import { innerOf } from '../onegate/documents';
import { type Change, diffService, diffVm, diffWhole } from './diff';
import { field, serviceIdOf, vnetIdsOf } from './documents';
import type { PullerOptions } from './options';

/** The client calls the puller makes (OneGateClient satisfies it). */
export interface PullClient {
  getVm(): Promise<unknown>;
  getService(opts?: { extended?: boolean }): Promise<unknown>;
  getVrouter(opts?: { extended?: boolean }): Promise<unknown>;
  getVnet(id: number, opts?: { extended?: boolean }): Promise<unknown>;
}

/** A kind of document: what a 403 turns off as a whole. */
export type Kind = 'vm' | 'service' | 'vrouter' | 'vnet';

/** What a row decides from. */
export interface PullView {
  options: PullerOptions;
  /** pull.vnets parsed: "auto" and the listed IDs. */
  vnets: { auto: boolean; ids: number[] };
  /** The current VM and virtual router documents (undefined before the first answer). */
  readonly vm: unknown;
  readonly vrouter: unknown;
  /** True when the server said the VM is not a member while `key` (e.g. its SERVICE_ID) was what it is now. */
  refused(kind: Kind, key: string): boolean;
}

/** One document to request now. */
export interface Selected {
  /** Report and file name: vm, service, vrouter, vnet-<id> (written as NAME.json). */
  name: string;
  fetch(client: PullClient): Promise<unknown>;
}

/** A row of the table. */
export interface DocumentRow {
  kind: Kind;
  /** The request, as docs/pull.md lists it. */
  route: string;
  /** The file, as docs/pull.md lists it (<id> for one file per network). */
  file: string;
  /** Every hook event its changes can fire. */
  events: readonly HookEvent[];
  /** More than one document of this kind: named KIND-<id>. */
  many?: true;
  /** A transient failure of this document skips the rest of the cycle (the others would fail the same way). */
  gate?: true;
  /** The documents to request now; [] removes this kind's files; undefined leaves them as they are. */
  select(view: PullView): Selected[] | undefined;
  /** True when "not a member" answers mean absent (auto mode) rather than a failure. */
  auto(options: PullerOptions): boolean;
  /** What "not a member" depends on: the answer holds until this changes. */
  memberKey?(view: PullView): string;
  /** The hooks' changes between two versions of document `name`; `ignore` names attributes that never fire. */
  diff(name: string, ignore: (attribute: string) => boolean): (old: unknown, next: unknown) => Change[];
}

const extended = (yes: boolean) => (yes ? { extended: true } : {});

const vm: DocumentRow = {
  kind: 'vm',
  route: 'GET /vm',
  file: 'vm.json',
  events: ['vm', 'user_template'],
  gate: true,
  select: () => [{ name: 'vm', fetch: (c) => c.getVm() }],
  auto: () => false,
  diff: (_name, ignore) => (o, n) => diffVm(o, n, ignore),
};

const service: DocumentRow = {
  kind: 'service',
  route: 'GET /service',
  file: 'service.json',
  events: ['service', 'service_role'],
  select(v) {
    const mode = v.options.service;
    const sid = serviceIdOf(v.vm);
    if (mode === 'always' || (mode === 'auto' && sid !== undefined && !v.refused('service', sid)))
      return [{ name: 'service', fetch: (c) => c.getService(extended(v.options.serviceExtended)) }];
    // Before the first VM document nothing says whether the VM left its service: keep the file.
    return v.vm !== undefined || mode === 'never' ? [] : undefined;
  },
  auto: (o) => o.service === 'auto',
  memberKey: (v) => serviceIdOf(v.vm) ?? '',
  diff: () => diffService,
};

const vrouter: DocumentRow = {
  kind: 'vrouter',
  route: 'GET /vrouter',
  file: 'vrouter.json',
  events: ['vrouter'],
  select(v) {
    const mode = v.options.vrouter;
    return mode === 'always' || (mode === 'auto' && !v.refused('vrouter', '')) ? [{ name: 'vrouter', fetch: (c) => c.getVrouter() }] : [];
  },
  auto: (o) => o.vrouter === 'auto',
  memberKey: () => '',
  diff: () => (o, n) => diffWhole('vrouter', { ONEGATE_VROUTER_ID: field(innerOf(n ?? o, 'VROUTER'), 'ID') }, o, n),
};

const vnet: DocumentRow = {
  kind: 'vnet',
  route: 'GET /vnet/:id',
  file: 'vnet-<id>.json',
  events: ['vnet'],
  many: true,
  select(v) {
    const ids = new Set([...(v.vnets.auto ? vnetIdsOf(v.vrouter) : []), ...v.vnets.ids]);
    return [...ids]
      .sort((a, b) => a - b)
      .map((id) => ({ name: `vnet-${id}`, fetch: (c: PullClient) => c.getVnet(id, extended(v.options.vnetExtended)) }));
  },
  auto: () => false,
  diff: (name) => (o, n) => diffWhole('vnet', { ONEGATE_VNET_ID: name.slice('vnet-'.length) }, o, n),
};

/** Every document, in request order (the virtual router before its networks: "auto" reads its NICs). */
export const DOCUMENTS: readonly DocumentRow[] = [vm, service, vrouter, vnet];

/** The row a document name belongs to (vnet-3 -> vnet). */
export function rowOf(name: string): DocumentRow | undefined {
  return DOCUMENTS.find((r) => (r.many ? name.startsWith(`${r.kind}-`) : name === r.kind));
}
