// The shape of `onegate-agent doctor`: an ordered list of checks (index.ts), each one file behind the `Check`
// interface, run by run-checks.ts over one DoctorContext. Each check returns a Finding: a verdict, one line of
// evidence and one line of advice. Checks hand what they learnt to later ones through `facts`.
import type { LoadedConfig } from '../../../agent/config/load';
import type { AgentConfig } from '../../../agent/config/schema';
import type { UncheckedContext } from '../../../agent/context/discover';
import type { Candidate } from '../../../agent/context/sources/candidates';
import type { OneGateClient } from '../../../agent/onegate/client';
import type { VmDocument } from '../../../agent/onegate/document-types';
import type { Endpoint } from '../../../agent/onegate/endpoint';
import type { Credentials } from '../../../agent/onegate/types';
import type { Hop } from './hop';

/** ok, warn and fail count for the exit status; skip is a check that did not apply or could not run. */
export type Verdict = 'ok' | 'warn' | 'fail' | 'skip';

/** What one check found. */
export interface Finding {
  /** The verdict. */
  verdict: Verdict;
  /** One line: what was seen (never a secret's value). */
  evidence: string;
  /** One line: what to do about it; may be empty for ok and skip. */
  advice: string;
}

/** One link of the path from the context to the server. */
export interface Check {
  /** Short stable name, shown in the output and the JSON (e.g. "resolve"). */
  name: string;
  /** What it checks, for the text output ("name resolves"). */
  title: string;
  /** Checks that must not have failed (or been skipped for a failure) for this one to run. */
  needs: readonly string[];
  /** Runs the check; throws only on a bug (the runner reports it as a failure). */
  run(ctx: DoctorContext): Promise<Finding>;
}

/** A finding with the check it belongs to: one row of the report. */
export interface CheckReport extends Finding {
  /** The check's name. */
  name: string;
  /** The check's title. */
  title: string;
}

/** The whole report: what `doctor` returns for output.ts. */
export interface DoctorReport {
  /** Every check in order. */
  checks: CheckReport[];
  /** 0 all ok, 1 warnings, 2 a failure. */
  exitCode: 0 | 1 | 2;
  /** The first failed check (the first broken link), if any. */
  firstFailure?: string;
}

/** A resolved address of the first hop. */
export interface Address {
  /** The IP address. */
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Everything the checks read from the outside world, injectable for tests. */
export interface DoctorDeps {
  /** --config, when given. */
  configFile?: string;
  /** --context-dir and --context-file. */
  flags: { contextDir?: string; contextFile?: string };
  /** Environment for context discovery and the proxy variables. */
  env: Record<string, string | undefined>;
  /** Filesystem root of context discovery ('/' outside tests, ONEGATE_CONTEXT_ROOT as for `context`). */
  contextRoot: string;
  /** Where /proc is (route tables). */
  procRoot: string;
  /** Where /sys is (interface MAC addresses). */
  sysRoot: string;
  /** Resolves a host name to its addresses (dns.lookup with all: true). */
  lookup(hostname: string): Promise<Address[]>;
  /** Addresses configured on this host's interfaces. */
  localAddresses(): string[];
  /** Whether a pid is a running onegate-agent. */
  isAlive(pid: number): boolean;
  /** The clock, ms since the epoch. */
  now(): number;
}

/** What earlier checks learnt, for later ones; a field is set only by the check that owns it. */
export interface Facts {
  /** config: the configuration file as loaded (what `status` reads run_dir from). */
  loaded?: LoadedConfig;
  /** context: the configuration with the context's ONEGATE_AGENT_* overrides (what `run` uses). */
  config?: AgentConfig;
  /** context: what discovery found; the endpoint is not checked yet (the endpoint check does), VMID and token are. */
  found?: { unchecked: UncheckedContext; endpoint: Candidate; vmid: string; token: string };
  /** context: endpoint, VMID and token. */
  credentials?: Credentials;
  /** endpoint: the parsed endpoint. */
  endpoint?: Endpoint;
  /** endpoint: where the first TCP connection goes (the endpoint, or a proxy). */
  hop?: Hop;
  /** resolve: the first hop's addresses. */
  addresses?: Address[];
  /** vm: the client the server checks share (closed by the runner). */
  client?: OneGateClient;
  /** vm: the answer to GET /vm and when it was sent and received. */
  vm?: { doc: VmDocument; date?: string; sentAt: number; receivedAt: number };
}

/** What every check receives. */
export interface DoctorContext {
  /** The outside world. */
  deps: DoctorDeps;
  /** What earlier checks learnt. */
  facts: Facts;
}

/** Shorthands for the findings. */
export const ok = (evidence: string, advice = ''): Finding => ({ verdict: 'ok', evidence, advice });
export const warn = (evidence: string, advice: string): Finding => ({ verdict: 'warn', evidence, advice });
export const fail = (evidence: string, advice: string): Finding => ({ verdict: 'fail', evidence, advice });
export const skip = (evidence: string, advice = ''): Finding => ({ verdict: 'skip', evidence, advice });
