// Explicit options (--endpoint, --vmid, --token-file, --context-dir, --context-file): they win over everything.
// A path given this way that cannot be read is an error naming it (readNamed), never an empty source.
import type { DiscoverOptions } from '../types';
import { type Candidates, candidate } from './candidates';
import { besideFiles, directoryFiles, fileSource } from './directory';
import { readNamed } from './files';
import type { Source } from './source';

/** Values given directly as options; a --token-file that cannot be read is CONTEXT_INVALID. */
export async function readExplicit(opts: DiscoverOptions): Promise<Candidates> {
  const token = opts.tokenFile === undefined ? undefined : await readNamed(opts.tokenFile, '--token-file');
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
  const given =
    opts.contextFile !== undefined
      ? { option: '--context-file', path: opts.contextFile, kind: 'file' as const, paths: besideFiles(opts.contextFile) }
      : opts.contextDir !== undefined
        ? { option: '--context-dir', path: opts.contextDir, kind: 'directory' as const, paths: directoryFiles(opts.contextDir) }
        : undefined;
  if (!given) return undefined;
  const { option, path, kind, paths } = given;
  return fileSource({ name: `${option} ${path}`, option, priority: 0, kind, origin: () => path, paths: () => paths });
}
