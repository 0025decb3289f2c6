/**
 * onegate-agent as a library: a typed OneGate client for Node programs running in OpenNebula guests.
 *
 * @example
 * ```ts
 * import { OneGateClient, resolveCredentials } from 'onegate-agent';
 * const client = new OneGateClient({ credentials: await resolveCredentials(), refreshCredentials: () => resolveCredentials() });
 * const { VM } = await client.getVm();
 * await client.updateVm({ APP_STATUS: 'ok' });
 * client.close();
 * ```
 * @packageDocumentation
 */
export { VERSION } from './version';
export type { Logger, LogLevel } from './log';
export { createLogger, silentLogger } from './log';
export type { Credentials } from './onegate/types';
export { discoverContext, resolveCredentials, watchContext, parseContextSh, parseOneEnv, ContextError } from './context';
export type { ContextSource, DiscoverOptions, ResolvedContext, WatchOptions, ContextWatcher, ContextErrorCode } from './context';
export { OneGateClient } from './onegate/client';
export type { ClientOptions, RequestOptions, RawResponse } from './onegate/client';
export { OneGateError, isOneGateError, codeForStatus } from './onegate/errors';
export type { OneGateErrorCode, OneGateErrorDetails } from './onegate/errors';
export { parseJsonResponse } from './onegate/json';
export { parseEndpoint } from './onegate/endpoint';
export type { Endpoint, ParseEndpointOptions } from './onegate/endpoint';
export { proxyFor, bypassesProxy, isLocalHost } from './onegate/proxy-env';
export { checkAttributeName, checkAttributeValue, validateAttributes, formatUpdateText } from './onegate/values';
export { backoffDelay, parseRetryAfter, sleep } from './onegate/retry';
export type { RetryPolicy } from './onegate/retry';
export {
  asArray, normaliseRoot, normaliseVm, normaliseService, normaliseVrouter, normaliseVnet,
} from './onegate/documents';
export type {
  RootDocument, TemplateValue, TemplateVector, VmNic, VmDocument, ServiceNode, ServiceRole, ServiceDocument, VrouterDocument,
  VnetLease, VnetAddressRange, VnetDocument,
} from './onegate/documents';
