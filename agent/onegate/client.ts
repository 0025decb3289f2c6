// OneGateClient: credentials, headers, deadlines, retries and 401 refresh around the two transports, plus one
// typed method per OneGate route.
import {
  normaliseRoot,
  normaliseService,
  normaliseVm,
  normaliseVnet,
  normaliseVrouter,
  type RootDocument,
  type ServiceDocument,
  type VmDocument,
  type VnetDocument,
  type VrouterDocument,
} from './documents';
import { type Endpoint, parseEndpoint } from './endpoint';
import { httpError, OneGateError } from './errors';
import { parseJsonResponse } from './json';
import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options';
import { proxyFor, redactProxy } from './proxy-env';
import * as route from './requests';
import { backoffDelay, parseRetryAfter, sleep } from './retry';
import { isIdempotent, type RawResponse, type Transport } from './transport/types';
import { createWireTransport } from './transport/wire';
import type { Credentials } from './types';
import { answerWithoutToken, failureWithoutToken } from './without-token';

export type { ClientOptions } from './options';
export type { RawResponse } from './transport/types';

/** Per-call options of {@link OneGateClient.request}. */
export interface RequestOptions {
  /** Query parameters. */
  query?: Record<string, string>;
  /** Request body, sent as is. */
  body?: string;
  /** Content-Type of the body. */
  contentType?: string;
  /** X-ONEGATE-VMID for this call instead of the credentials' VMID. */
  vmid?: string;
}

