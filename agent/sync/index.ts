// The pull side of the agent, as the daemon uses it.
export { createPuller } from './puller';
export type { Puller, PullerDeps, PullClient, PullReport, DocumentReport, DocumentStatus } from './puller';
export { DEFAULT_PULLER_OPTIONS, parseVnets } from './options';
export type { PullerOptions, Membership } from './options';
