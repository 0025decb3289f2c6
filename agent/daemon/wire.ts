// The one place that knows every part of the daemon: from the effective configuration and the context's
// credentials it builds the OneGate client (behind the one-request lock) and the collectors, hands them to
// the units through one UnitContext, starts the units the configuration wants, stops the ones it no longer
// wants and refreshes the others. `run` (through daemon.ts) and `once` both build on it.
import { type AgentConfig, defaultConfig } from '../config/schema';
import { resolveCredentials } from '../context/discover';
import type { ResolvedContext } from '../context/types';
import type { HookInvocation } from '../hooks/types';
import type { Logger } from '../log';
import { type ActiveCollector, collectAll, collectorsFor, createCollectors, monotonicMs } from '../metrics';
import { OneGateClient } from '../onegate/client';
import { isOneGateError } from '../onegate/errors';
import type { Credentials } from '../onegate/types';
import { type Clock, systemClock } from '../schedule/clock';
import { createSerialLock } from '../schedule/serial';
import { recordFailure, toFailure } from '../state/feature';
import { type AgentState, emptyState } from '../state/types';
import { type Gathered, gatherAttributes } from './gather';
import { clientOptionsOf, discoverOptionsOf, logEveryMsOf, metricsOptionsOf } from './options';
import type { DaemonApi, RefreshReason, ReportFailure, RunningUnit, Unit, UnitContext, UnitStatus } from './unit';

/** What the wiring is given; everything but `units` and `log` has a default (`once` needs few). */
export interface WireDeps {
  /** The units to run, in order (units/index.ts; `once` runs none). */
  units: readonly Unit[];
  log: Logger;
  state?: AgentState;
  clock?: Clock;
  signal?: AbortSignal;
  flags?: { contextDir?: string; contextFile?: string };
  /** Roots of the collectors; default /proc and /sys. */
  procRoot?: string;
  sysRoot?: string;
  bootId?: string;
  persist?: () => void;
  rediscover?: () => Promise<void>;
  contextChanged?: (context: ResolvedContext) => void;
}

/** The wired daemon parts. */
export interface Wiring {
  /** Applies a configuration and context; credentials undefined: none yet (no client, units wait). */
  apply(config: AgentConfig, context: ResolvedContext | undefined, credentials: Credentials | undefined, reason: RefreshReason): void;
  /** The OneGate calls, once there are credentials. */
  readonly api: DaemonApi | undefined;
  /** One cycle's attributes (the collectors' first sample, taken when they were built, is awaited). */
  gather(): Promise<Gathered>;
  /** The failure-recording helper the units use. */
  failed: ReportFailure;
  /** The units' fields of status.json. */
  status(): UnitStatus;
  /** Every unit withdraws what it published, in list order (the drain at system shutdown). */
  drain(): Promise<void>;
  /** Stops every unit's timers. */
  halt(): void;
  /** Resolves when no request is in flight or queued. */
  requestsDone(): Promise<void>;
  /** Resolves when every unit's work in flight has finished. */
  idle(): Promise<void>;
  /** Closes the client's idle connections. */
  close(): void;
}

/** An erase answered 500 "attribute not found" (docs/lifecycle.md): the attribute is gone, as wanted. */
function goneIsErased(err: unknown): void {
  if (isOneGateError(err) && err.status === 500 && /attribute not found/i.test(err.body ?? err.message)) return;
  throw err;
}

