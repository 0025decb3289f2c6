// Pure request building for every OneGate route (docs/onegate-protocol.md, "Routes"), separate from the I/O so
// the exact bytes are table-tested.
import { OneGateError } from './errors';
import { checkAttributeName, formatUpdateText, validateAttributes } from './values';

/** A request before headers and transport: what the typed client methods send. */
export interface RouteRequest {
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** A VM ID as a path segment; refuses anything but a decimal integer (the server turns "abc" into VM 0). */
export function vmIdSegment(vmid: string | number): string {
  const text = String(vmid).trim();
  if (!/^\d+$/.test(text)) {
    throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid VM ID "${String(vmid)}": not a non-negative integer`);
  }
  return String(Number(text));
}

function vmPath(vmid: string | number | undefined): string {
  return vmid === undefined ? '/vm' : `/vms/${vmIdSegment(vmid)}`;
}

function extended(on: boolean | undefined): Record<string, string> | undefined {
  return on ? { extended: 'true' } : undefined;
}

/** The form body the Ruby client sends: URLSearchParams encodes byte-identically to URI.encode_www_form. */
export function formBody(data: string, type: 1 | 2): string {
  return new URLSearchParams({ data, type: String(type) }).toString();
}

/** GET /vm or /vms/:id. */
export function showVm(vmid?: string | number): RouteRequest {
  return { method: 'GET', path: vmPath(vmid) };
}

/** PUT /vm with validated attributes merged (type=1); null when there is nothing to send. */
export function updateVm(attributes: Record<string, string>, vmid?: string | number): RouteRequest | null {
  const pairs = validateAttributes(attributes);
  if (pairs.length === 0) return null;
  return { method: 'PUT', path: vmPath(vmid), body: formBody(formatUpdateText(pairs), 1), contentType: FORM };
}

/** PUT /vm with `data` sent unchanged (CLI parity: the server splits lines and escapes). */
export function updateVmRaw(data: string, vmid?: string | number): RouteRequest {
  return { method: 'PUT', path: vmPath(vmid), body: formBody(data, 1), contentType: FORM };
}

/** PUT /vm erasing one attribute (type=2); the name is checked because the server uses it as an XPath. */
export function eraseVmAttribute(key: string, vmid?: string | number): RouteRequest {
  checkAttributeName(key);
  return { method: 'PUT', path: vmPath(vmid), body: formBody(key.toUpperCase(), 2), contentType: FORM };
}

/** PUT /vm erasing with `data` sent unchanged (CLI parity; the server uses it as an XPath, so "*" erases all). */
export function eraseVmAttributeRaw(data: string, vmid?: string | number): RouteRequest {
  return { method: 'PUT', path: vmPath(vmid), body: formBody(data, 2), contentType: FORM };
}

/** POST /vms/:id/action with a JSON body; `hard` adds "params":true, `params` sends any other value. */
export function vmAction(vmid: string | number, action: string, opts: { hard?: boolean; params?: unknown } = {}): RouteRequest {
  if (!/^[A-Za-z_-]+$/.test(action)) {
    throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid action "${action}": expected a name such as poweroff`);
  }
  const params = opts.params !== undefined ? opts.params : opts.hard ? true : undefined;
  const body = JSON.stringify({ action: params === undefined ? { perform: action } : { perform: action, params } });
  return { method: 'POST', path: `/vms/${vmIdSegment(vmid)}/action`, body, contentType: JSON_TYPE };
}

/** GET /service (`extended` as a query parameter, never a GET body). */
export function showService(opts: { extended?: boolean } = {}): RouteRequest {
  return { method: 'GET', path: '/service', query: extended(opts.extended) };
}

/** PUT /service/role/:role with JSON {"cardinality":N} (the form type fails on 7.x, #7954). */
export function scaleRole(role: string, cardinality: number): RouteRequest {
  if (role.trim() === '') throw new OneGateError('ONEGATE_INVALID_VALUE', 'invalid role name "": it is empty');
  if (!Number.isSafeInteger(cardinality) || cardinality < 0) {
    throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid cardinality "${cardinality}": not a non-negative integer`);
  }
  return {
    method: 'PUT',
    path: `/service/role/${encodeURIComponent(role)}`,
    body: JSON.stringify({ cardinality }),
    contentType: JSON_TYPE,
  };
}

/** GET /vrouter. */
export function showVrouter(opts: { extended?: boolean } = {}): RouteRequest {
  return { method: 'GET', path: '/vrouter', query: extended(opts.extended) };
}

/** GET /vnet/:id; the ID is not checked here because the server explains a bad one precisely. */
export function showVnet(id: string | number, opts: { extended?: boolean } = {}): RouteRequest {
  const text = String(id);
  if (text === '') throw new OneGateError('ONEGATE_INVALID_VALUE', 'invalid virtual network ID "": it is empty');
  return { method: 'GET', path: `/vnet/${encodeURIComponent(text)}`, query: extended(opts.extended) };
}
