// The seam between the client (auth, retries, deadlines) and the wire (HTTP/1.1 on node:net, direct or tunnelled).

/** A response as received; `body` is decoded as UTF-8. */
export interface RawResponse {
  /** HTTP status code. */
  status: number;
  /** Response headers, names lower-cased, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The whole body as text. */
  body: string;
}

/** One request as the transport sends it. */
export interface TransportRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path and query, already including the endpoint's path prefix. */
  path: string;
  /** Request headers, exact names. */
  headers: Record<string, string>;
  /** Request body, sent with a Content-Length. */
  body?: string;
  /** Aborts the request; the transport rejects with any error and the client reports the signal's reason. */
  signal: AbortSignal;
}

/** Sends requests to one endpoint. */
export interface Transport {
  /** Sends one request; rejects with a OneGateError for connection-level failures. */
  send(request: TransportRequest): Promise<RawResponse>;
  /** Closes idle keep-alive connections; calls in flight finish. */
  close(): void;
}

/** Settings of the transport. */
export interface TransportOptions {
  /** Bound on TCP connect plus TLS handshake, ms. */
  connectTimeoutMs: number;
  /** Idle keep-alive sockets are closed after this long, below common server keep-alive timeouts. */
  freeSocketTimeoutMs: number;
  /** Largest response body accepted, bytes. */
  maxResponseBytes: number;
  /** PEM CA bundle replacing the default trust store, for https endpoints. */
  ca?: string | Buffer;
  /** Skip TLS certificate verification. */
  insecure: boolean;
}

/** Methods safe to resend after a failure that may have reached the server (PUT /vm replaces values). */
export function isIdempotent(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'PUT';
}
