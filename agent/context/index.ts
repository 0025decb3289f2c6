// Public API of context discovery (see docs/context.md).

export { parseContextSh } from './context-sh';
export { discoverContext, resolveCredentials } from './discover';
export { ContextError, type ContextErrorCode } from './errors';
export { type OneEnvEntry, parseOneEnv, parseOneEnvEntries } from './one-env';
export type { ContextSource, DiscoverOptions, ResolvedContext } from './types';
export { type ContextWatcher, type WatchOptions, watchContext } from './watch';
