// The proxied path: undici's ProxyAgent tunnels through the proxy with CONNECT (http and https endpoints
// alike, so the token never travels in a proxy's request line). undici is imported only here and only when a
// proxy applies: it costs ~40 ms of start-up and ~17 MB RSS that the direct path does not pay.
import type { Dispatcher, ProxyAgent } from 'undici';
import type { Endpoint } from '../endpoint';
import { redactProxy } from '../proxy-env';
import { connectionFailure } from './failures';
import { flattenHeaders, readBody } from './response';
import type { RawResponse, Transport, TransportOptions, TransportRequest } from './types';

/** Creates the transport that reaches `endpoint` through the proxy at `proxyUrl`. */
export function createProxyTransport(endpoint: Endpoint, proxyUrl: URL, options: TransportOptions): Transport {
  const where = `${endpoint.origin} via proxy ${redactProxy(proxyUrl)}`;
  let agent: Promise<{ agent: ProxyAgent; request: typeof import('undici').request }> | undefined;

  function load(): NonNullable<typeof agent> {
    agent ??= import('undici').then((undici) => ({
      request: undici.request,
      agent: new undici.ProxyAgent({
        uri: proxyUrl.href,
        keepAliveTimeout: options.freeSocketTimeoutMs,
        proxyTls: { timeout: options.connectTimeoutMs },
        requestTls: {
          timeout: options.connectTimeoutMs, ca: options.ca, rejectUnauthorized: !options.insecure,
          // SNI must name the OneGate host, not the proxy; IP literals carry no SNI.
          ...(/^[\d.:]+$/.test(endpoint.hostname) ? {} : { servername: endpoint.hostname }),
        },
      }),
    }));
    return agent;
  }

  async function send(req: TransportRequest): Promise<RawResponse> {
    const { agent: dispatcher, request } = await load();
    try {
      const res = await request(`${endpoint.origin}${req.path}`, {
        method: req.method as Dispatcher.HttpMethod, headers: req.headers, body: req.body,
        dispatcher, signal: req.signal,
      });
      const body = await readBody(res.body, options.maxResponseBytes);
      return { status: res.statusCode, headers: flattenHeaders(res.headers), body };
    } catch (err) {
      throw connectionFailure(err, where);
    }
  }

  return {
    send,
    close() {
      void agent?.then(({ agent: a }) => a.destroy()).catch(() => undefined);
    },
  };
}
