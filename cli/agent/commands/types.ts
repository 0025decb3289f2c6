// What every `onegate-agent` subcommand exports, and what it returns: data for cli/agent/output.ts, the
// only writer to stdout and stderr (the daemon's log lines go through agent/log.ts).
import type { ResolvedContext } from '../../../agent/context/types';
import type { Health } from '../../../agent/state/health';
import type { StatusDocument } from '../../../agent/state/status-document';
import type { DoctorReport } from '../doctor/types';
import type { Answer, Listing } from '../query/render';

/** What goes to stdout, and how output.ts draws it. */
export type AgentOutput =
  /** Text as it is (usage, help, the version). */
  | { layout: 'text'; data: string }
  /** One JSON document, indented. */
  | { layout: 'json'; data: unknown }
  /** KEY=VALUE lines (once). */
  | { layout: 'attributes'; data: Record<string, string> }
  /** The status summary (status without --json). */
  | { layout: 'status'; data: { health: Health; doc: StatusDocument | undefined; alive: boolean; now: number } }
  /** The resolved context (context without --json). */
  | { layout: 'context'; data: { context: ResolvedContext; showToken: boolean } }
  /** The answers of query, one per PATH (plain, or JSON with --json). */
  | { layout: 'query'; data: { answers: Answer[]; json: boolean } }
  /** The listing of query without a PATH. */
  | { layout: 'query-list'; data: { listing: Listing; json: boolean } }
  /** The checks of doctor (without --json). */
  | { layout: 'doctor'; data: DoctorReport };

/** What a subcommand returns; output.ts writes the output, then the errors, then the usage. */
export interface AgentResult {
  /** The exit status. */
  code: number;
  /** For stdout. */
  output?: AgentOutput;
  /** One-line messages for stderr, each printed as "onegate-agent COMMAND: message". */
  errors?: string[];
  /** Usage text for stderr after an error about the arguments. */
  usage?: string;
}

/** A subcommand: loaded lazily by main.ts, so `status` never pays for the daemon's code. */
export interface AgentCommand {
  /** Runs it with the arguments after its name. */
  run(argv: string[]): Promise<AgentResult>;
}
