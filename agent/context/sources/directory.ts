// Sources made of two plain files, context.sh and token.txt: a directory (/context in LXC containers,
// --context-dir), or a context.sh named by --context-file with the token.txt beside it.
import { dirname, join } from 'node:path';
import type { ContextSource, SourceContext } from '../types';
import { readNamed } from './files';
import type { Source } from './source';

/** Where the two files are. */
export interface ContextPaths {
  contextSh: string;
  tokenTxt: string;
}

/** DIR/context.sh and DIR/token.txt. */
export function directoryFiles(dir: string): ContextPaths {
  return { contextSh: join(dir, 'context.sh'), tokenTxt: join(dir, 'token.txt') };
}

/** FILE and the token.txt beside it. */
export function besideFiles(file: string): ContextPaths {
  return { contextSh: file, tokenTxt: join(dirname(file), 'token.txt') };
}

/** How a file source is described. */
export interface FileSourceSpec {
  name: string;
  priority: number;
  kind: ContextSource;
  /** Where the files are, for messages. */
  origin(ctx: SourceContext): string;
  paths(ctx: SourceContext): ContextPaths;
  /** Set for a source named by this option: a context.sh it cannot read is an error, not an absent source. */
  option?: string;
}

/** A source that reads context.sh (absent: no context) and token.txt, and is watched by their stats. */
export function fileSource(spec: FileSourceSpec): Source {
  return {
    name: spec.name,
    priority: spec.priority,
    kinds: [spec.kind],
    async read(ctx) {
      const paths = spec.paths(ctx);
      const option = spec.option;
      const read = (file: string, absentOk: boolean) => (option === undefined ? ctx.readOptional(file) : readNamed(file, option, absentOk));
      const contextSh = await read(paths.contextSh, false);
      if (contextSh === undefined) return undefined;
      return { kind: spec.kind, origin: spec.origin(ctx), contextSh, tokenTxt: await read(paths.tokenTxt, true) };
    },
    watch: {
      files(ctx) {
        const paths = spec.paths(ctx);
        return [paths.contextSh, paths.tokenTxt];
      },
    },
  };
}
