// `onegate-agent query [PATH...] [--json]`: answers from what the daemon's pull cached under run_dir and
// from the context, never asking the server. The path syntax is in cli/agent/query/path.ts and README
// ("Query the cache"); exit 0 found, 1 a path absent (or refused: a secret), 2 no cache or bad arguments.
import { DEFAULT_CONFIG_PATH } from '../../../agent/config/schema';
import { discoverContext } from '../../../agent/context/discover';
import { ContextError } from '../../../agent/context/errors';
import { discoverOptionsOf } from '../../../agent/daemon/options';
import { createLogger } from '../../../agent/log';
import { CacheError } from '../../../agent/pull/cache';
import { isSecretName } from '../../../agent/redact';
import { parsePath, type QueryPath, QueryPathError, shownPath } from '../query/path';
import type { Answer, Listing } from '../query/render';
import { resolvePath } from '../query/resolve';
import { createSources, type Sources } from '../query/sources';
import { parseCommand } from './args';
import { configOrDefaults } from './config-of';
import type { AgentResult } from './types';

const USAGE = `Usage: onegate-agent query [PATH...] [--json] [--config FILE] [--run-dir DIR]
       [--context-dir DIR | --context-file FILE]

Answers from the documents the daemon last pulled into run_dir and from the VM context, without asking
the server. Without a PATH, lists what is cached and how old each document is.

PATH is ROOT.KEY.KEY..., ROOT one of vm, service, vrouter, vnet, context:
  vm.USER_TEMPLATE.ROLE_NAME   vm.TEMPLATE.NIC.0.IP   service.roles.web.nodes.0.deploy_id
  vnet.3.TEMPLATE.GATEWAY      context.ETH0_IP        vm.USER_TEMPLATE."key.with.dots"
A number picks a list element (vnet.ID: the network with that ID), a name picks the element of a list
whose name (or NAME) it is (vnet.NAME: the network of that name); a list of one element may be left out (vm.TEMPLATE.NIC.IP) and index 0 of a
single element is that element. Keys match as typed, else ignoring case.

  --json          each value as indented JSON (the listing as one JSON object)
  --config FILE   configuration naming run_dir and the context (default ${DEFAULT_CONFIG_PATH})
  --run-dir DIR   read the documents in DIR
  --context-dir DIR, --context-file FILE   read this context, as onegate-agent context does

Output: a string as it is, other scalars as JSON, a structure as one line of JSON (indented with --json);
one line per PATH, an absent PATH's line left empty. Secrets of the context (context.ONEGATE_TOKEN,
passwords) are refused; in a structure their values are <redacted>.

Exit status: 0 every PATH found; 1 a PATH absent or refused (one line on stderr names it and the deepest
part that exists); 2 no cache (run_dir has no vm.json: is the daemon running with pull.enabled?), an
unreadable cache or context, or bad arguments.
`;

/** What query takes from outside: the clock for the ages, the root of the context lookup. */
export interface QueryDeps {
  now(): number;
  /** Filesystem root of context discovery (fixture trees); default ONEGATE_CONTEXT_ROOT or '/'. */
  contextRoot?: string;
}

export function run(argv: string[]): Promise<AgentResult> {
  return runQuery(argv, { now: Date.now });
}

