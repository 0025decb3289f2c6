// The daemon's life: configuration -> lock and state -> context -> credentials -> the wired units, plus
// reload and shutdown. Every failure is recorded and logged (rate-limited) and retried later; nothing a server
// or a file does ends the process. What runs is the unit list (units/index.ts); how it is built is wire.ts.
import { loadConfig } from '../config/load';
import { applyContextOverrides } from '../config/overrides';
import type { AgentConfig } from '../config/schema';
import { discoverContext } from '../context/discover';
import type { ResolvedContext } from '../context/types';
import type { Logger, LogLevel } from '../log';
import { readBootId } from '../ready/boot-id';
import { type Clock, systemClock } from '../schedule/clock';
import { recordSuccess } from '../state/feature';
import { lockStateDir, type StateLock, StateLockedError } from '../state/lock';
import { loadState } from '../state/store';
import type { AgentState } from '../state/types';
import { drain, takeShutdownMarker } from './drain';
import { discoverOptionsOf } from './options';
import { createPersist } from './persist';
import { platformGaps } from './platform-gaps';
import { units } from './units/index';
import { type Wiring, wire } from './wire';

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
  /** Time source of every unit; default the system clock. */
  clock?: Clock;
}

/** The running daemon. */
export interface Daemon {
  /** Loads configuration and state, discovers the context and starts the units. Throws ConfigError, StateLockedError. */
  start(): Promise<void>;
  /** SIGHUP: new configuration (a bad file keeps the old one) and context; pending work is kept. */
  reload(): Promise<void>;
  /** SIGTERM: finishes or abandons the in-flight request, saves state; resolves when done. */
  stop(): Promise<void>;
}

/** After the abort, how long the abandoned request and the cycles around it may take to settle. */
const SETTLE_MS = 500;

export function createDaemon(opts: DaemonOptions): Daemon {
  const { log } = opts;
  const clock = opts.clock ?? systemClock;
  const abort = new AbortController();
  const startedAt = clock.now();
  const bootId = readBootId(opts.procRoot);
  let fileConfig: AgentConfig;
  let configFile: string | undefined;
  let config: AgentConfig;
  let overrides: string[] = [];
  let state: AgentState;
  let context: ResolvedContext | undefined;
  let wiring: Wiring;
  let stateLock: StateLock | undefined;
  let stopped = false;
  let reloading: Promise<void> = Promise.resolve();

  const save = createPersist(log, clock.now);
  function persist(stoppedAt?: number): void {
    save({ config, configFile, overrides, context, state, startedAt, stoppedAt, ...wiring.status() });
  }

  async function discover(): Promise<ResolvedContext | undefined> {
    try {
      const found = await discoverContext(discoverOptionsOf(fileConfig, opts.flags));
      // The context is readable again; apply() judges whether it holds the credentials.
      if (state.context.lastError?.code !== 'CONTEXT_MISSING') delete state.context.lastError;
      return found;
    } catch (err) {
      wiring.failed(state.context, 'context', err);
      return undefined;
    }
  }

  // Applies the file configuration and a context: overrides, credentials, then the units.
  function apply(ctx: ResolvedContext | undefined, reason: 'context' | 'reload' = 'context'): void {
    if (ctx) context = ctx;
    const o = applyContextOverrides(fileConfig, context?.vars ?? {});
    for (const line of o.rejected) log.warn(line);
    if (o.applied.join() !== overrides.join() && o.applied.length > 0) log.info(`context overrides: ${o.applied.join(', ')}`);
    overrides = o.applied;
    config = o.config;
    opts.setLevel(config.log_level as LogLevel);
    const c = context;
    let credentials: { endpoint: string; vmid: string; token: string } | undefined;
    if (!c?.endpoint || !c.vmid || !c.token) {
      const missing = ['endpoint', 'vmid', 'token'].filter((k) => !c?.[k as 'endpoint']).join(', ');
      const failure = { code: 'CONTEXT_MISSING', message: `no OneGate ${missing} in the context (the VM template needs TOKEN="YES")` };
      // A discovery error already recorded is the better explanation; do not alternate with this one.
      if (!state.context.lastError || state.context.lastError.code === failure.code)
        wiring.failed(state.context, 'context', failure, '; waiting for it');
    } else {
      if (recordSuccess(state.context, clock.now())) log.info('context: OneGate credentials found');
      credentials = { endpoint: c.endpoint, vmid: c.vmid, token: c.token };
      delete state.pull.disabled; // what a 403 turned off is tried again
    }
    wiring.apply(config, context, credentials, reason);
    persist();
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

  function readConfig(): void {
    const loaded = loadConfig(opts.configFile);
    fileConfig = loaded.config;
    configFile = loaded.file;
  }

  async function begin(): Promise<void> {
    readConfig();
    opts.setLevel(fileConfig.log_level as LogLevel);
    stateLock = takeLock(fileConfig.state_dir);
    takeShutdownMarker(fileConfig.run_dir); // left by a shutdown that did not reach the daemon
    state = loadState(fileConfig.state_dir, log);
    config = fileConfig;
    for (const line of platformGaps(process.platform, fileConfig)) log.info(line);
    wiring = wire({
      units,
      log,
      state,
      clock,
      signal: abort.signal,
      flags: opts.flags,
      procRoot: opts.procRoot,
      sysRoot: opts.sysRoot,
      bootId,
      persist: () => persist(),
      rediscover: async () => {
        if (!stopped) apply(await discover());
      },
      contextChanged: (ctx) => {
        if (!stopped) apply(ctx);
      },
    });
    log.info(
      `started (configuration ${configFile ?? 'defaults'}, ${Object.keys(state.push.pending).length} attribute(s) pending from before)`,
    );
    apply(await discover());
  }

  // Resolves after `promise` or `ms`, whichever comes first; the timer never outlives it.
  async function within(promise: Promise<unknown>, ms: number): Promise<void> {
    let timer: unknown;
    const timeout = new Promise<void>((resolve) => {
      timer = clock.setTimeout(resolve, ms);
    });
    await Promise.race([promise, timeout]);
    clock.clearTimeout(timer);
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
          readConfig();
        } catch (err) {
          log.error(`reload: ${(err as Error).message.replace(/\n/g, '; ')}; keeping the previous configuration`);
        }
        apply(await discover(), 'reload');
      });
      return reloading;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await reloading;
      if (state === undefined) return; // start-up failed: nothing to save
      const shutdown = takeShutdownMarker(config.run_dir);
      wiring.halt();
      if (shutdown) await drain({ config, state, api: wiring.api, log, clock, withdraw: () => wiring.drain() });
      // Let the in-flight request finish for a moment, then abandon it.
      await within(wiring.requestsDone(), opts.graceMs ?? 3000);
      abort.abort();
      // The abandoned request settles at once after the abort; wait for it and for the cycles around it
      // (bounded) so its outcome is saved and nothing is logged or written after "stopped".
      await within(Promise.all([wiring.requestsDone(), wiring.idle()]), SETTLE_MS);
      wiring.close();
      persist(clock.now());
      stateLock?.release();
      log.info('stopped');
    },
  };
}
