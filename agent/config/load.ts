// Reads agent.yaml with js-yaml and validates it against the schema. Errors name the file, the
// line, the key and what is expected: "/etc/onegate-agent/agent.yaml:7: push.decimals: expected an
// integer from 0 to 6, got 9".
import { readFileSync } from 'node:fs';
import { load as parseYaml, YAMLException } from 'js-yaml';
import { locateKey } from './locate';
import { type AgentConfig, DEFAULT_CONFIG_PATH, defaultConfig, rootSection } from './schema';
import { type ConfigProblem, validate } from './validate';

/** A configuration file that cannot be used; `message` is one line per problem. */
export class ConfigError extends Error {
  /** CONFIG_INVALID (syntax or schema), CONFIG_MISSING (an explicit file is absent) or CONFIG_UNREADABLE. */
  code: 'CONFIG_INVALID' | 'CONFIG_MISSING' | 'CONFIG_UNREADABLE';
  /** The file concerned. */
  file: string;
  constructor(code: ConfigError['code'], file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
    this.code = code;
    this.file = file;
  }
}

/** A loaded configuration and where it came from. */
export interface LoadedConfig {
  config: AgentConfig;
  /** The file read, or undefined when the default file is absent and defaults apply. */
  file?: string;
}

/**
 * Loads `file` (default /etc/onegate-agent/agent.yaml). The default file may be absent (defaults apply);
 * a file named explicitly must exist.
 */
export function loadConfig(file?: string): LoadedConfig {
  const path = file ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && file === undefined) return { config: defaultConfig() };
    if (code === 'ENOENT') throw new ConfigError('CONFIG_MISSING', path, `${path}: configuration file not found`);
    throw new ConfigError('CONFIG_UNREADABLE', path, `${path}: cannot read: ${(err as Error).message}`, { cause: err });
  }
  return { config: parseConfig(text, path), file: path };
}

/** Parses and validates configuration text; `name` is used in messages. */
export function parseConfig(text: string, name: string): AgentConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text, { filename: name });
  } catch (err) {
    if (!(err instanceof YAMLException)) throw err;
    const line = err.mark ? err.mark.line + 1 : undefined;
    throw new ConfigError('CONFIG_INVALID', name, `${name}${line ? `:${line}` : ''}: invalid YAML: ${err.reason}`);
  }
  const { value, problems } = validate(rootSection, raw);
  if (problems.length > 0) {
    throw new ConfigError('CONFIG_INVALID', name, problems.map((p) => formatProblem(text, name, p)).join('\n'));
  }
  return value as AgentConfig;
}

/** "file:line: key.path: expected X, got Y". */
export function formatProblem(text: string, name: string, problem: ConfigProblem): string {
  const line = problem.path.length > 0 ? locateKey(text, problem.path) : 1;
  const key = problem.path.length > 0 ? keyName(problem.path) : '(top level)';
  return `${name}${line ? `:${line}` : ''}: ${key}: expected ${problem.expected}, got ${problem.got}`;
}

/** Renders a key path as "attributes.commands[0].timeout". */
export function keyName(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
