// state.json under state_dir: loaded at start, saved after every change and at exit, so a restart
// loses no pending attribute and does not report READY twice. Mode 0600 (custom attributes may be
// private); the token is never part of it.
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { replaceFileSync } from './atomic';
import { type AgentState, emptyState } from './types';

/** The state file inside `stateDir`. */
export function statePath(stateDir: string): string {
  return join(stateDir, 'state.json');
}

/** Reads the state; a missing file gives a fresh state, a corrupt one is kept aside as state.json.corrupt. */
export function loadState(stateDir: string, log: Logger): AgentState {
  const path = statePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`state: cannot read ${path}: ${(err as Error).message}; starting fresh`);
    return emptyState();
  }
  try {
    return mergeState(JSON.parse(text));
  } catch (err) {
    log.warn(`state: ${path} is not valid (${(err as Error).message}); kept as ${path}.corrupt, starting fresh`);
    try {
      renameSync(path, `${path}.corrupt`);
    } catch {
      /* nothing more to save */
    }
    return emptyState();
  }
}

/** Writes the state atomically and durably (fsync; 0600 file in a 0700 directory). */
export function saveState(stateDir: string, state: AgentState): void {
  replaceFileSync(statePath(stateDir), `${JSON.stringify(state, null, 1)}\n`, 0o600, 0o700);
}

/**
 * What a restart needs: the pending attributes and erasures, who owns each attribute, READY's state and the
 * published LB keys (not timestamps and counters).
 */
export function essentialState(state: AgentState): string {
  const { push: p, ready: r } = state;
  return JSON.stringify([p.pending, p.erasing, p.owners, p.disabled, r.status, r.bootId, r.fingerprint, state.lb.published]);
}

// Fields missing from an older or hand-edited file take their fresh values; wrong shapes are rejected.
function mergeState(raw: unknown): AgentState {
  const fresh = emptyState();
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== 1) throw new Error('unknown format');
  const r = raw as Partial<AgentState>;
  const push = { ...fresh.push, ...r.push };
  // owners and erasing came later: a file without them loads with none (nothing is erased that was not recorded).
  if (!isStringMap(push.pending) || !isStringMap(push.sent) || !Number.isInteger(push.cycle)) throw new Error('bad push section');
  if (!isStringMap(push.owners) || !Array.isArray(push.erasing) || !push.erasing.every((n) => typeof n === 'string'))
    throw new Error('bad push section');
  const lb = { ...fresh.lb, ...r.lb };
  if (!isStringMap(lb.published)) throw new Error('bad lb section');
  return { version: 1, push, ready: { ...fresh.ready, ...r.ready }, pull: { ...r.pull }, context: { ...r.context }, lb };
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
