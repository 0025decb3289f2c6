// Environment variables: ONEGATE_ENDPOINT, VMID, TOKENTXT (what the Ruby CLI reads) and ONEGATE_TOKEN.
import { isAbsolute } from 'node:path';
import type { SourceContext } from '../types';
import { type Candidate, type Candidates, candidate } from './candidates';

/** The values the environment offers. */
export async function readEnvironment(ctx: SourceContext): Promise<Candidates> {
  const env = ctx.env;
  return {
    endpoint: candidate(env.ONEGATE_ENDPOINT, 'environment ONEGATE_ENDPOINT'),
    vmid: candidate(env.VMID, 'environment VMID'),
    token: candidate(env.TOKENTXT, 'environment TOKENTXT') ?? (await onegateToken(env.ONEGATE_TOKEN, ctx)),
  };
}

/** The token file ONEGATE_TOKEN may name, for the watcher. */
export function environmentFiles(env: Record<string, string | undefined>): string[] {
  return env.ONEGATE_TOKEN && isAbsolute(env.ONEGATE_TOKEN) ? [env.ONEGATE_TOKEN] : [];
}

/**
 * ONEGATE_TOKEN in the environment is a token value, except that the OneGate API docs' sample script
 * uses it as the path of token.txt: an absolute path to an existing file is read (a base64 token that
 * starts with "/" and names an existing file is not a realistic collision; a path with characters outside
 * base64 that does not exist is a missing file, not a token).
 */
async function onegateToken(value: string | undefined, ctx: SourceContext): Promise<Candidate | undefined> {
  if (!value) return undefined;
  if (isAbsolute(value)) {
    const content = await ctx.readOptional(value);
    if (content !== undefined) return candidate(content, `file ${value} (environment ONEGATE_TOKEN)`);
    // Not base64, so not a token: a token file that is missing.
    if (!/^[A-Za-z0-9+/=]+$/.test(value)) return undefined;
  }
  return candidate(value, 'environment ONEGATE_TOKEN');
}
