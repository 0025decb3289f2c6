// state.json under state_dir: loaded at start, saved after every change and at exit, so a restart
// loses no pending attribute and does not report READY twice. Mode 0600 (custom attributes may be
// private); the token is never part of it.
import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log';
import { replaceFileSync } from './atomic';
import { type AgentState, emptyState } from './types';

/** The state file inside `stateDir`. */
export function statePath(stateDir: string): string {
  return join(stateDir, 'state.json');
}

/**
 * Reads the state; a missing file gives a fresh state. A file that cannot be read as a whole (cut off, not JSON,
 * another format) is kept aside as state.json.corrupt; a section of the wrong shape is reset alone, the others
 * kept (a bad `lb` section does not cost the pending attributes). Either way a warning says what was lost.
 */
export function loadState(stateDir: string, log: Logger): AgentState {
  const path = statePath(stateDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`state: cannot read ${path}: ${(err as Error).message}; starting fresh`);
    return emptyState();
  }
  let merged: { state: AgentState; reset: string[] };
  try {
    merged = mergeState(JSON.parse(text));
  } catch (err) {
    const why = err instanceof SyntaxError ? 'not JSON: cut off or damaged' : (err as Error).message;
    log.warn(`state: ${path} is not valid (${why}); kept as ${path}.corrupt, starting fresh: ${LOST}`);
    setAside(path, renameSync);
    return emptyState();
  }
  if (merged.reset.length > 0) {
    const lost = merged.reset.includes('push') ? `; ${LOST}` : '';
    log.warn(`state: ${path}: bad ${merged.reset.join(' and ')} section reset, the rest kept (copy in ${path}.corrupt)${lost}`);
    setAside(path, copyFileSync);
  }
  return merged.state;
}

/** What a reset push section costs, said wherever one is. */
const LOST = 'attributes pending in it are not sent until their source gives them again, and READY may be reported again';

function setAside(path: string, move: (from: string, to: string) => void): void {
  try {
    move(path, `${path}.corrupt`);
  } catch {
    /* nothing more to save */
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

// Fields missing from an older or hand-edited file take their fresh values; a section of the wrong shape is
// reset to its fresh value and named in `reset`; a file that is not version 1 is refused whole.
function mergeState(raw: unknown): { state: AgentState; reset: string[] } {
  const fresh = emptyState();
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { version?: unknown }).version !== 1) {
    throw new Error('unknown format');
  }
  const r = raw as Record<string, unknown>;
  const reset: string[] = [];
  const section = <T extends object>(name: string, base: T, ok: (merged: T) => boolean): T => {
    const value = r[name];
    if (value === undefined) return base;
    const merged = { ...base, ...(isObject(value) ? value : {}) } as T;
    if (isObject(value) && ok(merged)) return merged;
    reset.push(name);
    return base;
  };
  // owners and erasing came later: a file without them loads with none (nothing is erased that was not recorded).
  const push = section(
    'push',
    fresh.push,
    (p) =>
      isStringMap(p.pending) &&
      isStringMap(p.sent) &&
      Number.isInteger(p.cycle) &&
      isStringMap(p.owners) &&
      Array.isArray(p.erasing) &&
      p.erasing.every((n) => typeof n === 'string'),
  );
  const lb = section('lb', fresh.lb, (l) => isStringMap(l.published));
  const ready = section('ready', fresh.ready, (rd) => typeof rd.status === 'string');
  const pull = section('pull', {} as AgentState['pull'], () => true);
  const context = section('context', {} as AgentState['context'], () => true);
  return { state: { version: 1, push, ready, pull, context, lb }, reset };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