export async function runQuery(argv: string[], deps: QueryDeps): Promise<AgentResult> {
  const parsed = parseCommand(argv, {
    usage: USAGE,
    badExit: 2,
    positionals: true,
    options: {
      json: { type: 'boolean' },
      config: { type: 'string' },
      'run-dir': { type: 'string' },
      'context-dir': { type: 'string' },
      'context-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    check: (v) => {
      if (v['context-dir'] !== undefined && v['context-file'] !== undefined)
        throw new Error('use either --context-dir or --context-file, not both');
    },
  });
  if ('result' in parsed) return parsed.result;
  const args = parsed.values;
  const errors: string[] = [];
  let paths: QueryPath[];
  try {
    paths = parsed.positionals.map(parsePath);
  } catch (err) {
    if (!(err instanceof QueryPathError)) throw err;
    return { code: 2, errors: [err.message] };
  }
  const config = configOrDefaults(args.config, errors);
  const flags = { contextDir: args['context-dir'], contextFile: args['context-file'] };
  const discover = () =>
    discoverContext({
      ...discoverOptionsOf(config, flags),
      root: deps.contextRoot ?? (process.env.ONEGATE_CONTEXT_ROOT || '/'),
      log: createLogger({ level: 'error', journald: false }),
    });
  const sources = createSources(args['run-dir'] ?? config.run_dir, discover);
  try {
    if (paths.length === 0) return await list(sources, deps.now(), args.json === true, errors);
    return await answer(sources, parsed.positionals, paths, args.json === true, errors);
  } catch (err) {
    if (!(err instanceof CacheError)) throw err;
    return { code: 2, errors: [...errors, err.message] };
  }
}

async function answer(sources: Sources, texts: string[], paths: QueryPath[], json: boolean, errors: string[]): Promise<AgentResult> {
  const answers: Answer[] = [];
  let code = 0;
  for (const [i, path] of paths.entries()) {
    const one = await answerOne(sources, texts[i], path);
    answers.push(one.answer);
    // One missing cache is one line, however many PATHs needed it.
    if (one.line && !errors.includes(one.line)) errors.push(one.line);
    code = Math.max(code, one.code);
  }
  return { code, output: { layout: 'query', data: { answers, json } }, errors };
}

async function answerOne(sources: Sources, text: string, path: QueryPath): Promise<{ answer: Answer; code: number; line?: string }> {
  const absent = (line: string, code = 1) => ({ answer: { path: text, found: false }, code, line });
  // The context's secrets are never printed: their values are redacted already, and asking for one is refused.
  const refused = `${shown(path)}: refused: query never prints a secret of the context (onegate-agent context --show-token shows the token)`;
  if (path.root === 'context' && path.segments[0] && isSecretName(path.segments[0].text)) return absent(refused);
  const root = await sources.root(path.root);
  if (root.kind === 'missing') return absent(root.line, 2);
  if (root.kind === 'absent') return absent(`${shown(path)}: not found: ${path.root} is ${root.why}`);
  const resolved = resolvePath(path.root, root.value, path.segments, root.wrapper);
  if (!resolved.found) return absent(`${shown(path)}: not found: ${resolved.deepest} ${resolved.why}`);
  if (path.root === 'context' && resolved.keys[0] !== undefined && isSecretName(resolved.keys[0])) return absent(refused);
  return { answer: { path: text, found: true, value: resolved.value }, code: 0 };
}

function shown(path: QueryPath): string {
  return shownPath(path.root, path.segments);
}

async function list(sources: Sources, now: number, json: boolean, errors: string[]): Promise<AgentResult> {
  const files = sources.files() ?? [];
  const listing: Listing = {
    runDir: sources.runDir,
    documents: files.map((f) => ({ path: f.name.replace(/^vnet-/, 'vnet.'), file: f.path, changedMs: f.mtimeMs })),
    lastPull: sources.status()?.pull.lastSuccess,
    context: await contextSummary(sources),
    now,
  };
  const output = { layout: 'query-list' as const, data: { listing, json } };
  if (files.some((f) => f.name === 'vm')) return { code: 0, output, errors };
  return { code: 2, output, errors: [...errors, sources.missingLine()] };
}

async function contextSummary(sources: Sources): Promise<Listing['context']> {
  try {
    const ctx = await sources.context();
    return { source: ctx.source, origin: ctx.sources.vars, variables: Object.keys(ctx.vars).length };
  } catch (err) {
    if (!(err instanceof ContextError)) throw err;
    return { error: err.message.replace(/\s*\n\s*/g, ' ') };
  }
}
