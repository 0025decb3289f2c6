// The hooks unit: runs the programs of an event when the pull unit reports a changed document (watch,
// diff, act). Off when neither hooks.commands nor hooks.directory names any.
import { createHookRunner } from '../../hooks/run-hooks';
import type { RunHook } from '../../hooks/types';
import { hooksOptionsOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';

export const hooks: Unit = {
  name: 'hooks',
  enabled: (config) => config.hooks.directory !== '' || Object.keys(config.hooks.commands).length > 0,
  start: startHooks,
};

function startHooks(ctx: UnitContext): RunningUnit {
  const runnerOf = (): RunHook => createHookRunner({ options: hooksOptionsOf(ctx.config), log: ctx.log, signal: ctx.signal });
  let run = runnerOf();
  return {
    refresh() {
      run = runnerOf();
    },
    async onDocument(change) {
      await run(change);
    },
    stop() {},
  };
}
