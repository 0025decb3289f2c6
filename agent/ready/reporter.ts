// REPORT_READY, as a background loop that never blocks the daemon: run the readiness check (if any) with
// a timeout, then PUT READY=YES; on any failure wait a capped, fully jittered exponential backoff and try
// again until it succeeds (one-context gives up after 3 tries). Reported again after a recontextualization
// (the context variables changed) or a reboot (another boot id), never after a mere daemon restart.
import { createHash } from 'node:crypto';
import type { Logger } from '../log';
import { backoffDelay, type RetryPolicy, sleep } from '../onegate/retry';
import { type RunCommandOptions, type RunCommandResult, runCommand } from '../process/run-command';
import { type Clock, systemClock } from '../schedule/clock';
import { type Failure, recordFailure, recordSuccess, toFailure } from '../state/feature';
import type { ReadyState } from '../state/types';
import { type ReadyCheck, readyCheckOf } from './script';

/** Options of READY reporting; the daemon maps the `ready` and `backoff` config keys to them. */
export interface ReadyOptions {
  /** Report at all (REPORT_READY must also be YES). */
  enabled: boolean;
  /** Kill the readiness check after this long, ms. */
  scriptTimeoutMs: number;
  /** Delay between attempts (maxAttempts ignored: it never gives up). */
  backoff: Omit<RetryPolicy, 'maxAttempts'>;
  /** An identical failure is logged at most once per this many ms. */
  logEveryMs: number;
}

/** What createReadyReporter needs. */
export interface ReadyDeps {
  client: { updateVm(attributes: Record<string, string>): Promise<void> };
  options: ReadyOptions;
  /** Persistent ready state, changed in place. */
  state: ReadyState;
  log: Logger;
  /** Called after every state change (the daemon saves state and status). */
  changed?: () => void;
  /** Runs the check; default runCommand. */
  run?: (options: RunCommandOptions) => Promise<RunCommandResult>;
  /** Time and the retry waits; default the system clock. */
  clock?: Clock;
  rand?: () => number;
  /** health.gate_ready: READY=YES waits, after the readiness check, until this resolves. */
  gate?: ReadyGate;
}

/** What READY=YES waits for after READY_SCRIPT (the health unit's first OK). */
export interface ReadyGate {
  /** What it waits for, for status ("health checks (HEALTH is UNKNOWN)"); undefined once passed. */
  waitsFor(): string | undefined;
  /** Resolves when passed; rejects when the signal aborts. */
  passed(signal: AbortSignal): Promise<void>;
}

/** What the reporter needs to know about the context. */
export interface ReadyContext {
  /** Every context variable. */
  vars: Record<string, string>;
}

/** The ready unit. */
export interface ReadyReporter {
  /** Applies a (new) context and boot id: starts, restarts or stops the reporting loop as needed. */
  update(context: ReadyContext, bootId: string): void;
  /** Stops the loop (a running check is killed). */
  stop(): void;
  /** Resolves when no loop runs. */
  idle(): Promise<void>;
  /** What READY=YES waits for now (READY_SCRIPT, the health checks, OneGate); undefined when not reporting. */
  waitsFor(): string | undefined;
}

