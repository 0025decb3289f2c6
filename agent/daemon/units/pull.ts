// The pull unit: GET /vm and the documents the VM belongs to, half an interval after the push (its
// requests fill the gaps between the fleet's pushes instead of doubling them), written under run_dir; a
// changed document goes to every unit's onDocument (the hooks). The puller keeps its snapshots as long as
// the client (the configuration) stays, so a token rotation fires no hook again. While nothing a hook is
// about changes, pulls back off to pull.max_interval (pull/backoff.ts); a new context, a SIGHUP, READY
// reported or a touch of run_dir/wake (what the VM itself changed) brings the next tick back.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createPullBackoff, maxGapTicks } from '../../pull/backoff';
import { createPuller, type PullReport } from '../../pull/puller';
import { ownsAttribute } from '../../push/pusher';
import { recordFailure, recordSuccess } from '../../state/feature';
import { pullerOptionsOf, pullIntervalOf, pullMaxIntervalOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';
import { onClient, phasedTicker } from './shared';

export const pull: Unit = {
  name: 'pull',
  // With pull off there is no ticker at all: a wake-up a cycle for nothing.
  enabled: (config) => config.pull.enabled,
  start: startPull,
};

function startPull(ctx: UnitContext): RunningUnit {
  const pullers = onClient(ctx, (api) =>
    createPuller({
      client: api,
      options: pullerOptionsOf(ctx.config),
      runDir: ctx.config.run_dir,
      log: ctx.log,
      runHook: ctx.documentChanged,
      isOwnAttribute: (name) => name === 'READY' || ownsAttribute(ctx.state.push, name),
    }),
  );
  const ticker = phasedTicker(ctx, { intervalMs: (c) => pullIntervalOf(c) * 1000, phaseOffset: 0.5, onTick: tick });
  let backoff = createPullBackoff(1);
  let stopped = false;
  let wakeMark = wakeMarkOf(ctx.config.run_dir);
  let readyStatus = ctx.state.ready.status;

  function sync(): void {
    pullers.current()?.reset();
    backoff = createPullBackoff(maxGapTicks(pullMaxIntervalOf(ctx.config), pullIntervalOf(ctx.config)));
    ticker.sync();
  }

  // Changes the VM made itself: a stat and a field read, no request.
  function wokenUp(): boolean {
    const mark = wakeMarkOf(ctx.config.run_dir);
    const woken = mark !== wakeMark || ctx.state.ready.status !== readyStatus;
    wakeMark = mark;
    readyStatus = ctx.state.ready.status;
    return woken;
  }

  // A backed-off pull waits for its own tick of the gap on the epoch's grid, so a fleet started together
  // does not pull in the same interval (schedule/ticker.ts slotOf).
  async function tick(at: number): Promise<void> {
    if (wokenUp()) backoff.wake();
    if (backoff.due((gap) => ticker.onSlot(at, gap))) await cycle();
  }

  async function cycle(): Promise<void> {
    const puller = pullers.current();
    if (stopped || !puller) return;
    const { state } = ctx;
    try {
      const report = await puller.pullOnce();
      backoff.pulled(quiet(report));
      const failed = report.documents.find((d) => d.status === 'error');
      // The puller has logged it (once per change of error): only recorded here.
      if (failed?.error)
        recordFailure(
          state.pull,
          { code: failed.error.code, message: `${failed.name}: ${failed.error.message}` },
          ctx.clock.now(),
          Infinity,
        );
      else recordSuccess(state.pull, ctx.clock.now());
      if (report.disabled.length > 0) state.pull.disabled = `the server refused ${report.disabled.join(', ')} (403)`;
    } catch (err) {
      backoff.wake();
      ctx.failed(state.pull, 'pull', err);
    }
    ctx.persist();
  }

  sync();
  return {
    refresh: sync,
    cycle,
    stop() {
      stopped = true;
      ticker.stop();
    },
    idle: () => ticker.idle(),
    status: () => ({ nextPull: ticker.next }),
  };
}

// Quiet: no hook event, nothing removed or failed (vm.json rewritten for the agent's own pushes is quiet:
// those attributes never fire a hook, so pulling sooner after them would find nothing to act on).
function quiet(report: PullReport): boolean {
  return report.documents.every(
    (d) => d.events.length === 0 && (d.status === 'unchanged' || d.status === 'changed' || d.status === 'absent'),
  );
}

/** The wake file's mtime ("" when absent): anything in the guest may touch it to make the next tick pull. */
function wakeMarkOf(runDir: string): string {
  try {
    return String(statSync(join(runDir, 'wake')).mtimeMs);
  } catch {
    return '';
  }
}
