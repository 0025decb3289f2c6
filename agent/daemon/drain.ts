// The drain at a system shutdown, poweroff or reboot (never at a service restart or SIGHUP): the programs
// of hooks.d/stop/ within stop.drain_timeout all together (the one still running at the deadline is
// killed), then every unit withdraws what it published (the lb unit's registrations), then READY and
// HEALTH are erased, so the VM goes through its gate again when it comes back. How the init system tells
// a shutdown from a restart, the marker file run_dir/shutdown, is in docs/lifecycle.md.
import { rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AgentConfig } from '../config/schema';
import { findHooks } from '../hooks/find-hooks';
import type { Logger } from '../log';
import { runCommand } from '../process/run-command';
import type { Clock } from '../schedule/clock';
import type { AgentState } from '../state/types';
import { hooksOptionsOf } from './options';
import type { DaemonApi } from './unit';

/** The file the init system writes before the SIGTERM of a system shutdown. */
export function shutdownMarker(runDir: string): string {
  return join(runDir, 'shutdown');
}

/** True when the marker is there; it is removed, so the next start is not taken for a shutdown. */
export function takeShutdownMarker(runDir: string): boolean {
  const path = shutdownMarker(runDir);
  try {
    statSync(path);
  } catch {
    return false;
  }
  rmSync(path, { force: true });
  return true;
}

/** What the drain needs. */
export interface DrainDeps {
  config: AgentConfig;
  state: AgentState;
  api: DaemonApi | undefined;
  log: Logger;
  clock: Clock;
  /** Every unit withdraws what it published (Wiring.drain). */
  withdraw(): Promise<void>;
}

export async function drain(d: DrainDeps): Promise<void> {
  const { log, clock } = d;
  const budgetMs = Math.round(d.config.stop.drain_timeout * 1000);
  const deadline = clock.now() + budgetMs;
  log.info(`drain: system shutdown: stop hooks (budget ${d.config.stop.drain_timeout} s), then withdrawing and erasing READY, HEALTH`);
  const hooks = await findHooks('stop', hooksOptionsOf(d.config), log);
  for (const argv of hooks) {
    const left = deadline - clock.now();
    if (left <= 0) {
      log.warn(`drain: budget spent; ${basename(argv[0])} and the stop hooks after it not run`);
      break;
    }
    const r = await runCommand({ argv: [...argv, 'stop'], timeoutMs: left, maxOutputBytes: 4096, env: { ONEGATE_EVENT: 'stop' } });
    const name = basename(argv[0]);
    if (r.timedOut) log.warn(`drain: stop hook ${name} killed at the end of the budget`);
    else if (r.spawnError || r.code !== 0)
      log.warn(`drain: stop hook ${name} failed (${r.spawnError?.message ?? `exit ${r.code ?? r.signal}`})`);
    else log.info(`drain: stop hook ${name} ok`);
  }
  await d.withdraw();
  if (!d.api) return;
  // Only what the agent set: READY when it reported it, HEALTH when it runs checks.
  const erase = [
    ...(d.state.ready.status === 'reported' ? ['READY'] : []),
    ...(d.config.health.checks.length > 0 ? ['HEALTH', 'HEALTH_REASON'] : []),
  ];
  for (const key of erase) {
    try {
      await d.api.eraseVmAttribute(key);
    } catch (err) {
      log.warn(`drain: could not erase ${key}: ${(err as Error).message}`);
    }
  }
  Object.assign(d.state.ready, { status: 'pending', attempts: 0 });
  delete d.state.ready.reportedAt;
  log.info(`drain: erased ${erase.join(', ')}`);
}
