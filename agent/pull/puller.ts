// One pull cycle: GET /vm, then /service, /vrouter and /vnet/:id where the VM belongs to them (or
// as configured), one request at a time. Each document goes through applyDocument (write, diff,
// hooks). The daemon schedules pullOnce; nothing here keeps a timer.
import { readdir } from 'node:fs/promises';
import type { HookEvent, HookInvocation } from '../hooks/types';
import type { Logger } from '../log';
import { ensureDirSync } from '../state/atomic';
import { type ApplyContext, applyDocument, type DocState, newDocState, primeState } from './apply-document';
import { matchAny } from './canonical';
import { classifyPullError, type PullFailure } from './classify-error';
import { type Change, diffService, diffVm, diffWhole } from './diff';
import { field, serviceIdOf, unwrap, vnetIdsOf } from './documents';
import { type PullerOptions, parseVnets } from './options';

/** The client calls the puller makes (OneGateClient satisfies it). */
export interface PullClient {
  getVm(): Promise<unknown>;
  getService(opts?: { extended?: boolean }): Promise<unknown>;
  getVrouter(opts?: { extended?: boolean }): Promise<unknown>;
  getVnet(id: number, opts?: { extended?: boolean }): Promise<unknown>;
}

/** changed/unchanged: fetched; removed: its file was deleted; absent: nothing to pull; off: turned off now. */
export type DocumentStatus = 'changed' | 'unchanged' | 'removed' | 'absent' | 'off' | 'error';

/** The outcome for one document in one cycle. */
export interface DocumentReport {
  /** vm, service, vrouter or vnet-<id>. */
  name: string;
  /** Its file. */
  path: string;
  /** What happened. */
  status: DocumentStatus;
  /** Hook events that fired. */
  events: HookEvent[];
  /** The failure, for status "error" and "off". */
  error?: { code: string; message: string };
}

/** What one pullOnce did. */
export interface PullReport {
  /** Documents requested (or removed) this cycle, in request order. */
  documents: DocumentReport[];
  /** Features the server refused (service, vrouter, vnet): no longer requested until reset(). */
  disabled: string[];
  /** HTTP requests made. */
  requests: number;
}

/** What createPuller needs. */
export interface PullerDeps {
  /** The OneGate client. */
  client: PullClient;
  /** What to pull. */
  options: PullerOptions;
  /** Where the documents are written, e.g. /run/onegate-agent. */
  runDir: string;
  /** Logger. */
  log: Logger;
  /** Runs the hooks of an event (createHookRunner). */
  runHook: (invocation: HookInvocation) => Promise<unknown>;
  /** More USER_TEMPLATE names that never fire user_template (the daemon's pushed attributes). */
  isOwnAttribute?: (name: string) => boolean;
}

/** The puller the daemon schedules. */
export interface Puller {
  /** One cycle; never rejects: request and file failures are in the report. */
  pullOnce(): Promise<PullReport>;
  /** Forgets turned-off features and membership answers (after SIGHUP or a context change). */
  reset(): void;
}

type Kind = 'vm' | 'service' | 'vrouter' | 'vnet';

