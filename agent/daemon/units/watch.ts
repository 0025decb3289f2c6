// The watch unit: polls what context discovery reads (the media, context.sh, one_env) every context.poll
// seconds and hands a changed context to the daemon, which applies it at once. Restarted on SIGHUP (the
// places to watch may have changed); a context change alone keeps it, as it found the change itself.
import { type ContextWatcher, watchContext } from '../../context/watch';
import { discoverOptionsOf } from '../options';
import type { RunningUnit, Unit, UnitContext } from '../unit';

export const watch: Unit = {
  name: 'watch',
  enabled: (config) => config.context.poll > 0,
  start: startWatch,
};

function startWatch(ctx: UnitContext): RunningUnit {
  const open = (): ContextWatcher =>
    watchContext({
      ...discoverOptionsOf(ctx.config, ctx.flags),
      log: ctx.log,
      initial: ctx.context,
      intervalMs: ctx.config.context.poll * 1000,
      signal: ctx.signal,
      clock: ctx.clock,
      onChange: ctx.contextChanged,
    });
  let watcher = open();
  return {
    refresh(reason) {
      if (reason !== 'reload') return;
      watcher.close();
      watcher = open();
    },
    stop: () => watcher.close(),
  };
}
