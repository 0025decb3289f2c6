// What each query root stands for, read once per run: the documents the daemon's pull left under run_dir
// (vm, service, vrouter, vnet keyed by network ID) and the context from the same discovery as
// `onegate-agent context`, with every secret-named variable's value replaced by <redacted>.
import { ContextError } from '../../../agent/context/errors';
import { visibleVars } from '../../../agent/context/format';
import type { ResolvedContext } from '../../../agent/context/types';
import { innerOf } from '../../../agent/onegate/documents';
import { type CachedFile, listCache, readCached } from '../../../agent/pull/cache';
import { isDaemonAlive } from '../../../agent/state/process-info';
import { readStatus } from '../../../agent/state/status';
import { StatusFileError } from '../../../agent/state/status-check';
import type { StatusDocument } from '../../../agent/state/status-document';
import { missingCacheLine } from './missing';
import type { Root } from './path';

/** What a root resolves to. */
export type RootValue =
  /** `wrapper`: the key the file wraps the document in (VM, SERVICE, ...), which a path may repeat. */
  | { kind: 'value'; value: unknown; wrapper?: string }
  /** Exit 2: there is no cache (or context) to answer from at all; `line` says why and what to do. */
  | { kind: 'missing'; line: string }
  /** Exit 1: the cache is there, this document is not; `why` completes "ROOT is ...". */
  | { kind: 'absent'; why: string };

/** The roots of one query run. */
export interface Sources {
  /** The run directory read. */
  runDir: string;
  /** The document files, or undefined when the run directory does not exist. */
  files(): CachedFile[] | undefined;
  /** The value of `root`. */
  root(root: Root): Promise<RootValue>;
  /** The discovered context (for the listing); throws ContextError. */
  context(): Promise<ResolvedContext>;
  /** The daemon's status file, when readable. */
  status(): StatusDocument | undefined;
  /** Why there is no cache (for exit 2). */
  missingLine(): string;
}

const WRAPPERS: Record<string, string> = { vm: 'VM', service: 'SERVICE', vrouter: 'VROUTER', vnet: 'VNET' };

const WHY_ABSENT: Record<string, string> = {
  service: 'the VM is in no service (USER_TEMPLATE/SERVICE_ID), or pull.service is never, or the server refuses /service',
  vrouter: 'the VM is in no virtual router, or pull.vrouter is never, or the server refuses /vrouter',
  vnet: 'no network is pulled: the VM is not a virtual router and pull.vnets names no network',
};

/** Sources reading `runDir`; `discover` finds the context, called at most once. */
export function createSources(runDir: string, discover: () => Promise<ResolvedContext>): Sources {
  let files: CachedFile[] | undefined | null = null;
  let context: Promise<ResolvedContext> | undefined;
  let status: { doc?: StatusDocument } | undefined;
  const listed = () => {
    if (files === null) files = listCache(runDir);
    return files;
  };
  const statusDoc = () => {
    status ??= { doc: readStatusQuietly(runDir) };
    return status.doc;
  };
  const sources: Sources = {
    runDir,
    files: listed,
    context: () => {
      context ??= discover();
      return context;
    },
    status: statusDoc,
    missingLine() {
      const doc = statusDoc();
      return missingCacheLine({
        runDir,
        dirExists: listed() !== undefined,
        status: doc,
        alive: doc !== undefined && isDaemonAlive(doc.pid),
      });
    },
    async root(root) {
      if (root === 'context') return contextRoot(sources);
      const all = listed();
      if (!all?.some((f) => f.name === 'vm')) return { kind: 'missing', line: sources.missingLine() };
      if (root === 'vnet') return vnetRoot(all, runDir);
      const file = all.find((f) => f.name === root);
      if (!file) return { kind: 'absent', why: `not cached (no ${root}.json in ${runDir}: ${WHY_ABSENT[root]})` };
      return { kind: 'value', value: innerOf(readCached(file), WRAPPERS[root]) ?? {}, wrapper: WRAPPERS[root] };
    },
  };
  return sources;
}

function vnetRoot(all: CachedFile[], runDir: string): RootValue {
  const vnets = all.filter((f) => f.name.startsWith('vnet-'));
  if (vnets.length === 0) return { kind: 'absent', why: `not cached (no vnet-<id>.json in ${runDir}: ${WHY_ABSENT.vnet})` };
  const byId: Record<string, unknown> = {};
  for (const f of vnets) byId[f.name.slice('vnet-'.length)] = innerOf(readCached(f), 'VNET') ?? {};
  return { kind: 'value', value: byId };
}

async function contextRoot(sources: Sources): Promise<RootValue> {
  let ctx: ResolvedContext;
  try {
    ctx = await sources.context();
  } catch (err) {
    if (!(err instanceof ContextError)) throw err;
    return { kind: 'missing', line: `context: ${err.message.replace(/\s*\n\s*/g, ' ')}` };
  }
  if (ctx.source === 'none' && Object.keys(ctx.vars).length === 0)
    return { kind: 'absent', why: 'empty: no context source was found (onegate-agent context --debug shows where it looked)' };
  return { kind: 'value', value: visibleVars(ctx.vars, false) };
}

function readStatusQuietly(runDir: string): StatusDocument | undefined {
  try {
    return readStatus(runDir);
  } catch (err) {
    if (err instanceof StatusFileError) return undefined;
    throw err;
  }
}