/** Creates a puller; throws when options.vnets has an entry that is neither "auto" nor an ID. */
export function createPuller(deps: PullerDeps): Puller {
  const { client, options, runDir, log } = deps;
  const ignored = matchAny(options.ignoreAttributes);
  const vnets = parseVnets(options.vnets);
  const ignore = (name: string): boolean => ignored(name) || (deps.isOwnAttribute?.(name) ?? false);
  const states = new Map<string, DocState>();
  const disabled = new Set<Kind>();
  let notMember: { service?: string; vrouter?: boolean } = {};
  const stateOf = (name: string): DocState => states.get(name) ?? states.set(name, newDocState(runDir, name)).get(name)!;
  const ctx: ApplyContext = { runDir, log, runHook: deps.runHook, vmid: () => field(unwrap(stateOf('vm').doc, 'VM'), 'ID') };

  async function pull(
    report: PullReport,
    kind: Kind,
    name: string,
    fetch: () => Promise<unknown>,
    diff: (o: unknown, n: unknown) => Change[],
    auto: boolean,
  ): Promise<DocumentReport> {
    const state = stateOf(name);
    const entry: DocumentReport = { name, path: state.path, status: 'unchanged', events: [] };
    report.documents.push(entry);
    report.requests++;
    let next: unknown;
    try {
      next = await fetch();
    } catch (err) {
      const failure = classifyPullError(err);
      if (failure.kind === 'off') {
        disabled.add(kind);
        log.warn(`pull: ${name} turned off: the server answered ${failure.message}`);
        await removeQuietly(kind);
        return Object.assign(entry, { status: 'off', error: { code: failure.code, message: failure.message } });
      }
      const vanished = failure.kind === 'gone' || (failure.kind === 'not-member' && auto);
      if (!vanished) return fail(state, entry, failure);
      if (failure.kind === 'not-member') recordNotMember(kind);
      log.debug(`pull: ${name}: ${failure.message}`);
      next = undefined;
    }
    if (state.lastError !== undefined) log.info(`pull: ${name} recovered`);
    state.lastError = undefined;
    try {
      await primeState(state);
      const before = state.content;
      entry.events = await applyDocument(ctx, state, next, diff);
      if (next === undefined) entry.status = before === undefined ? 'absent' : 'removed';
      else entry.status = entry.events.length > 0 || state.content !== before ? 'changed' : 'unchanged';
      return entry;
    } catch (err) {
      return fail(state, entry, fileFailure(state, err));
    }
  }

  // The run directory is not writable (read-only, full, wrong owner): reported like a failed request,
  // and the next cycle tries again from the same state.
  function fileFailure(state: DocState, err: unknown): PullFailure {
    return { kind: 'error', code: 'SYNC_WRITE_FAILED', message: `${state.path}: ${(err as Error).message}` };
  }

  function fail(state: DocState, entry: DocumentReport, failure: PullFailure): DocumentReport {
    if (state.lastError !== failure.message) log.warn(`pull: ${state.name} failed: ${failure.message}`);
    state.lastError = failure.message;
    return Object.assign(entry, { status: 'error', error: { code: failure.code, message: failure.message } });
  }

  function recordNotMember(kind: Kind): void {
    if (kind === 'service') notMember.service = serviceIdOf(stateOf('vm').doc) ?? '';
    if (kind === 'vrouter') notMember.vrouter = true;
  }

  // A document the VM no longer has (left the service, feature off): its file goes, and its hooks
  // fire with ONEGATE_REMOVED=YES when they had seen it.
  async function drop(report: PullReport, name: string, diff: (o: unknown, n: unknown) => Change[]): Promise<void> {
    const state = stateOf(name);
    const entry: DocumentReport = { name, path: state.path, status: 'removed', events: [] };
    try {
      await primeState(state);
      if (state.content === undefined && state.seen) return;
      const hadFile = state.content !== undefined;
      entry.events = await applyDocument(ctx, state, undefined, diff);
      if (hadFile) report.documents.push(entry);
    } catch (err) {
      report.documents.push(fail(state, entry, fileFailure(state, err)));
    }
  }

  async function removeQuietly(kind: Kind): Promise<void> {
    for (const state of states.values()) {
      if (kindOf(state.name) === kind)
        await applyDocument(ctx, state, undefined, () => []).catch((err: unknown) => log.warn(fileFailure(state, err).message));
    }
  }

  const vnetDiff = (id: number) => (o: unknown, n: unknown) => diffWhole('vnet', { ONEGATE_VNET_ID: String(id) }, o, n);
  const vrouterDiff = (o: unknown, n: unknown) =>
    diffWhole('vrouter', { ONEGATE_VROUTER_ID: field(unwrap(n ?? o, 'VROUTER'), 'ID') }, o, n);

  async function pullOnce(): Promise<PullReport> {
    const report: PullReport = { documents: [], disabled: [], requests: 0 };
    if (states.size === 0) await adoptLeftovers();
    if (!disabled.has('vm')) {
      const vm = await pull(
        report,
        'vm',
        'vm',
        () => client.getVm(),
        (o, n) => diffVm(o, n, ignore),
        false,
      );
      // The server is down or refuses our credentials: the other requests would only fail the same way.
      if (vm.status === 'error' && classifyPullError(vm.error).kind === 'transient') return finish(report);
    }
    const vmKnown = stateOf('vm').doc !== undefined;
    const sid = serviceIdOf(stateOf('vm').doc);
    const wantService = options.service === 'always' || (options.service === 'auto' && sid !== undefined && notMember.service !== sid);
    if (disabled.has('service')) {
      /* turned off: nothing to do */
    } else if (wantService) {
      await pull(
        report,
        'service',
        'service',
        () => client.getService(options.serviceExtended ? { extended: true } : {}),
        diffService,
        options.service === 'auto',
      );
    } else if (vmKnown || options.service === 'never') await drop(report, 'service', diffService);
    if (!disabled.has('vrouter')) {
      if (options.vrouter === 'always' || (options.vrouter === 'auto' && !notMember.vrouter)) {
        await pull(report, 'vrouter', 'vrouter', () => client.getVrouter(), vrouterDiff, options.vrouter === 'auto');
      } else await drop(report, 'vrouter', vrouterDiff);
    }
    if (!disabled.has('vnet')) await pullVnets(report);
    return finish(report);
  }

  async function pullVnets(report: PullReport): Promise<void> {
    const ids = [...new Set([...(vnets.auto ? vnetIdsOf(stateOf('vrouter').doc) : []), ...vnets.ids])].sort((a, b) => a - b);
    for (const id of ids) {
      if (disabled.has('vnet')) break;
      await pull(
        report,
        'vnet',
        `vnet-${id}`,
        () => client.getVnet(id, options.vnetExtended ? { extended: true } : {}),
        vnetDiff(id),
        false,
      );
    }
    for (const name of [...states.keys()].filter((n) => kindOf(n) === 'vnet' && !ids.includes(Number(n.slice(5))))) {
      await drop(report, name, vnetDiff(Number(name.slice(5))));
    }
  }

  // vnet files an earlier run left behind are removed when their network is no longer pulled.
  async function adoptLeftovers(): Promise<void> {
    stateOf('vm');
    try {
      ensureDirSync(runDir);
      for (const file of await readdir(runDir)) {
        const m = /^(vnet-\d+)\.json$/.exec(file);
        if (m) stateOf(m[1]);
      }
    } catch (err) {
      log.warn(`pull: ${runDir}: ${(err as Error).message}`);
    }
  }

  function finish(report: PullReport): PullReport {
    report.disabled = [...disabled].sort();
    return report;
  }

  return {
    pullOnce,
    reset() {
      disabled.clear();
      notMember = {};
    },
  };
}

function kindOf(name: string): Kind {
  return name.startsWith('vnet-') ? 'vnet' : (name as Kind);
}
