// /var/run/one-context/one_env, written by one-context's loc-16-gen-env as `export NAME="value"` lines
// (values re-wrapped in double quotes without escaping), parsed without a shell: POSIX double-quote
// rules, nothing expanded, bash's quote boundaries followed. Lines that bash would run as commands
// (possible when a context value contains `"`) assign nothing and are skipped, never executed.
import { ContextError } from './errors';
import { ShellSyntaxError, splitCommands } from './shell-words';

/** One assignment in file order. */
export interface OneEnvEntry {
  /** Variable name. */
  name: string;
  /** Value with quotes removed, nothing expanded. */
  value: string;
}

/** Every assignment of the file in order, duplicates included. Pure. */
export function parseOneEnvEntries(text: string, source: string): OneEnvEntry[] {
  const entries: OneEnvEntry[] = [];
  let commands: ReturnType<typeof splitCommands>;
  try {
    commands = splitCommands(text, 'literal');
  } catch (err) {
    if (err instanceof ShellSyntaxError) throw new ContextError('CONTEXT_INVALID', source, `not a one_env file: ${err.message}`);
    throw err;
  }
  for (const words of commands) {
    const isExport = words[0].name === undefined && words[0].text === 'export';
    const args = isExport ? words.slice(1) : words;
    // Without `export`, only a command made of assignments alone sets variables in bash.
    if (!isExport && args.some((w) => w.name === undefined)) continue;
    for (const w of args) if (w.name !== undefined) entries.push({ name: w.name, value: w.text });
  }
  return entries;
}

/** The variables as bash would see them after sourcing (a later assignment wins). Pure. */
export function parseOneEnv(text: string, source: string): Record<string, string> {
  return varsOf(parseOneEnvEntries(text, source));
}

/** Entries folded into variables, a later assignment winning. */
export function varsOf(entries: OneEnvEntry[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const e of entries) vars[e.name] = e.value;
  return vars;
}

/**
 * The first assignment of `name`: loc-16-gen-env writes TOKENTXT, VMID and ONEGATE_ENDPOINT first, so the
 * first one is oned's value, immune to a context variable of the same name or a value that breaks out of
 * its quotes (the shadowing and injection described in docs/onegate-protocol.md, "The Ruby CLI", deliberately not reproduced).
 */
export function firstOneEnvValue(entries: OneEnvEntry[], name: string): string | undefined {
  return entries.find((e) => e.name === name)?.value;
}
