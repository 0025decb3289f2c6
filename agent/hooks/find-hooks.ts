// Finds the programs to run for one event: the configured ones, then the executable files of
// hooks.d/<event>/ in byte order of their names (as run-parts does under LC_ALL=C). On Windows, where no
// file has an executable bit, the extension says what is a program and how it runs (platform/programs.ts).
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from '../log';
import { hostFacts, isWindows, type OsFacts } from '../platform/facts';
import { programArgv } from '../platform/programs';
import type { HookEvent, HooksOptions } from './types';

// Package-manager leftovers and editor backups are never hooks.
const IGNORED = /(^\.)|(~$)|(\.(dpkg-(old|new|dist|tmp)|rpmnew|rpmsave|rpmorig|disabled|swp)$)/;

/** The argv of every hook for `event`, in the order they run. */
export async function findHooks(
  event: HookEvent | 'stop',
  options: HooksOptions,
  log: Logger,
  facts: OsFacts = hostFacts(),
): Promise<string[][]> {
  const configured = (event === 'stop' ? [] : (options.commands[event] ?? [])).map((c) =>
    typeof c === 'string' ? (programArgv(c, facts) ?? [c]) : [...c],
  );
  if (!options.directory) return configured;
  return [...configured, ...(await scanDirectory(join(options.directory, event), log, facts))];
}

async function scanDirectory(dir: string, log: Logger, facts: OsFacts): Promise<string[][]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return [];
    log.warn(`hooks: cannot list ${dir}: ${(err as Error).message}`);
    return [];
  }
  // A directory any user may write to lets any user choose what the agent runs: none of its hooks run.
  for (const d of isWindows(facts) ? [] : [dirname(dir), dir]) {
    if (await worldWritable(d)) {
      log.warn(`hooks: not running the hooks in ${dir}: ${d} is writable by every user (chmod o-w ${d})`);
      return [];
    }
  }
  const found: string[][] = [];
  for (const name of names.sort(byBytes)) {
    if (IGNORED.test(name)) continue;
    const path = join(dir, name);
    const argv = programArgv(path, facts);
    const why = argv ? await whyNotRunnable(path, facts) : 'not a program';
    if (why === undefined) found.push(argv!);
    else if (why === 'not a file' || why === 'not a program') log.debug(`hooks: skipping ${path}: ${why}`);
    else log.warn(`hooks: skipping ${path}: ${why}`);
  }
  return found;
}

// Why the file at `path` is not run, or undefined. A file without its execute bit is named at warning level
// (a forgotten chmod +x), as is one every user may write to.
async function whyNotRunnable(path: string, facts: OsFacts): Promise<string | undefined> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return 'not a file';
    // Windows has no execute bit to check: the extension was the test.
    if (isWindows(facts)) return undefined;
    if (st.mode & 0o002) return `writable by every user (chmod o-w ${path})`;
    await access(path, constants.X_OK);
    return undefined;
  } catch (err) {
    return isCode(err, 'EACCES') ? `not executable (chmod +x ${path} to run it)` : 'not a file';
  }
}

async function worldWritable(path: string): Promise<boolean> {
  try {
    return ((await stat(path)).mode & 0o002) !== 0;
  } catch {
    return false;
  }
}

function byBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException)?.code === code;
}
