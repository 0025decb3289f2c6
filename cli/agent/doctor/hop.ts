// Where the agent's first TCP connection goes, decided exactly as the client decides it (proxyFor in
// agent/onegate/proxy-env.ts), with the reason spelled out for the report. Pure: the environment is passed in.
import { isIP } from 'node:net';
import type { Endpoint } from '../../../agent/onegate/endpoint';
import { bypassesProxy, isLocalHost, proxyFor, redactProxy } from '../../../agent/onegate/proxy-env';

/** Why the request goes where it goes. */
export type ProxyReason = 'unset' | 'local' | 'no_proxy' | 'proxied' | 'invalid';

/** The proxy decision for one endpoint. */
export interface ProxyDecision {
  /** unset: no proxy variable for the scheme; local: loopback or link-local, never proxied; no_proxy: exempted. */
  reason: ProxyReason;
  /** The proxy variable read, as spelled in the environment (http_proxy or HTTP_PROXY, https_...). */
  variable: string;
  /** The proxy URL without its password, when the variable is set. */
  shown?: string;
  /** The proxy, when requests go through it. */
  proxy?: URL;
  /** The no_proxy variable as spelled, and its value, when set. */
  noProxy?: { variable: string; value: string };
  /** Why the proxy variable cannot be used (reason invalid). */
  error?: string;
}

/** The first hop of a request: the endpoint itself, or the proxy. */
export interface Hop {
  /** Host name or address to resolve and connect to (IPv6 without brackets). */
  host: string;
  /** TCP port. */
  port: number;
  /** direct, or through the proxy. */
  via: 'direct' | 'proxy';
  /** For messages: "127.0.0.1:5030", or "the proxy 10.0.0.3:3128 (http_proxy)". */
  label: string;
  /** The proxy variable, as spelled, when via is proxy. */
  variable?: string;
}

type Env = Record<string, string | undefined>;

function spelled(env: Env, lower: string): { variable: string; value: string } | undefined {
  for (const variable of [lower, lower.toUpperCase()]) {
    const value = env[variable]?.trim();
    if (value) return { variable, value };
  }
  return undefined;
}

/** How the client treats the proxy variables for `endpoint`. */
export function decideProxy(endpoint: Endpoint, env: Env): ProxyDecision {
  const lower = endpoint.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const set = spelled(env, lower);
  const noProxy = spelled(env, 'no_proxy');
  const base = { variable: set?.variable ?? lower, ...(noProxy ? { noProxy } : {}) };
  if (!set) return { reason: 'unset', ...base };
  let proxy: URL | undefined;
  try {
    proxy = proxyFor(endpoint, env);
  } catch (err) {
    return { reason: 'invalid', ...base, error: (err as Error).message };
  }
  const shown = proxy ? redactProxy(proxy) : shownValue(set.value);
  if (proxy) return { reason: 'proxied', ...base, shown, proxy };
  if (isLocalHost(endpoint.hostname)) return { reason: 'local', ...base, shown };
  return { reason: bypassesProxy(noProxy?.value, endpoint.hostname, endpoint.port) ? 'no_proxy' : 'unset', ...base, shown };
}

// A proxy variable the client did not use, shown without a password (it may not even be a URL).
function shownValue(value: string): string {
  try {
    return redactProxy(new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`));
  } catch {
    return '(not a URL)';
  }
}

/** The first hop for `endpoint` under `decision`. */
export function hopOf(endpoint: Endpoint, decision: ProxyDecision): Hop {
  const proxy = decision.proxy;
  if (!proxy) return { host: endpoint.hostname, port: endpoint.port, via: 'direct', label: hostPort(endpoint.hostname, endpoint.port) };
  const host = proxy.hostname.replace(/^\[|\]$/g, '');
  const port = Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
  return { host, port, via: 'proxy', label: `the proxy ${hostPort(host, port)} (${decision.variable})`, variable: decision.variable };
}

/** host:port with IPv6 in brackets. */
export function hostPort(host: string, port: number): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
