// How a route ends with an error: the status and the server's exact plain-text body.

/** An HTTP answer other than success; `body` is the plain-text error the real server sends. */
export class HttpError extends Error {
  /** HTTP status. */
  status: number;
  /** Response body, sent verbatim. */
  body: string;
  /** Content-Type override (rack-protection answers text/plain). */
  contentType?: string;
  constructor(status: number, body: string, contentType?: string) {
    super(`${status} ${body}`);
    this.status = status;
    this.body = body;
    this.contentType = contentType;
  }
}

/** Sinatra's halt: stop the route with this status and body. */
export function halt(status: number, body: string): never {
  throw new HttpError(status, body);
}
