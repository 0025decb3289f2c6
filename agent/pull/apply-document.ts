// Act on one fetched (or vanished) document: write or remove its file, and when the parts an
// event depends on changed, run that event's hooks with the old and the new document.
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { HookEvent, HookInvocation } from '../hooks/types';
import type { Logger } from '../log';
import { hostFacts } from '../platform/facts';
import { nullDevice } from '../platform/paths';
import { replaceFileSync } from '../state/atomic';
import type { Change } from './diff';

/** The path hooks get for a document that is not there: /dev/null, NUL on Windows. */
const NO_DOCUMENT = nullDevice(hostFacts());

/** What the agent remembers about one document between pulls. */
export interface DocState {
  /** Report name: vm, service, vrouter, vnet-<id>. */
  name: string;
  /** Absolute path of its file under the run directory. */
  path: string;
  /** The last document, undefined before the first fetch and after a removal. */
  doc?: unknown;
  /** What the file holds now (undefined: no file). */
  content?: string;
  /** False until the first fetch (or removal) since the agent started: that one always counts as a change. */
  seen: boolean;
  /** The last error logged, so a repeating failure is logged once. */
  lastError?: string;
}

/** What applying needs from the puller. */
export interface ApplyContext {
  /** The run directory; the old copy for the hooks is a hidden file in it (.vm.json.old), removed after them. */
  runDir: string;
  /** Logger. */
  log: Logger;
  /** Runs the hooks of one event. */
  runHook: (invocation: HookInvocation) => Promise<unknown>;
  /** ONEGATE_VMID for the hooks. */
  vmid(): string;
}

/** A fresh state for a document stored at runDir/<name>.json. */
export function newDocState(runDir: string, name: string): DocState {
  return { name, path: join(runDir, `${name}.json`), seen: false };
}

/** Writes `next` (or removes the file when undefined), runs the hooks of `diff`'s events; returns the events. */
export async function applyDocument(
  ctx: ApplyContext,
  state: DocState,
  next: unknown,
  diff: (old: unknown, next: unknown) => Change[],
): Promise<HookEvent[]> {
  const first = !state.seen;
  await primeState(state);
  const content = next === undefined ? undefined : `${JSON.stringify(next, null, 2)}\n`;
  // The steady state: the same text as last time cannot hold a change, so skip the diff.
  if (!first && content === state.content) {
    state.doc = next;
    return [];
  }
  const changes = diff(first ? undefined : state.doc, next);
  const oldPath = changes.length > 0 && state.content !== undefined ? join(ctx.runDir, `.${basename(state.path)}.old`) : NO_DOCUMENT;
  if (oldPath !== NO_DOCUMENT) replaceFileSync(oldPath, state.content as string, 0o644);
  if (content !== state.content) {
    if (content === undefined) await rm(state.path, { force: true });
    else replaceFileSync(state.path, content, 0o644);
  }
  Object.assign(state, { doc: next, content, seen: true });
  try {
    const base = {
      ONEGATE_VMID: ctx.vmid(),
      ONEGATE_RUN_DIR: ctx.runDir,
      ONEGATE_DOCUMENT: basename(state.path),
      ONEGATE_FIRST: first ? 'YES' : 'NO',
      ONEGATE_REMOVED: next === undefined ? 'YES' : 'NO',
    };
    const newPath = content === undefined ? NO_DOCUMENT : state.path;
    for (const change of changes) await runHookSafely(ctx, { event: change.event, oldPath, newPath, env: { ...base, ...change.env } });
  } finally {
    if (oldPath !== NO_DOCUMENT) await rm(oldPath, { force: true });
  }
  return changes.map((c) => c.event);
}

/** Before the first fetch, picks up the file an earlier run of the agent left (its old copy for the hooks). */
export async function primeState(state: DocState): Promise<void> {
  if (!state.seen && state.content === undefined) state.content = await readIfExists(state.path);
}

async function runHookSafely(ctx: ApplyContext, inv: HookInvocation): Promise<void> {
  try {
    await ctx.runHook(inv);
  } catch (err) {
    ctx.log.warn(`hooks ${inv.event}: ${(err as Error).message}`);
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
