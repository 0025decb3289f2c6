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

export type { ContextErrorCode, ContextSource, ContextWatcher, DiscoverOptions, ResolvedContext, WatchOptions } from './context';
export { ContextError, discoverContext, parseContextSh, parseOneEnv, resolveCredentials, watchContext } from './context';
export type { Logger, LogLevel } from './log';
export { createLogger, silentLogger } from './log';
export type { ClientOptions, RawResponse, RequestOptions } from './onegate/client';
export { OneGateClient } from './onegate/client';
export type {
  RootDocument,
  ServiceDocument,
  ServiceNode,
  ServiceRole,
  TemplateValue,
  TemplateVector,
  VmDocument,
  VmNic,
  VnetAddressRange,
  VnetDocument,
  VnetLease,
  VrouterDocument,
} from './onegate/documents';
export {
  asArray,
  normaliseRoot,
  normaliseService,
  normaliseVm,
  normaliseVnet,
  normaliseVrouter,
} from './onegate/documents';
export type { Endpoint, ParseEndpointOptions } from './onegate/endpoint';
export { parseEndpoint } from './onegate/endpoint';
export type { OneGateErrorCode, OneGateErrorDetails } from './onegate/errors';
export { codeForStatus, isOneGateError, OneGateError } from './onegate/errors';
export { parseJsonResponse } from './onegate/json';
export { bypassesProxy, isLocalHost, proxyFor } from './onegate/proxy-env';
export type { RetryPolicy } from './onegate/retry';
export { backoffDelay, parseRetryAfter, sleep } from './onegate/retry';
export type { Credentials } from './onegate/types';
export { checkAttributeName, checkAttributeValue, formatUpdateText, validateAttributes } from './onegate/values';
export { VERSION } from './version';
