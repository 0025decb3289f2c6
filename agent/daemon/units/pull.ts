// The pull unit: GET /vm and the documents the VM belongs to, half an interval after the push (its
// requests fill the gaps between the fleet's pushes instead of doubling them), written under run_dir; a
// changed document goes to every unit's onDocument (the hooks). The puller keeps its snapshots as long as
// the client (the configuration) stays, so a token rotation fires no hook again.
import { createPuller } from '../../pull/puller';
import { ownsAttribute } from '../../push/pusher';
import { recordFailure, recordSuccess } from '../../state/feature';
import { pullerOptionsOf, pullIntervalOf } from '../options';
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
  const ticker = phasedTicker(ctx, { intervalMs: (c) => pullIntervalOf(c) * 1000, phaseOffset: 0.5, onTick: cycle });
  let stopped = false;

  function sync(): void {
    pullers.current()?.reset();
    ticker.sync();
  }

  async function cycle(): Promise<void> {
    const puller = pullers.current();
    if (stopped || !puller) return;
    const { state } = ctx;
    try {
      const report = await puller.pullOnce();
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
