// The route table, in Sinatra's definition order (first match wins). HEAD uses the GET routes.
import type { Handler } from '../http/state';
import { vmsAction } from './action';
import { root } from './root';
import { serviceScale, serviceShow } from './service';
import { vmShow, vmsShow, vmsUpdate, vmUpdate } from './vm';
import { vnetShow, vrouterShow } from './vrouter';

/** One route. */
export interface Route {
  /** HTTP method. */ method: 'GET' | 'PUT' | 'POST';
  /** Route name as used by faults and logs, e.g. "GET /vms/:id". */ name: string;
  /** Path pattern with named captures. */ pattern: RegExp;
  /** The :permissions flag [resource, action]; none for GET /. */ permission?: [string, string];
  /** The handler. */ handler: Handler;
}

const seg = '([^/?#]+)';
const r = (method: Route['method'], path: string, handler: Handler, permission?: [string, string]): Route => ({
  method,
  name: `${method} ${path}`,
  pattern: new RegExp(`^${path.replace(/:(\w+)/g, (_m, k: string) => `(?<${k}>${seg.slice(1, -1)})`)}$`),
  permission,
  handler,
});

/** Every route of onegate-server.rb. */
export const ROUTES: Route[] = [
  r('GET', '/', root),
  r('PUT', '/vm', vmUpdate, ['vm', 'update']),
  r('GET', '/vm', vmShow, ['vm', 'show']),
  r('GET', '/service', serviceShow, ['service', 'show']),
  r('GET', '/vrouter', vrouterShow, ['vrouter', 'show']),
  r('GET', '/vnet/:id', vnetShow, ['vnet', 'show_by_id']),
  r('GET', '/vms/:id', vmsShow, ['vm', 'show_by_id']),
  r('POST', '/vms/:id/action', vmsAction, ['vm', 'action_by_id']),
  r('PUT', '/service/role/:role', serviceScale, ['service', 'change_cardinality']),
  r('PUT', '/vms/:id', vmsUpdate, ['vm', 'update_by_id']),
];

/** The route for a method and path, with its decoded captures; undefined means the catch-all. */
export function matchRoute(method: string, path: string): { route: Route; captures: Record<string, string> } | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  for (const route of ROUTES) {
    if (route.method !== m) continue;
    const hit = route.pattern.exec(path);
    if (hit) return { route, captures: Object.fromEntries(Object.entries(hit.groups ?? {}).map(([k, v]) => [k, safeDecode(v)])) };
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
