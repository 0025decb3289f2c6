// After a command that changed the VM or its service (vm update, a vm action, service scale), the local
// agent's adaptive pull may be backed off for minutes (docs/pull.md): touching run_dir/wake brings its next
// pull tick back, so hooks see the change at once. Best effort by design: no agent, another run_dir or no
// right to write there changes nothing in what `onegate` prints or returns.
import { closeSync, existsSync, openSync, utimesSync } from 'node:fs';
import { dirname, posix, win32 } from 'node:path';
import { hostFacts, isWindows, type OsFacts } from '../../agent/platform/facts';
import { agentPaths } from '../../agent/platform/paths';

/** The wake file: in ONEGATE_AGENT_RUN_DIR when set (an agent with another run_dir), else the default run_dir. */
export function wakeFile(env: NodeJS.ProcessEnv, facts: OsFacts = hostFacts()): string {
  const path = isWindows(facts) ? win32 : posix;
  return path.join(env.ONEGATE_AGENT_RUN_DIR || agentPaths(facts).runDir, 'wake');
}

/** Sets the wake file's mtime to now, creating it if needed, when its directory exists; never throws. */
export function wakeAgent(env: NodeJS.ProcessEnv): void {
  const file = wakeFile(env);
  try {
    if (!existsSync(dirname(file))) return;
    const now = new Date();
    try {
      utimesSync(file, now, now);
    } catch {
      closeSync(openSync(file, 'a', 0o644));
    }
  } catch {
    // Not the agent's run_dir to write (another user, read-only): the pull catches up on its own schedule.
  }
}
