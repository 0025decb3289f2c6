// The daemon: configuration -> context -> units -> schedules, plus reload and shutdown. Every failure
// is recorded and logged (rate-limited) and retried later; nothing a server or a file does ends the process.
import { hostname } from 'node:os';
import { loadConfig } from '../config/load';
import { applyContextOverrides } from '../config/overrides';
import type { AgentConfig } from '../config/schema';
import { discoverContext } from '../context/discover';
import type { ResolvedContext } from '../context/types';
import { type ContextWatcher, watchContext } from '../context/watch';
import type { Logger, LogLevel } from '../log';
import { collectAll } from '../metrics';
import { readBootId } from '../ready/boot-id';
import { createSerialLock } from '../schedule/serial';
import { createTicker, type Ticker } from '../schedule/ticker';
import { recordFailure, recordSuccess, toFailure } from '../state/feature';
import { lockStateDir, type StateLock, StateLockedError } from '../state/lock';
import { loadState } from '../state/store';
import type { AgentState } from '../state/types';
import { gatherAttributes } from './gather';
import { discoverOptionsOf, logEveryMsOf, pullIntervalOf } from './options';
import { createPersist } from './persist';
import { buildUnits, type Units } from './units';

/** How the daemon is started (from `onegate-agent run`). */
export interface DaemonOptions {
  /** --config; undefined: the default path, which may be absent. */
  configFile?: string;
  /** --context-dir / --context-file. */
  flags: { contextDir?: string; contextFile?: string };
  /** The logger; its level follows log_level through setLevel. */
  log: Logger;
  setLevel: (level: LogLevel) => void;
  /** Roots for the collectors; default /proc and /sys. */
  procRoot?: string;
  sysRoot?: string;
  /** How long SIGTERM waits for the in-flight request before abandoning it; default 3000 ms. */
  graceMs?: number;
}

/** The running daemon. */
export interface Daemon {
  /** Loads configuration and state, discovers the context and starts the schedules. Throws ConfigError. */
  start(): Promise<void>;
  /** SIGHUP: new configuration (a bad file keeps the old one) and context; pending work is kept. */
  reload(): Promise<void>;
  /** SIGTERM: finishes or abandons the in-flight request, saves state; resolves when done. */
  stop(): Promise<void>;
}

