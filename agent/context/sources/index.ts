// The registry of context sources searched when no --context-dir/--context-file is given, tried by
// priority (one-contextd's order): the first one that has a context.sh is the context. Adding a source is
// one file exporting a Source, one line here and its test. one_env is not among them: it is a copy
// one-context makes at boot, read as a layer below whatever source was found (discover.ts).
import type { ContextFiles, DiscoverOptions, SourceContext } from '../types';
import { givenSource } from './explicit';
import { lxcDirectory } from './lxc';
import { contextMedia } from './media';
import type { Source } from './source';
import { vmwareGuestinfo } from './vmware';
import { windowsDrive } from './windows-drive';

/** Every searched source, by ascending priority. */
export const SOURCES: readonly Source[] = [contextMedia, lxcDirectory, vmwareGuestinfo, windowsDrive].sort(
  (a, b) => a.priority - b.priority,
);

/** The sources discovery reads: the context given by option (which replaces the search), else the registry. */
export function sourcesFor(opts: DiscoverOptions): { sources: readonly Source[]; given: boolean } {
  const given = givenSource(opts);
  return given ? { sources: [given], given: true } : { sources: SOURCES, given: false };
}

/** The files of the first source that has them. */
export async function findContext(sources: readonly Source[], ctx: SourceContext): Promise<ContextFiles | undefined> {
  for (const source of sources) {
    const files = await source.read(ctx);
    if (files) {
      ctx.log.debug(`context: using ${source.name} (${files.origin})`);
      return files;
    }
    ctx.log.debug(`context: no context from ${source.name}`);
  }
  return undefined;
}
