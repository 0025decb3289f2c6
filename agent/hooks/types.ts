// The hook interface shared by the puller (which decides that something changed) and the runner
// (which finds and runs the programs). The full contract for hook authors is in docs/pull.md.
import { hostFacts } from '../platform/facts';
import { agentPaths } from '../platform/paths';

/** Every event a hook can subscribe to, in the order they fire within one pull. */
export const HOOK_EVENTS = ['vm', 'user_template', 'service', 'service_role', 'vrouter', 'vnet'] as const;

/** One of {@link HOOK_EVENTS}. */
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** True when `name` is a hook event name. */
export function isHookEvent(name: string): name is HookEvent {
  return (HOOK_EVENTS as readonly string[]).includes(name);
}

/** One change to report to the hooks of one event. */
export interface HookInvocation {
  /** The event; also the hooks.d subdirectory and the first argument. */
  event: HookEvent;
  /** Path of the previous document (a temporary copy), or /dev/null (NUL on Windows) when there was none. */
  oldPath: string;
  /** Path of the current document under the run directory, or /dev/null (NUL on Windows) when it was removed. */
  newPath: string;
  /** Extra ONEGATE_* variables describing the change (ONEGATE_VMID, ONEGATE_ROLE, ...). */
  env: Record<string, string>;
}

/** How the hooks of an event ran. */
export interface HookOutcome {
  /** The hook's argv[0]. */
  program: string;
  /** True when it exited 0 within the timeout. */
  ok: boolean;
  /** Why it failed: "exit 3", "timed out after 30 s", "could not start: ...". */
  reason?: string;
}

/** Where hooks come from and how they run (the daemon maps its `hooks` config key to this). */
export interface HooksOptions {
  /** Hooks per event from the configuration: a program path or an argv array; run before hooks.d, in list order. */
  commands: Partial<Record<HookEvent, Array<string | string[]>>>;
  /** Directory holding one subdirectory per event with executable hooks; "" disables it. */
  directory: string;
  /** Kill a hook that runs longer than this (SIGTERM, SIGKILL 2 s later). */
  timeoutMs: number;
  /** Bytes of each of stdout and stderr kept and logged per hook. */
  maxOutputBytes: number;
}

/** Defaults of {@link HooksOptions}. */
export const DEFAULT_HOOKS_OPTIONS: HooksOptions = {
  commands: {},
  directory: agentPaths(hostFacts()).hooksDir,
  timeoutMs: 30_000,
  maxOutputBytes: 4096,
};

/** The function the puller calls once per event that fired. */
export type RunHook = (invocation: HookInvocation) => Promise<HookOutcome[]>;
