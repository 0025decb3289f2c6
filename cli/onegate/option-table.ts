// The one option table of `onegate`: the Ruby client's eight options plus this CLI's extras. Parsing
// (options.ts), help (help.ts) and the commands read it; nothing else defines an option.

/** Values the options set; each command reads the ones it uses. */
export interface OptionValues {
  /** --data/--erase share one slot, as in the Ruby client: the last one decides data and type. */
  update?: { data: string; type: 1 | 2 };
  /** --role ROLE of `service scale`. */
  role?: string;
  /** --cardinality N of `service scale`, unparsed. */
  cardinality?: string;
  /** --json/--yaml share one slot: the last one wins. */
  format?: 'json' | 'yaml';
  /** --extended: ask the server for extended documents. */
  extended?: boolean;
  /** --hard: `"params": true` in a VM action. */
  hard?: boolean;
  /** --timeout SECONDS, unparsed. */
  timeout?: string;
  /** --insecure: skip TLS certificate verification. */
  insecure?: boolean;
}

/** One option. */
export interface OptionSpec {
  /** Long name without dashes. */
  name: string;
  /** Single-letter short name. */
  short?: string;
  /** Placeholder of the required argument; absent for a flag. */
  arg?: string;
  /** One line for the help text. */
  description: string;
  /** Not in the Ruby client (listed under EXTENSIONS in the help). */
  extra?: boolean;
  /** Stops parsing and prints something instead of running a command. */
  stop?: 'help' | 'version';
  /** Stores the option in the values; `value` is the argument (undefined for a flag). */
  set?(values: OptionValues, value: string): void;
}

/** Every option, in the Ruby client's order, then the extras. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'data',
    short: 'd',
    arg: 'DATA',
    description: 'Data to be included in the VM',
    set: (o, v) => {
      o.update = { data: v, type: 1 };
    },
  },
  {
    name: 'erase',
    short: 'e',
    arg: 'DATA',
    description: 'Data to be removed from the VM',
    set: (o, v) => {
      o.update = { data: v, type: 2 };
    },
  },
  {
    name: 'role',
    short: 'r',
    arg: 'ROLE',
    description: 'Service role',
    set: (o, v) => {
      o.role = v;
    },
  },
  {
    name: 'cardinality',
    short: 'c',
    arg: 'CARD',
    description: 'Service cardinality',
    set: (o, v) => {
      o.cardinality = v;
    },
  },
  {
    name: 'json',
    short: 'j',
    description: 'Print resource information in JSON',
    set: (o) => {
      o.format = 'json';
    },
  },
  {
    name: 'extended',
    description: 'Print resource extended information',
    set: (o) => {
      o.extended = true;
    },
  },
  {
    name: 'hard',
    short: 'f',
    description: 'Hard option for power off operations',
    set: (o) => {
      o.hard = true;
    },
  },
  { name: 'help', short: 'h', description: 'Show this message', stop: 'help' },
  {
    name: 'yaml',
    short: 'y',
    description: 'Print resource information in YAML',
    extra: true,
    set: (o) => {
      o.format = 'yaml';
    },
  },
  {
    name: 'timeout',
    arg: 'SECONDS',
    description: 'Give up after this long (default 30, env ONEGATE_TIMEOUT)',
    extra: true,
    set: (o, v) => {
      o.timeout = v;
    },
  },
  {
    name: 'insecure',
    description: 'Do not verify the TLS certificate (env ONEGATE_INSECURE=1)',
    extra: true,
    set: (o) => {
      o.insecure = true;
    },
  },
  { name: 'version', description: 'Print the version', extra: true, stop: 'version' },
];