/** Hash of the context variables: what "recontextualized" means (a token rotation alone is not). */
export function varsFingerprint(vars: Record<string, string>): string {
  const sorted = Object.keys(vars)
    .sort()
    .map((k) => [k, vars[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

export function createReadyReporter(deps: ReadyDeps): ReadyReporter {
  const { options, state, log } = deps;
  const clock = deps.clock ?? systemClock;
  const now = (): number => clock.now();
  const changed = deps.changed ?? (() => {});
  let controller: AbortController | undefined;
  let loop: Promise<void> | undefined;
  /** What the loop waits for now; the gate says its own (it changes while waiting). */
  let waiting: string | ReadyGate | undefined;

  async function attempt(check: ReadyCheck | undefined, vars: Record<string, string>, signal: AbortSignal): Promise<Failure | undefined> {
    if (check) {
      waiting = check.label;
      const r = await (deps.run ?? runCommand)({
        argv: check.argv,
        timeoutMs: options.scriptTimeoutMs,
        env: vars,
        signal,
        maxOutputBytes: 4096,
      });
      if (signal.aborted) return undefined;
      const why = r.spawnError
        ? `could not start: ${r.spawnError.message}`
        : r.timedOut
          ? `timed out after ${Math.round(options.scriptTimeoutMs / 1000)} s`
          : r.code !== 0
            ? `exit ${r.code ?? r.signal}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').pop()}` : ''}`
            : undefined;
      if (why) return { code: 'READY_SCRIPT_FAILED', message: `${check.label} failed (${why}); READY not reported` };
    }
    if (deps.gate?.waitsFor()) {
      waiting = deps.gate;
      log.info(`ready: waiting for ${deps.gate.waitsFor()} before READY=YES`);
      try {
        await deps.gate.passed(signal);
      } catch {
        return undefined; // aborted: the caller sees the signal
      }
    }
    waiting = 'OneGate';
    try {
      await deps.client.updateVm({ READY: 'YES' });
      return undefined;
    } catch (err) {
      return toFailure(err);
    }
  }

  async function run(vars: Record<string, string>, fingerprint: string, bootId: string, signal: AbortSignal): Promise<void> {
    const check = readyCheckOf(vars);
    for (;;) {
      state.status = 'running';
      state.attempts++;
      // Whatever goes wrong in an attempt is a failure to report and retry, never a loop that dies
      // with READY left "running".
      const failure = await attempt(check, vars, signal).catch((err: unknown) => toFailure(err, 'READY_FAILED'));
      if (signal.aborted) return;
      if (!failure) {
        waiting = undefined;
        Object.assign(state, { status: 'reported', reportedAt: new Date(now()).toISOString(), bootId, fingerprint, attempts: 0 });
        delete state.retryAt;
        recordSuccess(state, now());
        log.info(`ready: reported READY=YES${check ? ` after ${check.label} succeeded` : ''}`);
        changed();
        return;
      }
      // A floor keeps a check that fails at once from spinning when the full jitter draws near zero.
      const delay = Math.max(
        options.backoff.baseMs / 4,
        backoffDelay(state.attempts, { ...options.backoff, maxAttempts: Infinity }, deps.rand),
      );
      state.status = 'failing';
      state.retryAt = now() + delay;
      if (recordFailure(state, failure, now(), options.logEveryMs)) {
        log.warn(`ready: ${failure.message}; retry in ${Math.ceil(delay / 1000)} s`);
      }
      changed();
      try {
        await sleep(delay, signal, clock);
      } catch {
        return;
      }
    }
  }

  // The loop itself broke (a bug, not a failed attempt): say so in the log and the status, never silently.
  function stuck(failure: Failure): void {
    state.status = 'failing';
    delete state.retryAt;
    recordFailure(state, failure, now(), 0);
    log.error(`ready: stopped: ${failure.message}; READY is not reported until the next reload or context change`);
    changed();
  }

  function stop(): void {
    controller?.abort();
    controller = undefined;
  }

  return {
    update(context, bootId) {
      if (!options.enabled || context.vars.REPORT_READY !== 'YES') {
        stop();
        if (state.status !== 'off') Object.assign(state, { status: 'off', attempts: 0 });
        changed();
        return;
      }
      const fingerprint = varsFingerprint(context.vars);
      if (state.status === 'reported' && state.bootId === bootId && state.fingerprint === fingerprint) return;
      const running = controller !== undefined && state.fingerprint === fingerprint && state.bootId === bootId;
      if (running) return;
      if (state.status === 'reported') {
        log.info(`ready: ${state.bootId !== bootId ? 'new boot' : 'context changed'}: reporting READY again`);
      }
      stop();
      Object.assign(state, { status: 'pending', attempts: 0, fingerprint, bootId });
      const current = new AbortController();
      controller = current;
      const previous = loop;
      loop = (async () => {
        await previous;
        await run(context.vars, fingerprint, bootId, current.signal);
      })()
        .catch((err: unknown) => stuck(toFailure(err, 'READY_FAILED')))
        .finally(() => {
          if (controller === current) controller = undefined;
        });
      changed();
    },
    stop,
    async idle() {
      await loop;
    },
    waitsFor() {
      if (!controller || waiting === undefined) return undefined;
      if (typeof waiting !== 'string') return waiting.waitsFor();
      return state.status === 'failing' && waiting === 'OneGate' ? 'OneGate (retrying)' : waiting;
    },
  };
}
