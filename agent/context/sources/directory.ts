// A directory holding context.sh and token.txt: /context in LXC containers, or --context-dir.
import { dirname, join } from 'node:path';
import type { Logger } from '../../log';
import type { ContextFiles, ContextSource } from '../types';
import { readOptional } from './files';

/** Reads context.sh and token.txt from `dir`; undefined when there is no context.sh. */
export async function readContextDir(dir: string, kind: ContextSource, log: Logger): Promise<ContextFiles | undefined> {
  const contextSh = await readOptional(join(dir, 'context.sh'), log);
  if (contextSh === undefined) return undefined;
  const tokenTxt = await readOptional(join(dir, 'token.txt'), log);
  return { kind, origin: dir, contextSh, tokenTxt };
}

/** Reads --context-file and the token.txt beside it. */
export async function readContextFile(file: string, log: Logger): Promise<ContextFiles | undefined> {
  const contextSh = await readOptional(file, log);
  if (contextSh === undefined) return undefined;
  const tokenTxt = await readOptional(join(dirname(file), 'token.txt'), log);
  return { kind: 'file', origin: file, contextSh, tokenTxt };
}
