// Context discovery: each of endpoint, VMID and token is taken from the first layer that has it.
// Layers, highest first: explicit options; --context-file/--context-dir (which replace the search);
// the environment; the context of the first source in the registry that has one (sources/index.ts); one_env.
import type { Credentials } from '../onegate/types';
import { ContextError } from './errors';
import type { Candidate, Candidates } from './sources/candidates';
import { type ParsedContext, parseContextFiles } from './sources/context-files';
import { readEnvironment } from './sources/environment';
import { readExplicit } from './sources/explicit';
import { sourceContext } from './sources/files';
import { findContext, sourcesFor } from './sources/index';
import { type OneEnvSource, readOneEnv } from './sources/one-env';
import type { ContextFiles, ContextSource, DiscoverOptions, ResolvedContext } from './types';
import { checkEndpoint, checkVmid, cleanToken } from './validate';

/** Finds the endpoint, VMID, token and every context variable; throws CONTEXT_INVALID on bad input. */
export async function discoverContext(opts: DiscoverOptions = {}): Promise<ResolvedContext> {
  return (await discoverDetailed(opts)).context;
}

/** What discovery settles on before the endpoint and VMID are checked (`doctor` reports a bad one itself). */
export interface UncheckedContext {
  /** The endpoint, VMID and token picked, each with its origin; not validated. */
  picked: Candidates;
  /** Where the variables came from. */
  source: ContextSource;
  /** Every context variable. */
  vars: Record<string, string>;
  /** Where the variables were read, for messages. */
  varsOrigin?: string;
  /** The raw files of the context source, if one was found. */
  files?: ContextFiles;
}

/** Finds the layers and picks endpoint, VMID and token from them; throws CONTEXT_INVALID for an unusable source. */
export async function discoverUnchecked(opts: DiscoverOptions): Promise<UncheckedContext> {
  const ctx = sourceContext(opts);
  const explicit = await readExplicit(opts);
  const environment = await readEnvironment(ctx);
  const { sources, given } = sourcesFor(opts);
  const files = await findContext(sources, ctx);
  const context = files ? parseContextFiles(files) : undefined;
  const oneEnv = given ? undefined : await readOneEnv(ctx);
  const layers = given ? [explicit, context, environment] : [explicit, environment, context, oneEnv];
  const picked: Candidates = {};
  for (const key of ['endpoint', 'vmid', 'token'] as const) {
    const value = pick(layers, key);
    if (value) picked[key] = value;
  }
  return { picked, ...variables(files?.kind, context, oneEnv, environment), files };
}

/** discoverContext plus the raw files of the context source, which the watcher probes cheaply. */
export async function discoverDetailed(opts: DiscoverOptions): Promise<{ context: ResolvedContext; files?: ContextFiles }> {
  const { picked, source, vars, varsOrigin, files } = await discoverUnchecked(opts);
  const { endpoint, vmid, token } = picked;
  const resolved: Omit<ResolvedContext, 'fingerprint'> = {
    endpoint: endpoint && checkEndpoint(endpoint.value, endpoint.origin),
    vmid: vmid && checkVmid(vmid.value, vmid.origin),
    token: cleanToken(token?.value),
    source,
    sources: { endpoint: endpoint?.origin, vmid: vmid?.origin, token: token?.origin, vars: varsOrigin },
    vars,
  };
  // Computed when first read: node:crypto is ~17 Node modules, and `onegate` never reads the fingerprint.
  let hash: string | undefined;
  const result: ResolvedContext = {
    ...resolved,
    get fingerprint() {
      hash ??= fingerprint(resolved);
      return hash;
    },
  };
  return { context: result, files };
}

/** Discovery that insists on all three credentials; CONTEXT_MISSING names what is missing. */
export async function resolveCredentials(opts: DiscoverOptions = {}): Promise<Credentials> {
  return credentialsOf(await discoverContext(opts));
}

/** The credentials of a discovered context; throws CONTEXT_MISSING naming the first one absent. */
export function credentialsOf(ctx: ResolvedContext): Credentials {
  if (!ctx.endpoint) throw missing('ONEGATE_ENDPOINT', '--endpoint');
  if (!ctx.vmid) throw missing('VMID', '--vmid');
  if (!ctx.token) throw missing('token', '--token-file');
  return { endpoint: ctx.endpoint, vmid: ctx.vmid, token: ctx.token };
}

function missing(what: string, option: string): ContextError {
  return new ContextError(
    'CONTEXT_MISSING',
    what,
    `not found in any context source (the VM's context needs TOKEN="YES"; or pass ${option})`,
  );
}

function pick(layers: (Candidates | undefined)[], key: keyof Candidates): Candidate | undefined {
  for (const layer of layers) if (layer?.[key]) return layer[key];
  return undefined;
}

function variables(
  kind: ContextSource | undefined,
  context: ParsedContext | undefined,
  oneEnv: OneEnvSource | undefined,
  environment: Candidates,
): { source: ContextSource; vars: Record<string, string>; varsOrigin?: string } {
  if (kind && context) return { source: kind, vars: context.vars, varsOrigin: context.label };
  if (oneEnv) return { source: 'one_env', vars: oneEnv.vars, varsOrigin: oneEnv.file };
  const vars: Record<string, string> = {};
  if (environment.endpoint) vars.ONEGATE_ENDPOINT = environment.endpoint.value;
  if (environment.vmid) vars.VMID = environment.vmid.value;
  if (Object.keys(vars).length > 0) return { source: 'environment', vars, varsOrigin: 'environment' };
  return { source: 'none', vars };
}

function fingerprint(ctx: Omit<ResolvedContext, 'fingerprint'>): string {
  const vars = Object.entries(ctx.vars).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { createHash } = process.getBuiltinModule('node:crypto');
  return createHash('sha256')
    .update(JSON.stringify([ctx.endpoint, ctx.vmid, ctx.token, ctx.source, vars]))
    .digest('hex');
}
