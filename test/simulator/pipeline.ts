// The order of processing of the real server (spec §2.2): catch-all, permission flag (403),
// authentication (401), then the route (source VM, scope, logic). Errors become plain-text bodies.
import { HttpError } from './http-error';
import { authenticate } from './auth';
import { matchRoute } from './routes/index';
import type { Ctx, SimState } from './state';

/** The answer for one parsed request (without the fault layer). */
export function answer(sim: SimState, ctx: Omit<Ctx, 'sim' | 'params'> & { params: Record<string, string> }, routeMatch: ReturnType<typeof matchRoute>): { status: number; body: string; contentType?: string } {
  try {
    if (!routeMatch) throw new HttpError(400, "OneGate server doesn't support this feature");
    const full: Ctx = { ...ctx, sim, params: { ...ctx.params, ...routeMatch.captures } };
    const perm = routeMatch.route.permission;
    if (perm && !sim.config.permissions[perm[0]]?.[perm[1]]) throw new HttpError(403, `Action (${perm[1]}) on resource (${perm[0]}) not supported`);
    const authVm = authenticate(sim.world, ctx.headers, full.params.id, sim.log);
    return routeMatch.route.handler(full, authVm);
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, body: e.body, contentType: e.contentType };
    // 7.0.1+: the error 500 handler answers the exception message without a leading "ERROR:".
    const message = e instanceof Error ? e.message : '';
    sim.log.error(`500: ${message || 'Internal server error'}`);
    return { status: 500, body: message ? message.replace(/^ERROR:\s*/, '') : 'Internal server error' };
  }
}

/** Rack-protection HostAuthorization (Sinatra 4.1, 7.0–7.2): only localhost, *.localhost, *.test and IPs. */
export function hostPermitted(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (name === '' || name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.test')) return true;
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}
