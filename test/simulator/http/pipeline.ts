// The order of processing of the real server (onegate-server.rb at release-7.4.0: every route calls check_permissions, then authenticate; the catch-all is l.1054): catch-all, permission flag (403),
// authentication (401), then the route (source VM, scope, logic). Errors become plain-text bodies.

import type { matchRoute } from '../render/routes';
import { authenticate } from './auth';
import { type Answer, HttpError } from './error';
import type { Ctx, SimState } from './state';

/** The answer for one parsed request (without the fault layer). */
export function answer(
  sim: SimState,
  ctx: Omit<Ctx, 'sim' | 'params'> & { params: Record<string, string> },
  routeMatch: ReturnType<typeof matchRoute>,
): Answer {
  try {
    if (!routeMatch) throw new HttpError(400, "OneGate server doesn't support this feature");
    const full: Ctx = { ...ctx, sim, params: { ...ctx.params, ...routeMatch.captures } };
    const perm = routeMatch.route.permission;
    if (perm && !sim.config.permissions[perm[0]]?.[perm[1]])
      throw new HttpError(403, `Action (${perm[1]}) on resource (${perm[0]}) not supported`);
    const authVm = authenticate(sim.world, ctx.headers, full.params.id, sim.log);
    return routeMatch.route.handler(full, authVm);
  } catch (e) {
    const handler500 = sim.config.sim.errorHandler500;
    if (e instanceof HttpError) {
      // 7.0.1+: the error 500 handler runs after the route too; a halt leaves no exception to take a message from.
      if (e.status === 500 && handler500) {
        sim.log.error(`500: ${e.body} (answered as "Internal server error")`);
        return { status: 500, body: 'Internal server error' };
      }
      return { status: e.status, body: e.body };
    }
    const message = e instanceof Error ? e.message : '';
    const cls = e instanceof Error && e.name !== 'Error' ? e.name : 'RuntimeError';
    sim.log.error(`500: ${cls}: ${message || 'Internal server error'}`);
    if (!handler500) return developmentPage(cls, message, ctx);
    return { status: 500, body: message ? message.replace(/^ERROR:\s*/, '') : 'Internal server error' };
  }
}

// Sinatra's ShowExceptions: HTML unless the client prefers text (curl's "Accept: */*"); no backtrace here.
function developmentPage(cls: string, message: string, ctx: { path: string; headers: Ctx['headers'] }): Answer {
  const accept = String(ctx.headers.accept ?? '');
  if (accept !== '' && !accept.includes('text/html'))
    return { status: 500, body: `${cls}: ${message}\n`, contentType: 'text/plain', page: true };
  const esc = (s: string): string => s.replace(/[&<>"'/]/g, (c) => `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`);
  return {
    status: 500,
    contentType: 'text/html',
    page: true,
    body: `<!DOCTYPE html>\n<html>\n<head>\n  <title>${esc(cls)} at ${esc(ctx.path)}</title>\n</head>\n<body>\n  <h2>${esc(message)}</h2>\n</body>\n</html>\n`,
  };
}
