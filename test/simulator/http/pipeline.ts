// The order of processing of the real server (onegate-server.rb at release-7.4.0: every route calls check_permissions, then authenticate; the catch-all is l.1054): catch-all, permission flag (403),
// authentication (401), then the route (source VM, scope, logic). Errors become plain-text bodies.

import { compareVersions } from '../config/switches';
import type { matchRoute } from '../render/routes';
import { authenticate } from './auth';
import { HttpError } from './error';
import type { Ctx, SimState } from './state';

/** The answer for one parsed request (without the fault layer). */
export function answer(
  sim: SimState,
  ctx: Omit<Ctx, 'sim' | 'params'> & { params: Record<string, string> },
  routeMatch: ReturnType<typeof matchRoute>,
): { status: number; body: string; contentType?: string } {
  try {
    if (!routeMatch) throw new HttpError(400, "OneGate server doesn't support this feature");
    const full: Ctx = { ...ctx, sim, params: { ...ctx.params, ...routeMatch.captures } };
    const perm = routeMatch.route.permission;
    if (perm && !sim.config.permissions[perm[0]]?.[perm[1]])
      throw new HttpError(403, `Action (${perm[1]}) on resource (${perm[0]}) not supported`);
    const authVm = authenticate(sim.world, ctx.headers, full.params.id, sim.log);
    return routeMatch.route.handler(full, authVm);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, body: e.body, contentType: e.contentType };
    const message = e instanceof Error ? e.message : '';
    const cls = e instanceof Error && e.name !== 'Error' ? e.name : 'RuntimeError';
    sim.log.error(`500: ${cls}: ${message || 'Internal server error'}`);
    // ≤ 7.0.0: Sinatra's development page (its text form, without the backtrace).
    if (compareVersions(sim.config.sim.version, '7.0.0') <= 0) return developmentPage(cls, message, ctx);
    // 7.0.1+: the error 500 handler answers the exception message without a leading "ERROR:".
    return { status: 500, body: message ? message.replace(/^ERROR:\s*/, '') : 'Internal server error' };
  }
}

// Sinatra's ShowExceptions: HTML unless the client prefers text (curl's "Accept: */*"); no backtrace here.
function developmentPage(
  cls: string,
  message: string,
  ctx: { path: string; headers: Ctx['headers'] },
): { status: number; body: string; contentType: string } {
  const accept = String(ctx.headers.accept ?? '');
  if (accept !== '' && !accept.includes('text/html')) return { status: 500, body: `${cls}: ${message}\n`, contentType: 'text/plain' };
  const esc = (s: string): string => s.replace(/[&<>"'/]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
  return {
    status: 500,
    contentType: 'text/html',
    body: `<!DOCTYPE html>\n<html>\n<head>\n  <title>${esc(cls)} at ${esc(ctx.path)}</title>\n</head>\n<body>\n  <h2>${esc(message)}</h2>\n</body>\n</html>\n`,
  };
}

/** Rack-protection HostAuthorization (Sinatra 4.1, 7.0–7.2): only localhost, *.localhost, *.test and IPs. */
export function hostPermitted(host: string): boolean {
  const name = host
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  if (name === '' || name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.test')) return true;
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}
