// /var/run/one-context/one_env (mode 0400: readable by root only; others skip it with a debug line).
import { firstOneEnvValue, parseOneEnvEntries, varsOf } from '../one-env';
import type { SourceContext } from '../types';
import { type Candidates, candidate } from './candidates';

/** Guest paths tried in order; /var/run is normally a symlink to /run. */
export const ONE_ENV_PATHS = ['/var/run/one-context/one_env', '/run/one-context/one_env'];

/** What one_env offers: the three credentials (first assignments) and every variable. */
export interface OneEnvSource extends Candidates {
  /** Path read. */
  file: string;
  /** Variables as bash would see them. */
  vars: Record<string, string>;
}

/** Reads and parses one_env, or undefined when it is absent or unreadable. */
export async function readOneEnv(ctx: SourceContext): Promise<OneEnvSource | undefined> {
  for (const file of oneEnvFiles(ctx)) {
    const text = await ctx.readOptional(file);
    if (text === undefined) continue;
    const entries = parseOneEnvEntries(text, file);
    return {
      file,
      vars: varsOf(entries),
      endpoint: candidate(firstOneEnvValue(entries, 'ONEGATE_ENDPOINT'), `${file} ONEGATE_ENDPOINT`),
      vmid: candidate(firstOneEnvValue(entries, 'VMID'), `${file} VMID`),
      token: candidate(firstOneEnvValue(entries, 'TOKENTXT'), `${file} TOKENTXT`),
    };
  }
  return undefined;
}

/** The one_env files under the root, in the order they are tried (also what the watcher stats). */
export function oneEnvFiles(ctx: SourceContext): string[] {
  return ONE_ENV_PATHS.map((p) => ctx.path(p));
}
