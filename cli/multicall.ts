// One entry for both programs, as busybox does: the single executable is installed as
// /usr/bin/onegate-agent with /usr/bin/onegate linked to it, and the name it was started under picks the
// CLI. Only the chosen CLI is loaded, so `onegate vm show` never pays for the daemon.
// Two builds of this file (scripts/build.mjs): dist/multicall.cjs bundles both programs (for `node`),
// dist/sea-main.cjs leaves them out and is the single executable's main script, which carries each
// program as a separate SEA asset and compiles only the one it runs (packaging/sea/build-sea.sh).
import { basename, dirname, win32 } from 'node:path';
import { getAsset, getRawAsset, isSea } from 'node:sea';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';

// NODE_DEBUG=onegate-sea tells whether V8 took the code cache (packaging/sea/build-sea.sh checks it).
const debug = debuglog('onegate-sea');

/** The programs this entry serves. */
export type ProgramName = 'onegate' | 'onegate-agent';

/** What to run: the program and the arguments meant for it. */
export interface Invocation {
  /** The CLI to start. */
  program: ProgramName;
  /** Its arguments, without the program name. */
  args: string[];
  /** True when the program was named by the first argument (`multicall onegate vm show`). */
  byArgument: boolean;
}

interface MainModule {
  main?: (argv: string[]) => number | Promise<number>;
}

/**
 * Maps a file name ("onegate-agent", "/usr/bin/onegate", "onegate-agent-linux-arm64",
 * "C:\\Program Files\\onegate-agent\\ONEGATE.EXE") to a program. win32's basename splits at both "/" and
 * "\\"; Windows names ignore case.
 */
export function programFromName(name: string): ProgramName | undefined {
  const base = win32
    .basename(name)
    .toLowerCase()
    .replace(/\.(c?js|ts|exe)$/, '');
  if (/^onegate-agent([-_.].*)?$/.test(base)) return 'onegate-agent';
  if (/^onegate([-_.].*)?$/.test(base)) return 'onegate';
  return undefined;
}

/**
 * Picks the program from how the process was started. `argv0` is the name the OS was given (a symlink
 * keeps its own name there; process.execPath would be the resolved target). `argv1` is the script of
 * `node script.cjs`; in a single executable Node repeats the executable there. A name that says nothing
 * ("node", "multicall.cjs") lets the first argument choose, so the bundle can be tried without links.
 */
export function chooseInvocation(argv0: string, argv1: string | undefined, args: string[]): Invocation | undefined {
  const byName = programFromName(argv0) ?? (argv1 === undefined ? undefined : programFromName(argv1));
  if (byName) return { program: byName, args, byArgument: false };
  const [first, ...rest] = args;
  if (first === 'onegate' || first === 'onegate-agent') return { program: first, args: rest, byArgument: true };
  return undefined;
}

/** The SEA assets of a program: its bundle (dist/PROGRAM.cjs) and, optionally, V8's code cache for it. */
export function assetNames(program: ProgramName): { script: string; codeCache: string } {
  return { script: `${program}.cjs`, codeCache: `${program}.v8cache` };
}

/** A program compiled by runCommonJS: its exports, its script (for createCachedData) and the cache verdict. */
export interface CompiledProgram {
  exports: unknown;
  script: Script;
  /** Whether V8 refused the given code cache; undefined when none was given. */
  cacheRejected: boolean | undefined;
}

/**
 * Compiles and runs `source` as a CommonJS module, as Node's loader would, with `require` as its require.
 * The wrapper text is part of what a code cache is made for, so packaging/sea/code-cache.cjs makes the
 * caches through this same function. V8 refuses a cache made by another V8 or with other flags; the
 * source is then compiled as if none was given. No import() support: the bundles are CommonJS.
 */
export function runCommonJS(source: string, filename: string, require: NodeJS.Require, cachedData?: Uint8Array): CompiledProgram {
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename, cachedData });
  const module = { exports: {} as unknown };
  const init = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: { exports: unknown }, f: string, d: string) => void;
  // Inside a single executable the file is the executable itself, as for its main script.
  init(module.exports, require, module, process.execPath, dirname(process.execPath));
  return { exports: module.exports, script, cacheRejected: cachedData ? script.cachedDataRejected === true : undefined };
}

/** The code cache asset of a program, or undefined when the executable was built without one. */
function codeCache(program: ProgramName): Uint8Array | undefined {
  try {
    // The raw asset is read-only memory inside the executable; V8 only reads it, so no copy is made.
    return new Uint8Array(getRawAsset(assetNames(program).codeCache) as ArrayBuffer);
  } catch {
    return undefined;
  }
}

function loadMain(program: ProgramName): MainModule {
  // The CLIs start themselves when `require.main === module`; loaded here, `module` is not the main
  // module (bundled: it is this bundle's own), so they would run a second time after this entry calls
  // their main. This entry is the only starter.
  require.main = undefined;
  if (isSea()) {
    // The main script's `require` loads only builtins, which is all the bundles need.
    const { script } = assetNames(program);
    const compiled = runCommonJS(getAsset(script, 'utf8'), script, require, codeCache(program));
    debug('%s: code cache %s', script, compiled.cacheRejected === undefined ? 'absent' : compiled.cacheRejected ? 'rejected' : 'accepted');
    return compiled.exports as MainModule;
  }
  // Literal paths so that esbuild bundles both into dist/multicall.cjs, each behind its own lazy wrapper.
  return program === 'onegate-agent' ? require('./agent/main') : require('./onegate/main');
}

/** Runs the chosen CLI and resolves to its exit status (undefined when the CLI set process.exitCode itself). */
export async function runMulticall(argv: string[], argv0: string): Promise<number | undefined> {
  const invocation = chooseInvocation(argv0, argv[1], argv.slice(2));
  if (!invocation) {
    process.stderr.write(
      `onegate: started as "${basename(argv0)}"; link it as onegate or onegate-agent, ` +
        'or name the program first (onegate-agent status, onegate vm show)\n',
    );
    return 1;
  }
  // A CLI that reads process.argv itself must not see the program name given as an argument.
  if (invocation.byArgument) process.argv.splice(2, 1);
  const mod = loadMain(invocation.program);
  // A CLI without an exported main ran on import and set its own exit status.
  return typeof mod.main === 'function' ? mod.main(invocation.args) : undefined;
}

if (require.main === module) {
  runMulticall(process.argv, process.argv0).then(
    (code) => {
      if (code !== undefined) process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`onegate: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
