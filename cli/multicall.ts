// One entry for both programs, as busybox does: the single executable is installed as
// /usr/bin/onegate-agent with /usr/bin/onegate linked to it, and the name it was started under picks the
// CLI. Only the chosen CLI is loaded (lazy require), so `onegate vm show` never pays for the daemon.
import { basename } from 'node:path';

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

/** Maps a file name ("onegate-agent", "/usr/bin/onegate", "onegate-agent-linux-arm64") to a program. */
export function programFromName(name: string): ProgramName | undefined {
  const base = basename(name).replace(/\.(c?js|ts|exe)$/, '');
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

function loadMain(program: ProgramName): MainModule {
  // The CLIs start themselves when `require.main === module`; bundled here, `module` is this bundle's
  // own, so they would run a second time after this entry calls their main. This entry is the only starter.
  require.main = undefined;
  // Literal paths so that esbuild bundles both, each behind its own lazy wrapper.
  return program === 'onegate-agent' ? require('./agent/main') : require('./onegate/main');
}

/** Runs the chosen CLI and resolves to its exit status (undefined when the CLI set process.exitCode itself). */
export async function runMulticall(argv: string[], argv0: string): Promise<number | undefined> {
  const invocation = chooseInvocation(argv0, argv[1], argv.slice(2));
  if (!invocation) {
    process.stderr.write(`onegate: started as "${basename(argv0)}"; link it as onegate or onegate-agent, ` +
      'or name the program first (onegate-agent status, onegate vm show)\n');
    return 1;
  }
  // A CLI that reads process.argv itself must not see the program name given as an argument.
  if (invocation.byArgument) process.argv.splice(2, 1);
  const mod = loadMain(invocation.program);
  // A CLI without an exported main ran on import and set its own exit status.
  return typeof mod.main === 'function' ? mod.main(invocation.args) : undefined;
}

if (require.main === module) {
  runMulticall(process.argv, process.argv0).then((code) => {
    if (code !== undefined) process.exitCode = code;
  }, (err: unknown) => {
    process.stderr.write(`onegate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
