// Explicit options (--endpoint, --vmid, --token-file, --context-dir, --context-file): they win over everything.
import type { Logger } from '../../log';
import type { ContextFiles, DiscoverOptions } from '../types';
import { type Candidates, candidate } from './candidates';
import { readContextDir, readContextFile } from './directory';
import { readOptional } from './files';

/** Values given directly as options. */
export async function readExplicit(opts: DiscoverOptions, log: Logger): Promise<Candidates> {
  const token = opts.tokenFile === undefined ? undefined : await readOptional(opts.tokenFile, log);
  return {
    endpoint: candidate(opts.endpoint, '--endpoint'),
    vmid: candidate(opts.vmid, '--vmid'),
    token: candidate(token?.trim(), `--token-file ${opts.tokenFile}`),
  };
}

/** The context named by --context-file or --context-dir (the file wins when both are given). */
export async function readGivenContext(opts: DiscoverOptions, log: Logger): Promise<ContextFiles | undefined> {
  if (opts.contextFile !== undefined) return readContextFile(opts.contextFile, log);
  if (opts.contextDir !== undefined) return readContextDir(opts.contextDir, 'directory', log);
  return undefined;
}
