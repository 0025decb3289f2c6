// A cheap signature of everything discovery reads, so the watcher re-runs discovery only when it changes:
// the stats of the files the layers and sources declare (token files, one_env, /context, --context-*), and
// what each source adds to it (the CONTEXT device's listing, link and volume descriptor).
import { promises as fs } from 'node:fs';
import { environmentFiles } from './sources/environment';
import { explicitFiles } from './sources/explicit';
import { isAbsent } from './sources/files';
import { sourcesFor } from './sources/index';
import { oneEnvFiles } from './sources/one-env';
import type { ContextFiles, DiscoverOptions, SourceContext } from './types';

/** The signature; equal signatures mean discovery would read the same inputs. `last`: the files discovery last used. */
export async function probeContext(opts: DiscoverOptions, ctx: SourceContext, last: ContextFiles | undefined): Promise<string> {
  const { sources, given } = sourcesFor(opts);
  const files = [...explicitFiles(opts), ...environmentFiles(ctx.env)];
  for (const source of sources) files.push(...(source.watch.files?.(ctx) ?? []));
  if (!given) files.push(...oneEnvFiles(ctx));
  const parts: string[] = [];
  for (const file of files) parts.push(`${file}=${await statSignature(file)}`);
  for (const source of sources) {
    const own = last && source.kinds.includes(last.kind) ? last : undefined;
    parts.push(...((await source.watch.signature?.(ctx, own)) ?? []));
  }
  return parts.join('\n');
}

async function statSignature(file: string): Promise<string> {
  try {
    const st = await fs.stat(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch (err) {
    if (isAbsent(err)) return 'absent';
    throw err;
  }
}