function checkCredentials(c: Credentials): void {
  for (const [name, value] of [
    ['token', c.token],
    ['VMID', c.vmid],
  ] as const) {
    // Only the name is reported: the token must never appear in a message.
    if (typeof value !== 'string' || /[\u0000-\u001f\u007f]/.test(value.trim())) {
      throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid OneGate credentials: the ${name} contains a control character`);
    }
  }
}

/** A typed client for every OneGate route. Reuses one keep-alive connection; call close() when done. */
export class OneGateClient {
  #credentials: Credentials;
  #endpoint: Endpoint;
  #transport: Transport | undefined;
  #refreshing: Promise<void> | undefined;
  readonly #options: ResolvedOptions;

  /** Throws ONEGATE_INVALID_ENDPOINT for an unusable endpoint, ONEGATE_INVALID_VALUE for a bad option or caFile. */
  constructor(options: ClientOptions) {
    this.#options = resolveOptions(options);
    this.#endpoint = this.#parse(options.credentials);
    this.#credentials = { ...options.credentials };
  }

  /** The credentials in use (a copy). */
  get credentials(): Credentials {
    return { ...this.#credentials };
  }

  /** Replaces the credentials; a new endpoint gets new connections. */
  setCredentials(credentials: Credentials): void {
    const endpoint = this.#parse(credentials);
    if (endpoint.origin !== this.#endpoint.origin) {
      this.#transport?.close();
      this.#transport = undefined;
    }
    this.#endpoint = endpoint;
    this.#credentials = { ...credentials };
  }

  /** Closes idle keep-alive connections (calls in flight finish); the client stays usable. */
  close(): void {
    this.#transport?.close();
    this.#transport = undefined;
  }

  #parse(credentials: Credentials): Endpoint {
    checkCredentials(credentials);
    return parseEndpoint(credentials.endpoint, { keepPathPrefix: this.#options.keepPathPrefix });
  }

  #transportFor(): Transport {
    if (this.#transport) return this.#transport;
    const proxy = proxyFor(this.#endpoint, this.#options.env);
    if (proxy) this.#options.log.debug(`onegate: using proxy ${redactProxy(proxy)} for ${this.#endpoint.origin}`);
    this.#transport = createWireTransport(this.#endpoint, this.#options.transport, proxy);
    return this.#transport;
  }

  #headers(opts: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = {
      'User-Agent': this.#options.userAgent,
      Accept: 'application/json',
      'X-ONEGATE-TOKEN': this.#credentials.token.trim(),
      'X-ONEGATE-VMID': (opts.vmid ?? this.#credentials.vmid).trim(),
    };
    if (opts.contentType !== undefined) headers['Content-Type'] = opts.contentType;
    return headers;
  }

  /**
   * Sends one request and returns the 2xx response; any other status throws a OneGateError carrying the
   * status and the server's plain-text body. Handles the deadline, connection retries and the 401 refresh.
   */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<RawResponse> {
    const verb = method.toUpperCase();
    if (!path.startsWith('/')) throw new OneGateError('ONEGATE_INVALID_VALUE', `invalid request path "${path}": it must start with /`);
    const query = opts.query && Object.keys(opts.query).length > 0 ? `?${new URLSearchParams(opts.query)}` : '';
    const timeoutMs = this.#options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        controller.abort(
          new OneGateError('ONEGATE_TIMEOUT', `${verb} ${path}: no complete answer from ${this.#endpoint.origin} within ${timeoutMs} ms`, {
            transient: true,
          }),
        ),
      timeoutMs,
    );
    const outer = this.#options.signal;
    const onAbort = (): void => controller.abort(new OneGateError('ONEGATE_ABORTED', `${verb} ${path}: aborted`, { cause: outer?.reason }));
    if (outer?.aborted) onAbort();
    else outer?.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.#attempts(verb, path + query, opts, controller.signal);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }

  async #attempts(method: string, path: string, opts: RequestOptions, signal: AbortSignal): Promise<RawResponse> {
    const policy = this.#options.retry;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw signal.reason;
      let res: RawResponse;
      const sent = this.#credentials;
      try {
        res = await this.#send(method, path, opts, signal);
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        const retryable = err instanceof OneGateError && err.transient && err.status === undefined;
        if (!retryable || !isIdempotent(method) || attempt >= policy.maxAttempts) throw err;
        const delay = backoffDelay(attempt, policy);
        this.#options.log.debug(`onegate: ${method} ${path}: ${err.message}; retry ${attempt} in ${delay} ms`);
        await sleep(delay, signal);
        continue;
      }
      if (res.status >= 200 && res.status < 300) return res;
      if (res.status === 401 && this.#options.refreshCredentials && !refreshed) {
        refreshed = true;
        // Credentials replaced while this request was under way (another call's refresh): just resend.
        if (sent === this.#credentials) await this.#refresh(method, path, res);
        attempt--; // the retry after a refresh does not use up a connection retry
        continue;
      }
      throw httpError(method, path, res.status, res.body, parseRetryAfter(res.headers['retry-after']));
    }
  }

  async #refresh(method: string, path: string, res: RawResponse): Promise<void> {
    this.#options.log.debug(`onegate: ${method} ${path}: 401, re-reading credentials`);
    // Calls that get a 401 at the same time share one re-read.
    this.#refreshing ??= this.#options.refreshCredentials!()
      .then((credentials) => this.setCredentials(credentials))
      .finally(() => {
        this.#refreshing = undefined;
      });
    try {
      await this.#refreshing;
    } catch (err) {
      const base = httpError(method, path, res.status, res.body);
      throw new OneGateError(base.code, base.message, {
        status: res.status,
        body: res.body,
        cause: err,
        hint: `re-reading the credentials failed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  async #send(method: string, path: string, opts: RequestOptions, signal: AbortSignal): Promise<RawResponse> {
    const started = Date.now();
    const headers = this.#headers(opts);
    const token = headers['X-ONEGATE-TOKEN']!;
    let res: RawResponse;
    try {
      res = await this.#transportFor().send({ method, path: this.#endpoint.basePath + path, headers, body: opts.body, signal });
    } catch (err) {
      throw failureWithoutToken(err, token);
    }
    this.#options.log.debug(`onegate: ${method} ${path} -> ${res.status} (${Date.now() - started} ms)`);
    // Before anything quotes the answer (error bodies, a 2xx that is not JSON): a server may echo the token.
    return answerWithoutToken(res, token);
  }

  async #json(req: route.RouteRequest): Promise<unknown> {
    return parseJsonResponse(await this.#call(req), `${req.method} ${req.path}`);
  }

  #call(req: route.RouteRequest): Promise<RawResponse> {
    return this.request(req.method, req.path, { query: req.query, body: req.body, contentType: req.contentType });
  }

  /** GET /: the server's vm_info and service_info URLs. */
  async getRoot(): Promise<RootDocument> {
    return normaliseRoot(await this.#json({ method: 'GET', path: '/' }));
  }

  /** GET /vm (own VM) or GET /vms/:id (a VM of the same service or virtual router). */
  async getVm(vmid?: string | number): Promise<VmDocument> {
    const req = route.showVm(vmid);
    return normaliseVm(await this.#json(req), `GET ${req.path}`);
  }

  /** Merges attributes into the USER_TEMPLATE (type=1) after validating them; nothing is sent for {}. */
  async updateVm(attributes: Record<string, string>, opts: { vmid?: string | number } = {}): Promise<void> {
    const req = route.updateVm(attributes, opts.vmid);
    if (req) await this.#call(req);
  }

  /** Sends `data` ("K=V\nK2=V2") unchanged, like `onegate vm update --data`; no validation. */
  async updateVmRaw(data: string, opts: { vmid?: string | number } = {}): Promise<void> {
    await this.#call(route.updateVmRaw(data, opts.vmid));
  }

  /** Erases one USER_TEMPLATE attribute (type=2); a missing one gives ONEGATE_SERVER_ERROR "attribute not found". */
  async eraseVmAttribute(key: string, opts: { vmid?: string | number } = {}): Promise<void> {
    await this.#call(route.eraseVmAttribute(key, opts.vmid));
  }

  /** Erases with `data` sent unchanged, like `onegate vm update --erase`: no name check, no upper-casing. */
  async eraseVmAttributeRaw(data: string, opts: { vmid?: string | number } = {}): Promise<void> {
    await this.#call(route.eraseVmAttributeRaw(data, opts.vmid));
  }

  /** POST /vms/:id/action; `hard` selects the -hard variant, `params` sends another parameter. Never retried. */
  async vmAction(vmid: string | number, action: string, opts: { hard?: boolean; params?: unknown } = {}): Promise<void> {
    await this.#call(route.vmAction(vmid, action, opts));
  }

  /** GET /service; `extended` replaces each node's vm_info with the full VM. */
  async getService(opts: { extended?: boolean } = {}): Promise<ServiceDocument> {
    return normaliseService(await this.#json(route.showService(opts)));
  }

  /** PUT /service/role/:role with {"cardinality":N}. */
  async scaleRole(role: string, cardinality: number): Promise<void> {
    await this.#call(route.scaleRole(role, cardinality));
  }

  /** GET /vrouter. */
  async getVrouter(opts: { extended?: boolean } = {}): Promise<VrouterDocument> {
    return normaliseVrouter(await this.#json(route.showVrouter(opts)));
  }

  /** GET /vnet/:id; `extended` adds lease details (NIC_NAME, BACKEND, ONEGATE_*). */
  async getVnet(id: string | number, opts: { extended?: boolean } = {}): Promise<VnetDocument> {
    const req = route.showVnet(id, opts);
    return normaliseVnet(await this.#json(req), `GET ${req.path}`);
  }
}