export function wire(deps: WireDeps): Wiring {
  const { log } = deps;
  const clock = deps.clock ?? systemClock;
  const flags = deps.flags ?? {};
  const lock = createSerialLock();
  const running = new Map<Unit, RunningUnit>();
  let config = defaultConfig();
  let context: ResolvedContext | undefined;
  let client: OneGateClient | undefined;
  let api: DaemonApi | undefined;
  let generation = 0;
  let signature = '';
  let active: ActiveCollector[] = [];
  let primed: Promise<unknown> = Promise.resolve();

  const failed: ReportFailure = (feature, label, err, hint = '') => {
    const failure = toFailure(err);
    if (recordFailure(feature, failure, clock.now(), logEveryMsOf(config))) log.error(`${label}: ${failure.message}${hint}`);
  };

  const ctx: UnitContext = {
    get config() {
      return config;
    },
    get context() {
      return context;
    },
    get api() {
      return api;
    },
    get generation() {
      return generation;
    },
    state: deps.state ?? emptyState(),
    flags,
    bootId: deps.bootId ?? '',
    clock,
    log,
    signal: deps.signal ?? new AbortController().signal,
    persist: deps.persist ?? (() => {}),
    failed,
    gather,
    rediscover: deps.rediscover ?? (async () => {}),
    contextChanged: deps.contextChanged ?? (() => {}),
    documentChanged,
    healthChanged(overall) {
      for (const unit of deps.units) running.get(unit)?.onHealth?.(overall);
    },
  };

  async function gather(): Promise<Gathered> {
    await primed;
    return gatherAttributes(config, active, log, ctx.signal);
  }

  async function documentChanged(change: HookInvocation): Promise<void> {
    for (const unit of deps.units) await running.get(unit)?.onDocument?.(change);
  }

  function open(credentials: Credentials): void {
    const discover = discoverOptionsOf(config, flags);
    const c = new OneGateClient({
      credentials,
      // On a 401: read the token again (token.txt, one_env, ONEGATE_TOKEN, the CONTEXT media), retry once.
      refreshCredentials: () => resolveCredentials(discover),
      ...clientOptionsOf(config),
      log,
      signal: ctx.signal,
    });
    client = c;
    api = {
      getVm: () => lock.run(() => c.getVm()),
      getService: (o) => lock.run(() => c.getService(o)),
      getVrouter: (o) => lock.run(() => c.getVrouter(o)),
      getVnet: (id, o) => lock.run(() => c.getVnet(id, o)),
      updateVm: (attributes) => lock.run(() => c.updateVm(attributes)),
      eraseVmAttribute: (key) => lock.run(() => c.eraseVmAttribute(key).catch(goneIsErased)),
    };
    generation++;
  }

  function drop(): void {
    client?.close();
    client = undefined;
    api = undefined;
  }

  // Same configuration: the client stays (the puller keeps its snapshots, so no hook fires again) and only
  // the credentials change. Another configuration: a new client and new collectors.
  function connect(credentials: Credentials | undefined): void {
    const next = JSON.stringify([config, flags]);
    if (next !== signature) {
      drop();
      active = createCollectors(collectorsFor(process.platform), {
        procRoot: deps.procRoot ?? '/proc',
        sysRoot: deps.sysRoot ?? '/sys',
        log,
        now: monotonicMs,
        options: metricsOptionsOf(config),
      });
      primed = collectAll(active, log); // the first sample of the rate collectors primes them
      signature = next;
    }
    if (!credentials) {
      drop();
      return;
    }
    try {
      if (client) client.setCredentials(credentials);
      else open(credentials);
    } catch (err) {
      failed(ctx.state.context, 'onegate', err);
    }
  }

  function refreshUnits(reason: RefreshReason): void {
    for (const unit of deps.units) {
      const started = running.get(unit);
      const wanted = unit.enabled(config);
      if (started && !wanted) {
        started.stop();
        running.delete(unit);
      } else if (!started && wanted) running.set(unit, unit.start(ctx));
      else started?.refresh?.(reason);
    }
  }

  return {
    apply(nextConfig, nextContext, credentials, reason) {
      config = nextConfig;
      context = nextContext;
      connect(credentials);
      refreshUnits(reason);
    },
    get api() {
      return api;
    },
    gather,
    failed,
    status: () => Object.assign({}, ...[...running.values()].map((u) => u.status?.())),
    async drain() {
      for (const unit of deps.units) await running.get(unit)?.drain?.();
    },
    halt() {
      for (const unit of running.values()) unit.stop();
    },
    requestsDone: () => lock.run(async () => {}),
    idle: async () => {
      await Promise.all([...running.values()].map((u) => u.idle?.()));
    },
    close: () => client?.close(),
  };
}
