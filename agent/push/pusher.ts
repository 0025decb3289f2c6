// One PUT /vm per cycle with every changed attribute. Change detection compares with what the server
// will have (sent + pending), a heartbeat sends everything every N cycles, and a failed push keeps
// its attributes pending, merged with newer values, until the server takes them: nothing is lost. An
// attribute OneGate refuses by name (its :restricted_attrs, which the operator may extend) is left out, named
// once, and the rest is sent at once; it stays out until the configuration changes (reset). An attribute
// the agent pushed whose source vanished (agent/state/owned.ts) is erased, one PUT /vm type=2 each, after
// the changes; pending erasures wait out failures and restarts as pending attributes do.
import { diffAttributes } from '../attributes/diff';
import type { Logger } from '../log';
import { backoffDelay, type RetryPolicy } from '../onegate/retry';
import { type Failure, recordFailure, recordSuccess, toFailure } from '../state/feature';
import { type GatherSources, vanishedAttributes } from '../state/owned';
import { noteReason } from '../state/reasons';
import type { PushState } from '../state/types';
import { classifyPushError, refusedAttribute } from './classify';

/** The client call the push makes (OneGateClient satisfies it). */
export interface PushClient {
  updateVm(attributes: Record<string, string>): Promise<void>;
  /** Erases one attribute; one already gone counts as erased. */
  eraseVmAttribute(key: string): Promise<void>;
}

/** Options of the push; the daemon maps the `push` and `backoff` config keys to them. */
export interface PushOptions {
  /** Every this many cycles all current attributes are sent; 0 never. */
  heartbeatCycles: number;
  /** A numeric change smaller than this is not a change. */
  threshold: number;
  /** Backoff after failures (maxAttempts is ignored: the push never gives up). */
  backoff: Omit<RetryPolicy, 'maxAttempts'>;
  /** An identical failure is logged at most once per this many ms (the cycle interval). */
  logEveryMs: number;
  /** Most attributes kept pending; newer names beyond it are dropped with a warning. */
  maxPending: number;
}

/** Why an attribute on OneGate's built-in :restricted_attrs list is never sent (formatAttributes drops it). */
export const DEFAULT_LIST_REASON = "it is on OneGate's default :restricted_attrs list";
/** Why an attribute a 403 named is no longer sent. */
export const SERVER_REFUSED_REASON = 'the server refuses it: HTTP 403, cannot be modified';
/** Sends again after refusals within one flush; each refusal drops one attribute, the rest waits a cycle. */
export const MAX_REFUSALS_PER_FLUSH = 8;
/** Erasures sent per flush (one request each, through the one-request lock); the rest wait a cycle. */
export const MAX_ERASURES_PER_FLUSH = 32;

/** What one cycle or flush did. */
export interface PushReport {
  /** sent; unchanged: nothing to send; deferred: backing off; failed; off: disabled by a 403 or the configuration. */
  outcome: 'sent' | 'unchanged' | 'deferred' | 'failed' | 'off';
  /** The attributes sent (or attempted), for sent and failed. */
  attributes?: Record<string, string>;
  /** The attributes erased, when any were. */
  erased?: string[];
  /** The failure, for failed. */
  error?: Failure;
  /** Attributes still pending afterwards. */
  pending: number;
}

/** What createPusher needs. */
export interface PusherDeps {
  client: PushClient;
  options: PushOptions;
  /** The persistent push state; changed in place. */
  state: PushState;
  log: Logger;
  /** Epoch ms; default Date.now. */
  now?: () => number;
  /** Uniform [0, 1); default Math.random (the backoff's full jitter). */
  rand?: () => number;
}

