// What every command file exports, and what it gets to run.
import type { OneGateClient } from '../../../agent/onegate/client';
import type { OptionValues } from '../option-table';

/** How output.ts draws a result without --json/--yaml. */
export type Layout = 'vm' | 'service' | 'vrouter' | 'vnet' | 'value';

/** What a command returns; an empty result prints nothing (update, actions, scale, wait). */
export interface CommandResult {
  /** Text layout of `data`. */
  layout?: Layout;
  /** The parsed document or value. */
  data?: unknown;
  /** The server's JSON text, when `data` is a whole response (--json re-indents it, keeping key order). */
  raw?: string;
}

/** What a command runs with. */
export interface CommandContext {
  /** The verb as typed (`reboot` for `vm reboot 42`). */
  verb: string;
  /** The positional words after the verb (ids, KEY, KEY=VALUE). */
  args: string[];
  /** Parsed options. */
  options: OptionValues;
  /** The client, created on first use (configuration is read only by commands that talk to OneGate). */
  client(overrides?: { signal?: AbortSignal }): Promise<OneGateClient>;
  /** The --timeout bound in ms (vm wait uses it as its total wait). */
  timeoutMs: number;
}

/** One command: static metadata plus `run`, which returns data and never prints. */
export interface Command {
  /** First word: vm, service, vrouter, vnet. */
  resource: string;
  /** Second words that select this command. */
  verbs: readonly string[];
  /** One line for docs and errors. */
  summary: string;
  /** Its lines of the help text, without the "* " bullet; a line starting with four spaces is nested. */
  help: readonly string[];
  /** Not in the Ruby client: listed under EXTENSIONS. */
  extra?: boolean;
  /** Long names of the options it reads. */
  options: readonly string[];
  /** It changes the VM or its service: a success wakes the local agent's pull (cli/onegate/wake.ts). */
  wakesAgent?: true;
  /** Runs the command. */
  run(ctx: CommandContext): Promise<CommandResult>;
}