export function createDaemon(opts: DaemonOptions): Daemon {
  const { log } = opts;
  const abort = new AbortController();
  const lock = createSerialLock();
  const startedAt = Date.now();
  const bootId = readBootId(opts.procRoot);
  let fileConfig: AgentConfig;
  let configFile: string | undefined;
  let config: AgentConfig;
  let overrides: string[] = [];
  let state: AgentState;
  let context: ResolvedContext | undefined;
  let units: Units | undefined;
  let unitsSignature = '';
  let pushTicker: Ticker | undefined;
  let pullTicker: Ticker | undefined;
  const plans: { push?: string; pull?: string } = {};
  let watcher: ContextWatcher | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  let reloading: Promise<void> = Promise.resolve();
  let stateLock: StateLock | undefined;

  const save = createPersist(log);
  function persist(stoppedAt?: number): void {
    save({ config, configFile, overrides, context, state, startedAt, stoppedAt, nextRun: pushTicker?.next, nextPull: pullTicker?.next });
  }

  async function discover(): Promise<ResolvedContext | undefined> {
    try {
      const found = await discoverContext(discoverOptionsOf(fileConfig, opts.flags));
      // The context is readable again; apply() judges whether it holds the credentials.
      if (state.context.lastError?.code !== 'CONTEXT_MISSING') delete state.context.lastError;
      return found;
    } catch (err) {
      if (recordFailure(state.context, toFailure(err), Date.now(), logEveryMsOf(fileConfig))) {
        log.error(`context: ${(err as Error).message}`);
      }
      return undefined;
    }
  }

  // Applies the file configuration and a context: overrides, credentials, units, schedules.
  function apply(ctx: ResolvedContext | undefined): void {
    if (ctx) context = ctx;
    const o = applyContextOverrides(fileConfig, context?.vars ?? {});
    for (const line of o.rejected) log.warn(line);
    if (o.applied.join() !== overrides.join() && o.applied.length > 0) log.info(`context overrides: ${o.applied.join(', ')}`);
    overrides = o.applied;
    config = o.config;
    opts.setLevel(config.log_level as LogLevel);
    const c = context;
    if (!c?.endpoint || !c.vmid || !c.token) {
      const missing = ['endpoint', 'vmid', 'token'].filter((k) => !c?.[k as 'endpoint']).join(', ');
      const failure = { code: 'CONTEXT_MISSING', message: `no OneGate ${missing} in the context (the VM template needs TOKEN="YES")` };
      // A discovery error already recorded is the better explanation; do not alternate with this one.
      const known = state.context.lastError && state.context.lastError.code !== failure.code;
      if (!known && recordFailure(state.context, failure, Date.now(), logEveryMsOf(config)))
        log.error(`context: ${failure.message}; waiting for it`);
      units?.ready.stop();
      units = undefined;
    } else {
      const ended = recordSuccess(state.context, Date.now());
      if (ended) log.info('context: OneGate credentials found');
      rebuild({ endpoint: c.endpoint, vmid: c.vmid, token: c.token });
      units?.ready.update(c, bootId);
    }
    schedule();
    persist();
  }

  // Same configuration: the units stay (the puller keeps its snapshots, so no hook fires again) and only
  // the credentials change. Another configuration: new units. Either way, what a 403 turned off is retried.
  function rebuild(credentials: { endpoint: string; vmid: string; token: string }): void {
    const signature = JSON.stringify([config, opts.flags]);
    if (units && signature === unitsSignature) {
      try {
        units.client.setCredentials(credentials);
      } catch (err) {
        if (recordFailure(state.context, toFailure(err), Date.now(), logEveryMsOf(config))) log.error(`onegate: ${(err as Error).message}`);
        return;
      }
    } else {
      units?.ready.stop();
      units?.client.close();
      try {
        units = buildUnits({
          config,
          credentials,
          state,
          log,
          lock,
          signal: abort.signal,
          flags: opts.flags,
          procRoot: opts.procRoot ?? '/proc',
          sysRoot: opts.sysRoot ?? '/sys',
          changed: () => persist(),
        });
        unitsSignature = signature;
        void collectAll(units.collectors, log); // the first sample of the rate collectors primes them
      } catch (err) {
        units = undefined;
        if (recordFailure(state.context, toFailure(err), Date.now(), logEveryMsOf(config))) log.error(`onegate: ${(err as Error).message}`);
        return;
      }
    }
    delete state.pull.disabled;
    units.pusher.reset();
    units.puller.reset();
  }

  // (Re)creates a ticker when its interval, jitter or phase key changed. Without a VMID yet the host name
  // keys the phase, so agents waiting for their context still spread out. The pull runs half an interval
  // after the push: its requests fill the gaps between the fleet's pushes instead of doubling them.
  function schedule(): void {
    const key = context?.vmid ?? hostname();
    const pushPlan = `${config.interval}/${config.jitter}/${key}`;
    if (pushPlan !== plans.push) {
      pushTicker?.stop();
      pushTicker = createTicker({ intervalMs: config.interval * 1000, phaseKey: key, jitter: config.jitter, onTick: pushCycle, log });
      pushTicker.start();
      plans.push = pushPlan;
    }
    // With pull off there is no pull ticker at all: a wake-up a cycle for nothing.
    const pullPlan = config.pull.enabled ? `${pullIntervalOf(config)}/${config.jitter}/${key}` : 'off';
    if (pullPlan !== plans.pull) {
      pullTicker?.stop();
      pullTicker = undefined;
      if (config.pull.enabled) {
        pullTicker = createTicker({
          intervalMs: pullIntervalOf(config) * 1000,
          phaseKey: key,
          phaseOffset: 0.5,
          jitter: config.jitter,
          onTick: pullCycle,
          log,
        });
        pullTicker.start();
      }
      plans.pull = pullPlan;
    }
  }

  async function pushCycle(): Promise<void> {
    if (stopped) return;
    if (!units) {
      apply(await discover());
      if (!units) return;
    }
    const u = units;
    if (!config.push.enabled) {
      persist(); // keeps status.json fresh, or `status` would call the daemon stuck
      return;
    }
    try {
      const gathered = await gatherAttributes(config, u.collectors, log, abort.signal);
      for (const p of gathered.problems) log.debug(`push: skipped: ${p}`);
      await u.pusher.cycle(gathered.attributes);
    } catch (err) {
      log.error(`push: cycle failed: ${(err as Error).message}`);
    }
    armRetry(u);
    persist();
  }

  // After a failed push, retry at the backoff time when that comes before the next cycle.
  function armRetry(u: Units): void {
    clearTimeout(retryTimer);
    const at = state.push.retryAt;
    if (stopped || at === undefined || Object.keys(state.push.pending).length === 0) return;
    if (pushTicker?.next !== undefined && at >= pushTicker.next) return;
    retryTimer = setTimeout(
      () => {
        void u.pusher.flush().then(() => {
          armRetry(u);
          persist();
        });
      },
      Math.max(0, at - Date.now()),
    );
  }

  async function pullCycle(): Promise<void> {
    if (stopped || !units || !config.pull.enabled) return;
    try {
      const report = await units.puller.pullOnce();
      const failed = report.documents.find((d) => d.status === 'error');
      if (failed?.error)
        recordFailure(state.pull, { code: failed.error.code, message: `${failed.name}: ${failed.error.message}` }, Date.now(), Infinity);
      else recordSuccess(state.pull, Date.now());
      if (report.disabled.length > 0) state.pull.disabled = `the server refused ${report.disabled.join(', ')} (403)`;
    } catch (err) {
      recordFailure(state.pull, toFailure(err), Date.now(), logEveryMsOf(config));
      log.error(`pull: ${(err as Error).message}`);
    }
    persist();
  }

  function watch(): void {
    watcher?.close();
    watcher = undefined;
    if (fileConfig.context.poll <= 0) return;
    watcher = watchContext({
      ...discoverOptionsOf(fileConfig, opts.flags),
      log,
      initial: context,
      intervalMs: fileConfig.context.poll * 1000,
      signal: abort.signal,
      onChange: (ctx) => {
        if (!stopped) apply(ctx);
      },
    });
  }

  // A live holder ends the start-up; a directory the lock cannot be written in does not (nor would state.json).
  function takeLock(dir: string): StateLock | undefined {
    try {
      return lockStateDir(dir);
    } catch (err) {
      if (err instanceof StateLockedError) throw err;
      log.warn(`state: cannot lock ${dir}: ${(err as Error).message}; running without the lock`);
      return undefined;
    }
  }

  async function begin(): Promise<void> {
    const loaded = loadConfig(opts.configFile);
    fileConfig = loaded.config;
    configFile = loaded.file;
    opts.setLevel(fileConfig.log_level as LogLevel);
    stateLock = takeLock(fileConfig.state_dir);
    state = loadState(fileConfig.state_dir, log);
    config = fileConfig;
    log.info(
      `started (configuration ${configFile ?? 'defaults'}, ${Object.keys(state.push.pending).length} attribute(s) pending from before)`,
    );
    apply(await discover());
    watch();
  }

  return {
    start() {
      // A SIGHUP or SIGTERM during start-up waits for it: reload and stop chain on this promise.
      const starting = begin();
      reloading = starting.catch(() => undefined);
      return starting;
    },
    reload() {
      reloading = reloading.then(async () => {
        if (stopped) return;
        log.info('reloading configuration and context (SIGHUP)');
        try {
          const loaded = loadConfig(opts.configFile);
          fileConfig = loaded.config;
          configFile = loaded.file;
        } catch (err) {
          log.error(`reload: ${(err as Error).message.replace(/\n/g, '; ')}; keeping the previous configuration`);
        }
        apply(await discover());
        watch();
      });
      return reloading;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await reloading;
      if (state === undefined) return; // start-up failed: nothing to save
      pushTicker?.stop();
      pullTicker?.stop();
      watcher?.close();
      clearTimeout(retryTimer);
      units?.ready.stop();
      // Let the in-flight request finish for a moment, then abandon it.
      const grace = new Promise<void>((resolve) => {
        setTimeout(resolve, opts.graceMs ?? 3000).unref();
      });
      await Promise.race([lock.run(async () => {}), grace]);
      abort.abort();
      // The abandoned request settles at once after the abort; wait for it and for the cycles around it
      // (bounded) so its outcome is saved and nothing is logged or written after "stopped".
      const settled = Promise.all([lock.run(async () => {}), pushTicker?.idle(), pullTicker?.idle()]);
      await Promise.race([
        settled,
        new Promise<void>((resolve) => {
          setTimeout(resolve, 500).unref();
        }),
      ]);
      units?.client.close();
      persist(Date.now());
      stateLock?.release();
      log.info('stopped');
    },
  };
}