/** The push unit the daemon schedules. */
export interface Pusher {
  /**
   * Adds this cycle's attributes (changed ones, or all on a heartbeat) to the pending set, then flushes.
   * `restricted`: names dropped before this call for being on OneGate's default list, named here once.
   * `sources`: each attribute's source and the sources that could not answer; with it, the attributes the
   * agent set whose source vanished are queued for erasure (without it, nothing is).
   * `heartbeat`: whether this cycle is a heartbeat (the daemon: the VM's slot of heartbeat_cycles on the
   * epoch's grid, schedule/ticker.ts slotOf); without it, every heartbeat_cycles-th cycle counted here is.
   */
  cycle(current: Record<string, string>, restricted?: string[], sources?: GatherSources, heartbeat?: boolean): Promise<PushReport>;
  /** Sends the pending set, then the pending erasures, unless backing off or off. Never rejects. */
  flush(): Promise<PushReport>;
  /** Turns the push back on after a 403, forgets the refused attributes (SIGHUP, new context), ends the backoff. */
  reset(): void;
  /** True for a name the agent pushes (so the puller can ignore its own writes). */
  owns(name: string): boolean;
}

/** True for a name the agent pushes: sent before or pending (so the puller ignores its own writes). */
export function ownsAttribute(state: PushState, name: string): boolean {
  return Object.hasOwn(state.sent, name) || Object.hasOwn(state.pending, name);
}

