// The checks of `onegate-agent doctor`, in the order a request travels from the context to the server; the
// order is the report's order, and `needs` only ever names checks listed before.
import { agentCheck } from './check-agent';
import { clockCheck } from './check-clock';
import { configCheck } from './check-config';
import { connectCheck } from './check-connect';
import { contextCheck } from './check-context';
import { endpointCheck } from './check-endpoint';
import { featuresCheck } from './check-features';
import { proxyCheck } from './check-proxy';
import { resolveCheck } from './check-resolve';
import { routeCheck } from './check-route';
import { tlsCheck } from './check-tls';
import { vmCheck } from './check-vm';
import type { Check } from './types';

export const CHECKS: readonly Check[] = [
  configCheck,
  contextCheck,
  endpointCheck,
  resolveCheck,
  routeCheck,
  connectCheck,
  tlsCheck,
  proxyCheck,
  vmCheck,
  clockCheck,
  featuresCheck,
  agentCheck,
];
