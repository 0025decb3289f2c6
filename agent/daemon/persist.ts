// Saving state.json and status.json after every cycle and event. state.json is rewritten (with fsync)
// only when what a restart needs changed, and at exit: a write per cycle would dominate the cycle's cost.
// A crash loses only timestamps and the last-sent cache (which at worst re-sends unchanged values once).
// status.json is rewritten when something besides times and counters changed (an error, pending
// attributes, READY, a feature turned off), and otherwise at most every STATUS_REFRESH_MS: at a short
// interval it would be rewritten twice a second for nothing. A failing disk is logged once, never fatal.

import type { Logger } from '../log';
import { writeStatus } from '../state/status';
import type { StatusDocument } from '../state/status-document';
import { essentialState, saveState } from '../state/store';
import { buildStatus, processFootprint, type StatusInputs } from './status-doc';

/** Saves state and status; `inputs.stoppedAt` marks the final save. */
export type Persist = (inputs: StatusInputs) => void;

/** Longest time status.json goes unwritten while the daemon runs (health calls it stuck after 120 s). */
export const STATUS_REFRESH_MS = 10_000;

export function createPersist(log: Logger, now: () => number = Date.now): Persist {
  let saved = '';
  let shown = '';
  let shownAt = -Infinity;
  let warned = false;
  return (inputs) => {
    try {
      const essential = essentialState(inputs.state);
      if (essential !== saved || inputs.stoppedAt !== undefined) saveState(inputs.config.state_dir, inputs.state);
      saved = essential;
      const at = now();
      const doc = buildStatus(inputs, at);
      const signature = significant(doc);
      if (signature !== shown || at - shownAt >= STATUS_REFRESH_MS || inputs.stoppedAt !== undefined) {
        writeStatus(inputs.config.run_dir, { ...doc, process: processFootprint() });
        shown = signature;
        shownAt = at;
      }
      warned = false;
    } catch (err) {
      if (!warned) log.error(`state: cannot save: ${(err as Error).message}`);
      warned = true;
    }
  };
}

// The status without what changes every cycle: times become "present", counters go.
const VOLATILE = new Set(['updatedAt', 'nextRun', 'nextPull', 'lastSuccess', 'lastAttempt', 'count', 'loggedAt', 'retryAt']);
function significant(doc: Omit<StatusDocument, 'process'>): string {
  return JSON.stringify(doc, (key, value) => (VOLATILE.has(key) ? value !== undefined : value));
}