export function createPusher(deps: PusherDeps): Pusher {
  const { client, options, state, log } = deps;
  const now = deps.now ?? Date.now;
  const rand = deps.rand ?? Math.random;
  let dropWarned = false;

  function merge(changes: Record<string, string>): void {
    for (const [name, value] of Object.entries(changes)) {
      if (!Object.hasOwn(state.pending, name) && Object.keys(state.pending).length >= options.maxPending) {
        if (!dropWarned)
          log.warn(`push: more than ${options.maxPending} attributes pending; new names are dropped until the server is back`);
        dropWarned = true;
        continue;
      }
      state.pending[name] = value;
    }
  }

  function refuse(name: string, why: string): void {
    delete state.pending[name];
    state.refused ??= {};
    if (!noteReason(state.refused, name, why)) return;
    log.warn(`push: attribute ${name} is not sent: ${why}; the others are (a configuration change or SIGHUP tries it again)`);
  }

  // The attributes whose source is gone: a value not yet sent is dropped, one the server took is to be erased.
  function retire(found: GatherSources): void {
    const before = state.owners;
    const { owners, vanished } = vanishedAttributes(before, found);
    state.owners = owners;
    for (const name of vanished) {
      delete state.pending[name];
      if (!Object.hasOwn(state.sent, name)) continue;
      delete state.sent[name];
      if (!state.erasing.includes(name)) state.erasing.push(name);
      log.info(`push: ${name} is erased: its source ${before[name]} is gone`);
    }
    // Back before its erasure was sent: not erased, and sent again (it is no longer in `sent`).
    state.erasing = state.erasing.filter((name) => !Object.hasOwn(found.current, name));
  }

  // Bounded: each refusal takes one attribute out of the batch; what is left after the last try waits a cycle.
  async function flush(): Promise<PushReport> {
    for (let refusals = 0; refusals <= MAX_REFUSALS_PER_FLUSH; refusals++) {
      const report = await sendPending();
      if (report === 'refused') continue;
      return report.outcome === 'sent' || report.outcome === 'unchanged' ? eraseVanished(report) : report;
    }
    return { outcome: 'deferred', pending: Object.keys(state.pending).length };
  }

  async function eraseVanished(after: PushReport): Promise<PushReport> {
    if (state.erasing.length === 0) return after;
    if (state.disabled) return { ...after, outcome: 'off' };
    if (state.retryAt !== undefined && now() < state.retryAt) return { ...after, outcome: 'deferred' };
    const erased: string[] = [];
    for (const name of state.erasing.slice(0, MAX_ERASURES_PER_FLUSH)) {
      try {
        await client.eraseVmAttribute(name);
      } catch (err) {
        const error = toFailure(err);
        const drop = () => {
          state.erasing = state.erasing.filter((n) => n !== name);
        };
        if (error.code !== 'ONEGATE_ABORTED') handleFailure(error, `the erasure of ${name}`, drop);
        return { ...after, outcome: 'failed', error, ...(erased.length ? { erased } : {}) };
      }
      state.erasing = state.erasing.filter((n) => n !== name);
      erased.push(name);
    }
    succeeded();
    log.debug(`push: erased ${erased.join(', ')}`);
    return { ...after, outcome: 'sent', erased };
  }

  function keptText(): string {
    const erasures = state.erasing.length > 0 ? ` and ${state.erasing.length} erasure(s)` : '';
    return `${Object.keys(state.pending).length} attribute(s)${erasures}`;
  }

  function succeeded(): void {
    delete state.retryAt;
    const ended = recordSuccess(state, now());
    if (ended) log.info(`push: recovered after ${ended.count} failed attempt(s) (${ended.code})`);
  }

  async function sendPending(): Promise<PushReport | 'refused'> {
    const pending = (): number => Object.keys(state.pending).length;
    if (state.disabled) return { outcome: 'off', pending: pending() };
    if (pending() === 0) return { outcome: 'unchanged', pending: 0 };
    if (state.retryAt !== undefined && now() < state.retryAt) return { outcome: 'deferred', pending: pending() };
    const batch = { ...state.pending };
    try {
      await client.updateVm(batch);
    } catch (err) {
      const refused = refusedAttribute(err, batch);
      if (refused !== undefined) {
        refuse(refused, SERVER_REFUSED_REASON);
        return 'refused';
      }
      const error = toFailure(err);
      const drop = () => {
        for (const name of Object.keys(batch)) if (state.pending[name] === batch[name]) delete state.pending[name];
      };
      // Aborted by our own shutdown: the batch stays pending for the next start, nothing to report.
      if (error.code !== 'ONEGATE_ABORTED') handleFailure(error, `these attributes, dropped: ${Object.keys(batch).join(', ')}`, drop);
      return { outcome: 'failed', attributes: batch, error, pending: pending() };
    }
    for (const [name, value] of Object.entries(batch)) {
      state.sent[name] = value;
      // A newer value merged while the request was in flight stays pending.
      if (state.pending[name] === value) delete state.pending[name];
    }
    dropWarned = false;
    succeeded();
    log.debug(`push: sent ${Object.keys(batch).length} attribute(s)`);
    return { outcome: 'sent', attributes: batch, pending: pending() };
  }

  // `what` names the request for the log; `drop` forgets it, for a failure that can never succeed.
  function handleFailure(error: Failure, what: string, drop: () => void): void {
    const action = classifyPushError(error.code);
    const shouldLog = recordFailure(state, error, now(), options.logEveryMs);
    if (action === 'disable') {
      state.disabled = `the server refused the update (${error.message})`;
      log.warn(`push: turned off: ${error.message}; send SIGHUP to try again`);
      return;
    }
    if (action === 'drop') {
      drop();
      if (shouldLog) log.error(`push: the server cannot take ${what}: ${error.message}`);
      return;
    }
    // A server (or proxy) that says when to come back is obeyed, up to the backoff cap.
    const backoff = backoffDelay(state.lastError?.count ?? 1, { ...options.backoff, maxAttempts: Infinity }, rand);
    const delay = Math.max(backoff, Math.min(error.retryAfterMs ?? 0, options.backoff.maxMs));
    state.retryAt = now() + delay;
    if (shouldLog) {
      log.warn(`push: failed (${error.code}): ${error.message}; ${keptText()} kept pending, retry in ${Math.ceil(delay / 1000)} s`);
    }
  }

  return {
    async cycle(current, restricted = [], sources, onSlot) {
      state.cycle++;
      for (const name of restricted) refuse(name, DEFAULT_LIST_REASON);
      if (sources) retire(sources);
      const wanted = Object.fromEntries(Object.entries(current).filter(([name]) => !Object.hasOwn(state.refused ?? {}, name)));
      const heartbeat = options.heartbeatCycles > 0 && (onSlot ?? state.cycle % options.heartbeatCycles === 0);
      const changes = heartbeat
        ? wanted
        : diffAttributes({ ...state.sent, ...state.pending }, wanted, { threshold: options.threshold }).changed;
      merge(changes);
      return flush();
    },
    flush,
    reset() {
      delete state.disabled;
      delete state.refused;
      delete state.retryAt;
    },
    owns: (name) => ownsAttribute(state, name),
  };
}
