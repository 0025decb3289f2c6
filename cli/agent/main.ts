// Entry of `onegate-agent`: a thin dispatcher. Each subcommand is loaded lazily so that
// `onegate-agent status` never pays for the daemon's code, and `run` never for the context printer. Every
// subcommand returns its result to output.ts, which writes it.
import { VERSION } from '../../agent/version';
import type { AgentCommand, AgentResult } from './commands/types';
import { writeResult } from './output';

const commands: Record<string, { summary: string; load: () => AgentCommand }> = {
  run: { summary: 'run the daemon (ready, push, pull, hooks)', load: () => require('./commands/run') },
  once: { summary: 'one collection and push cycle; --dry-run prints what would be sent', load: () => require('./commands/once') },
  status: { summary: 'health of the running daemon; exit 0 healthy, 1 degraded, 2 not running', load: () => require('./commands/status') },
  context: { summary: 'print the resolved endpoint, VMID, token source and context variables', load: () => require('./commands/context') },
  query: {
    summary: 'values from the cached documents and the context, no request; exit 0 found, 1 absent, 2 no cache',
    load: () => require('./commands/query'),
  },
  doctor: {
    summary: 'check the path from the context to OneGate; exit 0 ok, 1 warnings, 2 a failure',
    load: () => require('./commands/doctor'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)}${c.summary}`);
  return (
    `Usage: onegate-agent <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n` +
    `Run "onegate-agent <command> --help" for the options of a command.\n`
  );
}

/** What `onegate-agent ARGV` does, before anything is written. */
async function dispatch(name: string | undefined, rest: string[]): Promise<AgentResult> {
  if (name === '--version' || name === '-V') return { code: 0, output: { layout: 'text', data: `onegate-agent ${VERSION}\n` } };
  if (name === undefined || name === '--help' || name === '-h' || name === 'help')
    return { code: name === undefined ? 1 : 0, output: { layout: 'text', data: usage() } };
  const command = commands[name];
  if (!command) return { code: 1, errors: [`unknown command "${name}"`], usage: usage() };
  return command.load().run(rest);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const result = await dispatch(name, rest);
  return writeResult(name !== undefined && commands[name] ? name : '', result);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = writeResult('', { code: 1, errors: [err instanceof Error ? err.message : String(err)] });
    },
  );
}
