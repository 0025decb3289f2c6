// rack-protection's HostAuthorization as Sinatra 4 sets it up: the Host header (and a forwarded
// host, when one is sent) must match a permitted entry; an empty list permits every host.
import type { IncomingHttpHeaders } from 'node:http';

/** Sinatra 4's development default (7.0–7.2 run with it): localhost, its subdomains, .test, any IP. */
export const SINATRA_DEVELOPMENT_HOSTS = ['localhost', '.localhost', '.test', 'ip:any'];

/** Whether a request passes; `permitted` entries are names, ".domain" (its subdomains) or "ip:any". */
export function hostPermitted(headers: IncomingHttpHeaders, permitted: readonly string[]): boolean {
  if (permitted.length === 0) return true;
  const origin = hostOf(headers.host ?? '');
  if (!matches(origin, permitted)) return false;
  const forwarded = forwardedHost(headers);
  return forwarded === undefined || matches(hostOf(forwarded), permitted);
}

// Rack: the last host of Forwarded (host=...), else of X-Forwarded-Host.
function forwardedHost(headers: IncomingHttpHeaders): string | undefined {
  const fwd = String(headers.forwarded ?? '');
  const hosts = [...fwd.matchAll(/(?:^|[;,\s])host="?([^";,\s]+)"?/gi)].map((m) => m[1]);
  if (hosts.length > 0) return hosts[hosts.length - 1];
  const xfh = headers['x-forwarded-host'];
  if (typeof xfh !== 'string') return undefined;
  return xfh.split(/,\s*/).pop();
}

// The authority without its port, lower case, IPv6 brackets kept (as rack-protection compares it).
const hostOf = (authority: string): string => authority.replace(/:\d+$/, '').toLowerCase();

function matches(host: string, permitted: readonly string[]): boolean {
  return permitted.some((entry) => {
    if (entry === 'ip:any') return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || /^\[?[0-9a-f:.]*:[0-9a-f:.]*\]?$/.test(host);
    // ".example" permits example itself and any name ending in it (rack-protection's /[a-z0-9\-.]+example\z/).
    if (entry.startsWith('.')) {
      const domain = entry.slice(1).toLowerCase();
      return host === domain || (host.endsWith(domain) && /^[a-z0-9.-]+$/.test(host.slice(0, -domain.length)));
    }
    return host === entry.toLowerCase();
  });
}
