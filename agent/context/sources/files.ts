// The reading helpers every source shares, bound once per discovery into its SourceContext: a missing or
// unreadable source is "no data" (a debug line), not a failure.
import { constants } from 'node:fs';
import { join } from 'node:path';
import { type Logger, silentLogger } from '../../log';
import { ContextError } from '../errors';
import * as fs from '../fs-async';
import type { SourceContext } from '../types';

const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'ENXIO', 'ENOMEDIUM', 'ENODEV', 'EISDIR']);

/** True for the errno codes that mean "this source is not there or not for us". */
export function isAbsent(err: unknown): boolean {
  return typeof err === 'object' && err !== null && ABSENT.has((err as NodeJS.ErrnoException).code ?? '');
}

/**
 * A file an option names (directly, or through the directory it names): unlike a searched source, a path
 * given explicitly that cannot be read is an error naming the option, the path and the errno. With
 * `absentOk`, a missing file (ENOENT) is undefined: token.txt beside a context.sh is optional.
 */
export async function readNamed(file: string, option: string, absentOk = false): Promise<string | undefined> {
  try {
    return await fs.readText(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    if (absentOk && code === 'ENOENT') return undefined;
    const why = /^\w+: ([^,]+)/.exec((err as Error).message)?.[1];
    throw new ContextError('CONTEXT_INVALID', option, `cannot read ${file}: ${code}${why ? ` (${why})` : ''}`, { cause: err });
  }
}

/** Maps an absolute guest path into the (test) root. */
export function underRoot(root: string, guestPath: string): string {
  return root === '/' ? guestPath : join(root, guestPath);
}

/** The context of one discovery: root '/', process.env and a silent log unless given. */
export function sourceContext(opts: { root?: string; env?: Record<string, string | undefined>; log?: Logger }): SourceContext {
  const root = opts.root ?? '/';
  const env = opts.env ?? process.env;
  const log = opts.log ?? silentLogger;
  return {
    root,
    env,
    log,
    path: (guestPath) => underRoot(root, guestPath),
    readOptional: (file) => readOptional(file, log),
    findProgram: (name) => findProgram(name, env),
  };
}

async function readOptional(file: string, log: Logger): Promise<string | undefined> {
  try {
    return await fs.readText(file);
  } catch (err) {
    if (!isAbsent(err)) throw err;
    log.debug(`context: skipping ${file}: ${(err as NodeJS.ErrnoException).code}`);
    return undefined;
  }
}

// Without spawning anything, so that a missing program makes no noise.
async function findProgram(name: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await fs.access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
