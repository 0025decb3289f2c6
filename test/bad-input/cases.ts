// The bad-input table: each case is an input a guest can really meet and the one line the program must
// answer with. `@DIR@` stands for the case's temporary directory (a copy of test/fixtures/bad-input/<fixture>).

/** One bad input and what must come of it. */
export interface BadInputCase {
  /** What is wrong, as the test title. */
  name: string;
  program: 'onegate' | 'onegate-agent';
  args: string[];
  /** Extra environment (PATH and an empty context root are always set). */
  env?: Record<string, string>;
  /** Directory under test/fixtures/bad-input copied to @DIR@ (files' @DIR@ replaced too). */
  fixture?: string;
  /** Expected exit status. */
  code: number;
  /** Expected line of `stream` (default stderr): the first unless `lineAt` says which (-1 the last). */
  line: string;
  lineAt?: number;
  stream?: 'stdout' | 'stderr';
  /** Strings that must appear nowhere in stdout or stderr (tokens, passwords, raw control bytes). */
  secrets?: string[];
}

const TOKEN = 's3cr3tTOKENvalue';
const ESC = '\u001b';
const CONTEXT = ['context', '--context-file', '@DIR@/context.sh'];

export const CASES: BadInputCase[] = [
  // Context
  {
    name: 'context: the token split off by a blank after ONEGATE_TOKEN=',
    program: 'onegate-agent',
    args: CONTEXT,
    fixture: 'token-split',
    code: 2,
    line: "onegate-agent context: @DIR@/context.sh: not a context file: line 2, column 16: expected NAME='value', found a second word after ONEGATE_TOKEN= (quote a value with blanks)",
    secrets: [TOKEN],
  },
  {
    name: 'context: a NUL byte inside a password',
    program: 'onegate-agent',
    args: CONTEXT,
    fixture: 'nul-in-password',
    code: 2,
    line: 'onegate-agent context: @DIR@/context.sh: not a context file: line 3, column 21: NUL byte (a context value cannot hold one; is this a binary file?)',
    secrets: ['hunter2', 'hunter3', '\0'],
  },
  {
    name: 'context: a secret whose quote is never closed',
    program: 'onegate-agent',
    args: CONTEXT,
    fixture: 'unterminated-secret',
    code: 2,
    line: "onegate-agent context: @DIR@/context.sh: not a context file: line 3, column 12: in the value of API_SECRET: unterminated quoted value (no closing ')",
    secrets: ['opensesame'],
  },
  {
    name: 'context: a VMID that is not a number',
    program: 'onegate-agent',
    args: CONTEXT,
    fixture: 'vmid-not-number',
    code: 2,
    line: 'onegate-agent context: VMID in @DIR@/context.sh: VMID "4x2" is not a number',
    secrets: [TOKEN],
  },
  {
    name: 'context: an endpoint that is not http(s), with a password in it',
    program: 'onegate-agent',
    args: CONTEXT,
    fixture: 'endpoint-password',
    code: 2,
    line: 'onegate-agent context: ONEGATE_ENDPOINT in @DIR@/context.sh: endpoint "ftp://admin:***@127.0.0.1:9" is not an http(s) URL',
    secrets: ['pw0rdXYZ'],
  },
  // onegate: environment and arguments
  {
    name: 'onegate: an unknown command',
    program: 'onegate',
    args: ['frobnicate'],
    code: 255,
    line: 'onegate: unknown command "frobnicate"',
  },
  {
    name: 'onegate: an unknown command with terminal escapes',
    program: 'onegate',
    args: [`vm${ESC}[2J`],
    code: 255,
    line: 'onegate: unknown command "vm\\u001b[2J"',
    secrets: [ESC],
  },
  {
    name: 'onegate: a secret given to an unknown option',
    program: 'onegate',
    args: [`--password=${TOKEN}`, 'vm', 'show'],
    code: 1,
    line: 'onegate: invalid option: --password=<redacted>',
    secrets: [TOKEN],
  },
  {
    name: 'onegate: a VMID in the environment that is not a number',
    program: 'onegate',
    args: ['vm', 'show'],
    env: { ONEGATE_ENDPOINT: 'http://127.0.0.1:9', VMID: '42; rm -rf /', TOKENTXT: TOKEN },
    code: 1,
    line: 'onegate: environment VMID: VMID "42; rm -rf /" is not a number',
    secrets: [TOKEN],
  },
  // onegate-agent: arguments and configuration
  {
    name: 'onegate-agent: an assignment of the token as a stray argument',
    program: 'onegate-agent',
    args: ['run', `ONEGATE_TOKEN=${TOKEN}`],
    code: 1,
    line: 'onegate-agent run: Unexpected argument "ONEGATE_TOKEN=<redacted>". This command does not take positional arguments',
    secrets: [TOKEN],
  },
  {
    name: 'onegate-agent: an unknown context option with escapes',
    program: 'onegate-agent',
    args: ['context', `--bogus${ESC}]0;x`],
    code: 2,
    line: 'onegate-agent context: unknown argument "--bogus\\u001b]0;x" (see --help)',
    secrets: [ESC],
  },
  {
    name: 'config: a log level holding terminal escapes',
    program: 'onegate-agent',
    args: ['run', '--config', '@DIR@/agent.yaml'],
    fixture: 'config-bad-level',
    code: 1,
    line: 'onegate-agent run: @DIR@/agent.yaml:1: log_level: expected one of error, warn, info, debug, got "loud\\u001b[2J"',
    secrets: [ESC],
  },
  // onegate-agent query: paths and the cache
  {
    name: 'query: an assignment of the token given as a PATH',
    program: 'onegate-agent',
    args: ['query', '--run-dir', '@DIR@', `ONEGATE_TOKEN=${TOKEN}`],
    code: 2,
    line: 'onegate-agent query: "ONEGATE_TOKEN=<redacted>": starts with neither vm, service, vrouter, vnet, context',
    secrets: [TOKEN],
  },
  {
    name: 'query: a PATH with terminal escapes and an open quote',
    program: 'onegate-agent',
    args: ['query', '--run-dir', '@DIR@', `vm.${ESC}]0;x."USER`],
    code: 2,
    line: 'onegate-agent query: "vm.\\u001b]0;x.\\"USER": the quote at character 10 is not closed',
    secrets: [ESC],
  },
  {
    name: 'query: the context token asked for by name',
    program: 'onegate-agent',
    args: ['query', '--run-dir', '@DIR@', '--context-file', '@DIR@/context.sh', 'context.ONEGATE_TOKEN'],
    fixture: 'query-token',
    code: 1,
    line: 'onegate-agent query: context.ONEGATE_TOKEN: refused: query never prints a secret of the context (onegate-agent context --show-token shows the token)',
    secrets: [TOKEN],
  },
  {
    name: 'query: a cached vm.json cut off, holding a token and escapes',
    program: 'onegate-agent',
    args: ['query', '--run-dir', '@DIR@', 'vm.ID'],
    fixture: 'query-damaged-vm',
    code: 2,
    line: 'onegate-agent query: @DIR@/vm.json: not a JSON document',
    secrets: [TOKEN, ESC],
  },
  // onegate-agent doctor: a damaged context and a damaged status file, each one report line, no secret
  {
    name: 'doctor: the token split off in context.sh',
    program: 'onegate-agent',
    args: ['doctor', '--config', '@DIR@/agent.yaml', '--context-file', '@DIR@/context.sh'],
    fixture: 'doctor-split-token',
    code: 2,
    stream: 'stdout',
    lineAt: 1,
    line: "FAIL  context   @DIR@/context.sh: not a context file: line 2, column 16: expected NAME='value', found a second word after ONEGATE_TOKEN= (quote a value with blanks)",
    secrets: [TOKEN, ESC],
  },
  {
    name: 'doctor: status.json holding a token and escapes where the pid should be',
    program: 'onegate-agent',
    args: ['doctor', '--config', '@DIR@/agent.yaml', '--context-file', '@DIR@/context.sh'],
    fixture: 'doctor-split-token',
    code: 2,
    stream: 'stdout',
    lineAt: -4,
    line: 'WARN  agent     @DIR@/status.json: not a status file (pid: expected a process id)',
    secrets: [TOKEN, ESC],
  },
  {
    name: 'doctor: an assignment of the token as a stray argument',
    program: 'onegate-agent',
    args: ['doctor', `ONEGATE_TOKEN=${TOKEN}`],
    code: 2,
    line: 'onegate-agent doctor: Unexpected argument "ONEGATE_TOKEN=<redacted>". This command does not take positional arguments',
    secrets: [TOKEN],
  },
  // Attribute sources (one onegate-agent once --dry-run each, metrics off): the bad attribute is skipped, the
  // rest still sent; the warning's wording is the attribute sources' own (issue 18 item 9).
  {
    name: 'attrs file: a NUL byte in a value skips that attribute, the rest is sent',
    program: 'onegate-agent',
    args: ['once', '--dry-run', '--config', '@DIR@/agent.yaml', '--context-dir', '@DIR@'],
    fixture: 'attrs-nul',
    code: 0,
    stream: 'stdout',
    lineAt: -1,
    line: 'AFTER_NUL=2',
    secrets: ['\0', 'NULVAL=', TOKEN],
  },
  {
    name: 'attrs file: a line of 70 000 bytes skips that file, the other files are sent',
    program: 'onegate-agent',
    args: ['once', '--dry-run', '--config', '@DIR@/agent.yaml', '--context-dir', '@DIR@'],
    fixture: 'attrs-huge-line',
    code: 0,
    stream: 'stdout',
    line: 'GOOD=1',
    secrets: ['x'.repeat(100), 'HUGE=', TOKEN],
  },
  {
    name: 'attrs file: invalid names and a line without "=" are skipped, valid lines sent (names upper-cased)',
    program: 'onegate-agent',
    args: ['once', '--dry-run', '--config', '@DIR@/agent.yaml', '--context-dir', '@DIR@'],
    fixture: 'attrs-bad-names',
    code: 0,
    stream: 'stdout',
    line: 'LOWER_OK=6',
    secrets: ['1BAD=', 'bad-name=', TOKEN],
  },
  // READY: a context value with a NUL byte (READY_SCRIPT's environment could not hold it) is refused at
  // the context, naming line and column, never reaching READY_SCRIPT (issue 18 item 3).
  {
    name: 'context: a NUL byte inside READY_SCRIPT, with REPORT_READY=YES',
    program: 'onegate-agent',
    args: ['once', '--config', '@DIR@/agent.yaml', '--context-dir', '@DIR@'],
    fixture: 'ready-nul-context',
    code: 1,
    lineAt: -1,
    line: 'onegate-agent once: context.sh on @DIR@: not a context file: line 5, column 20: NUL byte (a context value cannot hold one; is this a binary file?)',
    secrets: ['\0', TOKEN],
  },
  // State files
  {
    name: 'status.json cut off',
    program: 'onegate-agent',
    args: ['status', '--config', '@DIR@/agent.yaml'],
    fixture: 'status-truncated',
    code: 2,
    stream: 'stdout',
    lineAt: -1,
    line: '  @DIR@/status.json: not a status file (invalid JSON at line 1, column 27)',
  },
  {
    name: 'status.json holding a token and escapes where the pid should be',
    program: 'onegate-agent',
    args: ['status', '--config', '@DIR@/agent.yaml'],
    fixture: 'status-secret-bytes',
    code: 2,
    stream: 'stdout',
    lineAt: -1,
    line: '  @DIR@/status.json: not a status file (pid: expected a process id)',
    secrets: [TOKEN, ESC],
  },
];
