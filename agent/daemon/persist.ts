// Saving state.json and status.json after every cycle and event. state.json is rewritten (with fsync)
// only when what a restart needs changed, and at exit: a write per cycle would dominate the cycle's cost.
// A crash loses only timestamps and the last-sent cache (which at worst re-sends unchanged values once);
// status.json carries the live figures. A failing disk is logged once, never fatal.
import type { Logger } from '../log';
import { writeStatus } from '../state/status';
import { essentialState, saveState } from '../state/store';
import { buildStatus, type StatusInputs } from './status-doc';

/** Saves state and status; `inputs.stoppedAt` marks the final save. */
export type Persist = (inputs: StatusInputs) => void;

export function createPersist(log: Logger): Persist {
  let saved = '';
  let warned = false;
  return (inputs) => {
    try {
      const essential = essentialState(inputs.state);
      if (essential !== saved || inputs.stoppedAt !== undefined) saveState(inputs.config.state_dir, inputs.state);
      saved = essential;
      writeStatus(inputs.config.run_dir, buildStatus(inputs, Date.now()));
      warned = false;
    } catch (err) {
      if (!warned) log.error(`state: cannot save: ${(err as Error).message}`);
      warned = true;
    }
  };
}
