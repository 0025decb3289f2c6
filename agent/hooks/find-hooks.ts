// Finds the programs to run for one event: the configured ones, then the executable files of
// hooks.d/<event>/ in byte order of their names (as run-parts does under LC_ALL=C). On Windows, where no
// file has an executable bit, the extension says what is a program and how it runs (platform/programs.ts).
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
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
  const found: string[][] = [];
  for (const name of names.sort(byBytes)) {
    if (IGNORED.test(name)) continue;
    const path = join(dir, name);
    const argv = programArgv(path, facts);
    if (argv && (await isExecutableFile(path, facts))) found.push(argv);
    else log.debug(`hooks: skipping ${path}: not an executable file`);
  }
  return found;
}

async function isExecutableFile(path: string, facts: OsFacts): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    // Windows has no execute bit to check: the extension was the test.
    if (!isWindows(facts)) await access(path, constants.X_OK);
    return true;
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
