// /var/run/one-context/one_env (mode 0400: readable by root only; others skip it with a debug line).
import type { Logger } from '../../log';
import { firstOneEnvValue, parseOneEnvEntries, varsOf } from '../one-env';
import { type Candidates, candidate } from './candidates';
import { readOptional, underRoot } from './files';

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
export async function readOneEnv(root: string, log: Logger): Promise<OneEnvSource | undefined> {
  for (const guestPath of ONE_ENV_PATHS) {
    const file = underRoot(root, guestPath);
    const text = await readOptional(file, log);
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
