// Change hooks, as the daemon uses them.
export { createHookRunner } from './run-hooks';
export type { HookRunnerDeps } from './run-hooks';
export { DEFAULT_HOOKS_OPTIONS, HOOK_EVENTS, isHookEvent } from './types';
export type { HookEvent, HookInvocation, HookOutcome, HooksOptions, RunHook } from './types';
