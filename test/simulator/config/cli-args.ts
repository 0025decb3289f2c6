// Command-line options of main.ts, parsed without side effects so they can be tested.
import { checkVersion } from './switches';

/** Parsed options. */
export interface CliOptions {
  listen?: { host: string; port: number };
  control?: { host: string; port: number };
  config?: string;
  serverVersion?: string;
  fixtures?: string;
  contexts?: string;
  quiet: boolean;
  help: boolean;
}

export const USAGE = `Usage: onegate-sim [options]   (in a checkout: npm run simulator -- [options])

A OneGate server imitating OpenNebula's, for testing appliances, boot scripts and agents without a cloud.

Options:
  --listen HOST:PORT    OneGate listener (default: the config's :server, else 127.0.0.1:5030)
  --control HOST:PORT   control API listener (JSON over HTTP); off when absent
  --config FILE         onegate-server.conf (YAML, :symbol: keys); default: the shipped 7.4 file
  --server-version V    imitated OneGate version: 6.10 (default) or 7.4 (also 7.0.0, 7.2, 5.10, ...)
  --fixtures FILE       your world as fixture YAML; default: the built-in world (VM 42 in service 7, ...)
  --contexts DIR        write DIR/<vmid>/context.sh and token.txt for every VM
  --quiet               no log line per request
  --help                this text

Control API (with --control; JSON over HTTP; the full list in docs/simulator.md, 'Control API'):
  GET /vms, GET|DELETE /vms/:id, PUT /vms/:id/state   list, show, purge a VM, set its state
  GET /vms/:id/token, GET /tokens                      the tokens a guest would read from its context
  PUT /users/:name/token_password {"password":...}     rotate tokens (old ones get 401)
  PUT /services/:id/roles/:role {"cardinality":N}      scale a role; nodes follow
  GET|POST|DELETE /faults                              inject latency, a status, a reset or a hang
  GET|DELETE /requests, GET /counters                  what the guest sent
Attributes a guest published are in GET /vms/:id (USER_TEMPLATE).

Exit status: 0 stopped by SIGINT or SIGTERM, 2 bad options or a failed start.`;

/** Parses argv (without node and script); throws Error with a one-line message on bad input. */
export function parseArgs(argv: string[]): CliOptions {
  const out: CliOptions = { quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
        : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag}: missing value`);
      return v;
    };
    if (flag === '--listen') out.listen = hostPort(value(), flag);
    else if (flag === '--control') out.control = hostPort(value(), flag);
    else if (flag === '--config') out.config = value();
    else if (flag === '--server-version') out.serverVersion = checkVersion(value(), flag);
    else if (flag === '--fixtures') out.fixtures = value();
    else if (flag === '--contexts') out.contexts = value();
    else if (flag === '--quiet') out.quiet = true;
    else if (flag === '--help' || flag === '-h') out.help = true;
    else throw new Error(`unknown option "${argv[i]}" (see --help)`);
  }
  return out;
}

/** "127.0.0.1:5030", "[::1]:5030" or ":5030" (127.0.0.1). */
export function hostPort(text: string, flag: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new Error(`${flag}: "${text}" is not HOST:PORT`);
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
}
