// Which proxy, if any, a request to the endpoint goes through. Pure: the environment is passed in.
//
// Rules (docs/client.md): http endpoints use http_proxy (or HTTP_PROXY), https endpoints use https_proxy (or
// HTTPS_PROXY); lower case wins. no_proxy (or NO_PROXY) lists hosts, domain suffixes, IPs, CIDRs, optional
// ":port", or "*". Loopback, link-local (169.254.0.0/16, fe80::/10) and "localhost" endpoints are never proxied:
// OneGate's usual 169.254.16.9 lives on the hypervisor and no proxy can reach it.
import { BlockList, isIP } from 'node:net';
import type { Endpoint } from './endpoint';
import { OneGateError } from './errors';

// Built on first use: a BlockList loads three more Node modules (~5 ms of a CLI start) and most calls
// never get this far (no proxy variable set).
let local: BlockList | undefined;

function localAddresses(): BlockList {
  if (local) return local;
  local = new BlockList();
  local.addSubnet('127.0.0.0', 8, 'ipv4');
  local.addSubnet('169.254.0.0', 16, 'ipv4');
  local.addAddress('::1', 'ipv6');
  local.addSubnet('fe80::', 10, 'ipv6');
  return local;
}

type Env = Record<string, string | undefined>;

function variable(env: Env, name: string): string | undefined {
  const value = env[name] ?? env[name.toUpperCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** True for loopback and link-local addresses and localhost names. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 0) return false;
  // IPv4-mapped IPv6 (::ffff:169.254.16.9) is checked as the IPv4 address it carries.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
  if (mapped) return localAddresses().check(mapped[1]!, 'ipv4');
  return localAddresses().check(host, family === 6 ? 'ipv6' : 'ipv4');
}

function splitHostPort(entry: string): { host: string; port?: number } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (v6) return { host: v6[1]!, port: v6[2] ? Number(v6[2]) : undefined };
  const hp = /^([^:]+):(\d+)$/.exec(entry);
  if (hp) return { host: hp[1]!, port: Number(hp[2]) };
  return { host: entry };
}

function entryMatches(entry: string, hostname: string, port: number): boolean {
  if (entry === '*') return true;
  const { host, port: entryPort } = splitHostPort(entry);
  if (entryPort !== undefined && entryPort !== port) return false;
  const family = isIP(hostname);
  const cidr = /^(.+)\/(\d{1,3})$/.exec(host);
  if (cidr && family !== 0 && isIP(cidr[1]!) === family) {
    const list = new BlockList();
    const type = family === 6 ? 'ipv6' : 'ipv4';
    try {
      list.addSubnet(cidr[1]!, Number(cidr[2]), type);
    } catch {
      return false; // a prefix length out of range matches nothing, as in curl
    }
    return list.check(hostname, type);
  }
  if (isIP(host) !== 0) return family !== 0 && host === hostname;
  const domain = host.replace(/^\*?\./, '');
  return hostname === domain || hostname.endsWith(`.${domain}`);
}

/** True when `no_proxy` exempts host:port. */
export function bypassesProxy(noProxy: string | undefined, hostname: string, port: number): boolean {
  if (noProxy === undefined) return false;
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return noProxy
    .toLowerCase()
    .split(/[\s,]+/)
    .filter((e) => e !== '')
    .some((e) => entryMatches(e, host, port));
}

/** Shows a proxy URL without its password, for messages and logs. */
export function redactProxy(url: URL): string {
  return url.password === '' ? url.origin : `${url.protocol}//${url.username}:***@${url.host}`;
}

/** The proxy URL for requests to `endpoint`, or undefined to connect directly. */
export function proxyFor(endpoint: Endpoint, env: Env): URL | undefined {
  const name = endpoint.protocol === 'https:' ? 'https_proxy' : 'http_proxy';
  const raw = variable(env, name);
  if (raw === undefined || isLocalHost(endpoint.hostname)) return undefined;
  if (bypassesProxy(variable(env, 'no_proxy'), endpoint.hostname, endpoint.port)) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new OneGateError('ONEGATE_INVALID_ENDPOINT', `invalid proxy in ${name}: it is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OneGateError(
      'ONEGATE_INVALID_ENDPOINT',
      `invalid proxy in ${name}: scheme "${url.protocol.slice(0, -1)}" is not http or https`,
    );
  }
  return url;
}
