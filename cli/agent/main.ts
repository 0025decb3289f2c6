// Entry of `onegate-agent`: a thin dispatcher. Each subcommand is loaded lazily so that
// `onegate-agent status` never pays for the daemon's code, and `run` never for the context printer.
import { VERSION } from '../../agent/version';

interface AgentCommand {
  /** Runs the subcommand with the arguments after its name; resolves to the exit status. */
  main(argv: string[]): Promise<number>;
}

const commands: Record<string, { summary: string; load: () => AgentCommand }> = {
  run: { summary: 'run the daemon (ready, push, pull, hooks)', load: () => require('./commands/run') },
  once: { summary: 'one collection and push cycle; --dry-run prints what would be sent', load: () => require('./commands/once') },
  status: { summary: 'health of the running daemon; exit 0 healthy, 1 degraded, 2 not running', load: () => require('./commands/status') },
  context: { summary: 'print the resolved endpoint, VMID, token source and context variables', load: () => require('./commands/context') },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)}${c.summary}`);
  return (
    `Usage: onegate-agent <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n` +
    `Run "onegate-agent <command> --help" for the options of a command.\n`
  );
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    process.stdout.write(`onegate-agent ${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`onegate-agent: unknown command "${name}"\n${usage()}`);
    return 1;
  }
  return command.load().main(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`onegate-agent: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
