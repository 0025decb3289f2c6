// Explicit options (--endpoint, --vmid, --token-file, --context-dir, --context-file): they win over everything.
import type { DiscoverOptions, SourceContext } from '../types';
import { type Candidates, candidate } from './candidates';
import { besideFiles, directoryFiles, fileSource } from './directory';
import type { Source } from './source';

/** Values given directly as options. */
export async function readExplicit(opts: DiscoverOptions, ctx: SourceContext): Promise<Candidates> {
  const token = opts.tokenFile === undefined ? undefined : await ctx.readOptional(opts.tokenFile);
  return {
    endpoint: candidate(opts.endpoint, '--endpoint'),
    vmid: candidate(opts.vmid, '--vmid'),
    token: candidate(token?.trim(), `--token-file ${opts.tokenFile}`),
  };
}

/** The files the explicit options read, for the watcher. */
export function explicitFiles(opts: DiscoverOptions): string[] {
  return opts.tokenFile === undefined ? [] : [opts.tokenFile];
}

/** The source named by --context-file or --context-dir (the file wins when both are given), which replaces the search. */
export function givenSource(opts: DiscoverOptions): Source | undefined {
  const file = opts.contextFile;
  if (file !== undefined) {
    return fileSource({ name: `--context-file ${file}`, priority: 0, kind: 'file', origin: () => file, paths: () => besideFiles(file) });
  }
  const dir = opts.contextDir;
  if (dir !== undefined) {
    return fileSource({
      name: `--context-dir ${dir}`,
      priority: 0,
      kind: 'directory',
      origin: () => dir,
      paths: () => directoryFiles(dir),
    });
  }
  return undefined;
}
