// Parsing ONEGATE_ENDPOINT. Pure: no I/O.
//
// Path prefix: kept by default (`https://gate.example/onegate/` sends `/onegate/vm`), because that is what a
// reverse proxy serving OneGate under a prefix needs and what the Windows and curl READY reporters do. The Ruby
// CLI drops the prefix; `keepPathPrefix: false` reproduces that.
import { isIP } from 'node:net';
import { OneGateError } from './errors';

/** A parsed OneGate endpoint. */
export interface Endpoint {
  /** 'http:' or 'https:'. */
  protocol: 'http:' | 'https:';
  /** Host name or IP address, IPv6 without brackets (what connect() wants). */
  hostname: string;
  /** TCP port, the scheme's default when the URL has none. */
  port: number;
  /** Path prefix without a trailing slash, '' for none. */
  basePath: string;
  /** scheme://host:port with IPv6 in brackets, for messages and proxy decisions. */
  origin: string;
}

/** Options of {@link parseEndpoint}. */
export interface ParseEndpointOptions {
  /** Keep a path prefix of the endpoint in every request path; default true. */
  keepPathPrefix?: boolean;
}

function invalid(endpoint: string, why: string): OneGateError {
  return new OneGateError('ONEGATE_INVALID_ENDPOINT', `invalid OneGate endpoint "${endpoint}": ${why}`, {
    hint: 'ONEGATE_ENDPOINT must look like http://169.254.16.9:5030',
  });
}

/** Parses an endpoint URL; throws ONEGATE_INVALID_ENDPOINT naming the input and the problem. */
export function parseEndpoint(endpoint: string, options: ParseEndpointOptions = {}): Endpoint {
  const text = endpoint.trim();
  if (text === '') throw invalid(endpoint, 'it is empty');
  // Without this check "127.0.0.1:5030" parses as scheme "127.0.0.1:" and "localhost:5030" as scheme "localhost:".
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text)) throw invalid(endpoint, 'it has no http:// or https:// scheme');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid(endpoint, 'it is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(endpoint, `scheme "${url.protocol.slice(0, -1)}" is not http or https`);
  }
  if (url.hostname === '') throw invalid(endpoint, 'it has no host');
  if (url.search !== '' || url.hash !== '') throw invalid(endpoint, 'a query or fragment is not supported');
  if (url.username !== '' || url.password !== '') throw invalid(endpoint, 'user information is not supported');
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const keep = options.keepPathPrefix ?? true;
  const basePath = keep ? url.pathname.replace(/\/+$/, '') : '';
  const hostPart = isIP(hostname) === 6 ? `[${hostname}]` : hostname;
  return { protocol: url.protocol, hostname, port, basePath, origin: `${url.protocol}//${hostPart}:${port}` };
}
