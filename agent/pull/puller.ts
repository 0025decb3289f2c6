// One pull cycle: the documents of the table (table.ts) in order, one request at a time, each through
// applyDocument (write, diff, hooks). The daemon schedules pullOnce; nothing here keeps a timer.
import { readdir } from 'node:fs/promises';
import type { HookEvent, HookInvocation } from '../hooks/types';
import type { Logger } from '../log';
import { innerOf } from '../onegate/documents';
import { ensureDirSync } from '../state/atomic';
import { type ApplyContext, applyDocument, type DocState, newDocState, primeState } from './apply-document';
import { matchAny } from './canonical';
import { classifyPullError, type PullFailure } from './classify-error';
import { field } from './documents';
import { type PullerOptions, parseVnets } from './options';
import { DOCUMENTS, type DocumentRow, type Kind, type PullClient, type PullView, rowOf, type Selected } from './table';

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

/** Creates a puller; throws when options.vnets has an entry that is neither "auto" nor an ID. */
export function createPuller(deps: PullerDeps): Puller {
  const { client, options, runDir, log } = deps;
  const ignored = matchAny(options.ignoreAttributes);
  const ignore = (name: string): boolean => ignored(name) || (deps.isOwnAttribute?.(name) ?? false);
  const states = new Map<string, DocState>();
  const disabled = new Set<Kind>();
  // Kind -> the member key (e.g. the SERVICE_ID) under which the server said the VM is not a member.
  const notMember = new Map<Kind, string>();
  const stateOf = (name: string): DocState => states.get(name) ?? states.set(name, newDocState(runDir, name)).get(name)!;
  const statesOf = (kind: Kind): DocState[] => [...states.values()].filter((s) => rowOf(s.name)?.kind === kind);
  const ctx: ApplyContext = { runDir, log, runHook: deps.runHook, vmid: () => field(innerOf(stateOf('vm').doc, 'VM'), 'ID') };
  const view: PullView = {
    options,
    vnets: parseVnets(options.vnets),
    get vm() {
      return stateOf('vm').doc;
    },
    get vrouter() {
      return stateOf('vrouter').doc;
    },
    refused: (kind, key) => notMember.get(kind) === key,
  };

  async function pull(report: PullReport, row: DocumentRow, selected: Selected): Promise<DocumentReport> {
    const state = stateOf(selected.name);
    const entry: DocumentReport = { name: selected.name, path: state.path, status: 'unchanged', events: [] };
    report.documents.push(entry);
    report.requests++;
    let next: unknown;
    try {
      next = await selected.fetch(client);
    } catch (err) {
      const failure = classifyPullError(err);
      if (failure.kind === 'off') {
        disabled.add(row.kind);
        log.warn(`pull: ${selected.name} turned off: the server answered ${failure.message}`);
        await removeQuietly(row.kind);
        return Object.assign(entry, { status: 'off', error: { code: failure.code, message: failure.message } });
      }
      const vanished = failure.kind === 'gone' || (failure.kind === 'not-member' && row.auto(options));
      if (!vanished) return fail(state, entry, failure);
      if (failure.kind === 'not-member' && row.memberKey) notMember.set(row.kind, row.memberKey(view));
      log.debug(`pull: ${selected.name}: ${failure.message}`);
      next = undefined;
    }
    if (state.lastError !== undefined) log.info(`pull: ${selected.name} recovered`);
    state.lastError = undefined;
    try {
      await primeState(state);
      const before = state.content;
      entry.events = await applyDocument(ctx, state, next, row.diff(selected.name, ignore));
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

  // A document the VM no longer has (left the service, feature off): its file goes, and its hooks
  // fire with ONEGATE_REMOVED=YES when they had seen it.
  async function drop(report: PullReport, row: DocumentRow, state: DocState): Promise<void> {
    const entry: DocumentReport = { name: state.name, path: state.path, status: 'removed', events: [] };
    try {
      await primeState(state);
      if (state.content === undefined && state.seen) return;
      const hadFile = state.content !== undefined;
      entry.events = await applyDocument(ctx, state, undefined, row.diff(state.name, ignore));
      if (hadFile) report.documents.push(entry);
    } catch (err) {
      report.documents.push(fail(state, entry, fileFailure(state, err)));
    }
  }

  async function removeQuietly(kind: Kind): Promise<void> {
    for (const state of statesOf(kind))
      await applyDocument(ctx, state, undefined, () => []).catch((err: unknown) => log.warn(fileFailure(state, err).message));
  }

  // Pulls what the row selects and removes the files of its kind it no longer selects; false: skip the rest.
  async function pullRow(report: PullReport, row: DocumentRow): Promise<boolean> {
    const selected = row.select(view);
    if (selected === undefined) return true;
    for (const s of selected) {
      if (disabled.has(row.kind)) break;
      const entry = await pull(report, row, s);
      if (row.gate && entry.status === 'error' && classifyPullError(entry.error).kind === 'transient') return false;
    }
    const wanted = new Set(selected.map((s) => s.name));
    for (const state of statesOf(row.kind)) if (!wanted.has(state.name)) await drop(report, row, state);
    return true;
  }

  // Every single document has its state from the start (its first decision, pulled or removed, is its
  // first); files of a many-document kind that an earlier run left are removed once no longer pulled.
  async function adoptLeftovers(): Promise<void> {
    for (const row of DOCUMENTS) if (!row.many) stateOf(row.kind);
    try {
      ensureDirSync(runDir);
      for (const file of await readdir(runDir)) {
        const name = /^([a-z]+-\d+)\.json$/.exec(file)?.[1];
        if (name && rowOf(name)?.many) stateOf(name);
      }
    } catch (err) {
      log.warn(`pull: ${runDir}: ${(err as Error).message}`);
    }
  }

  return {
    async pullOnce() {
      const report: PullReport = { documents: [], disabled: [], requests: 0 };
      if (states.size === 0) await adoptLeftovers();
      for (const row of DOCUMENTS) {
        if (!disabled.has(row.kind) && !(await pullRow(report, row))) break;
      }
      report.disabled = [...disabled].sort();
      return report;
    },
    reset() {
      disabled.clear();
      notMember.clear();
    },
  };
}
