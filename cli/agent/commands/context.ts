// `onegate-agent context`: prints the resolved endpoint, VMID, token source and every context variable.
// Exit 0 when endpoint, VMID and token were all found, 1 when one is missing, 2 on bad input.
import { discoverContext } from '../../../agent/context/discover';
import { ContextError } from '../../../agent/context/errors';
import { contextJson } from '../../../agent/context/format';
import type { DiscoverOptions, ResolvedContext } from '../../../agent/context/types';
import { createLogger } from '../../../agent/log';
import { quoteInput } from '../../../agent/redact';
import type { AgentOutput, AgentResult } from './types';

const VALUE_OPTIONS = ['context-dir', 'context-file', 'endpoint', 'vmid', 'token-file'] as const;
const FLAGS = ['json', 'show-token', 'debug', 'help'] as const;
type Parsed = { values: Partial<Record<(typeof VALUE_OPTIONS)[number], string>>; flags: Set<string> };

const USAGE = `Usage: onegate-agent context [--json] [--show-token] [--debug]
       [--context-dir DIR | --context-file FILE] [--endpoint URL] [--vmid N] [--token-file FILE]

Prints the OneGate endpoint, VM ID and token the agent would use, where each came from, the kind of
context source (cdrom, block, directory, vmware, environment, one_env, file, none) and every context
variable. The token is shown as <redacted> unless --show-token is given.

  --json               the same as one JSON object
  --show-token         show the token (and other secret-named variables) instead of <redacted>
  --debug              say which sources were skipped, and why, on stderr
  --context-dir DIR    read context.sh and token.txt from DIR instead of discovering the context
  --context-file FILE  read this context.sh instead of discovering the context
  --endpoint URL       use this OneGate endpoint over every source
  --vmid N             use this VM ID over every source
  --token-file FILE    read the token from FILE over every source

Exit status: 0 all of endpoint, VMID and token found; 1 one of them missing; 2 bad input.
`;

export async function run(argv: string[]): Promise<AgentResult> {
  let parsed: Parsed;
  try {
    parsed = parseArgs(argv);
  } catch (err) {
    return { code: 2, errors: [(err as Error).message] };
  }
  if (parsed.flags.has('help')) return { code: 0, output: { layout: 'text', data: USAGE } };
  const { values, flags } = parsed;
  const options: DiscoverOptions = {
    contextDir: values['context-dir'],
    contextFile: values['context-file'],
    endpoint: values.endpoint,
    vmid: values.vmid,
    tokenFile: values['token-file'],
    root: process.env.ONEGATE_CONTEXT_ROOT || '/',
    log: createLogger({ level: flags.has('debug') ? 'debug' : 'warn', journald: false }),
  };
  let context: ResolvedContext;
  try {
    context = await discoverContext(options);
  } catch (err) {
    if (!(err instanceof ContextError)) throw err;
    return { code: 2, errors: [err.message.replace(/\s*\n\s*/g, ' ')] };
  }
  const showToken = flags.has('show-token');
  const output: AgentOutput = flags.has('json')
    ? { layout: 'json', data: contextJson(context, showToken) }
    : { layout: 'context', data: { context, showToken } };
  const missing = (['endpoint', 'vmid', 'token'] as const).filter((k) => context[k] === undefined);
  return missing.length === 0 ? { code: 0, output } : { code: 1, output, errors: [`not found: ${missing.join(', ')}`] };
}

/** --name VALUE and --name=VALUE; a repeated option takes the last value. */
function parseArgs(argv: string[]): Parsed {
  const parsed: Parsed = { values: {}, flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      parsed.flags.add('help');
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1] ?? '';
    if ((FLAGS as readonly string[]).includes(name) && match?.[2] === undefined) {
      parsed.flags.add(name);
    } else if ((VALUE_OPTIONS as readonly string[]).includes(name)) {
      const value = match?.[2] ?? argv[++i];
      if (value === undefined) throw new Error(`option --${name} needs a value`);
      parsed.values[name as (typeof VALUE_OPTIONS)[number]] = value;
    } else {
      throw new Error(`unknown argument ${quoteInput(arg, 80)} (see --help)`);
    }
  }
  if (parsed.values['context-dir'] !== undefined && parsed.values['context-file'] !== undefined) {
    throw new Error('use either --context-dir or --context-file, not both');
  }
  return parsed;
}
