// Public API of context discovery (see docs/context.md).
export { ContextError, type ContextErrorCode } from './errors';
export type { ContextSource, DiscoverOptions, ResolvedContext } from './types';
export { parseContextSh } from './context-sh';
export { parseOneEnv, parseOneEnvEntries, type OneEnvEntry } from './one-env';
export { discoverContext, resolveCredentials } from './discover';
export { watchContext, type WatchOptions, type ContextWatcher } from './watch';
