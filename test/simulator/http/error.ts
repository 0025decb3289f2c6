// How a route ends: the answer it gives, or an error with the status and the server's exact body.

/** What the server sends for one request. */
export interface Answer {
  /** HTTP status. */ status: number;
  /** Response body, sent verbatim. */ body: string;
  /** Content-Type other than the JSON type every route sets. */ contentType?: string;
  /** Sinatra's development error page: sent from outside rack-protection, so without X-Content-Type-Options. */ page?: boolean;
  /** Sent without Content-Length (rack-protection's deny): WEBrick counts the body, which HEAD empties: 0. */ unsized?: boolean;
}

/** An HTTP answer other than success; `body` is the plain-text error the real server sends. */
export class HttpError extends Error {
  /** HTTP status. */
  status: number;
  /** Response body, sent verbatim. */
  body: string;
  constructor(status: number, body: string) {
    super(`${status} ${body}`);
    this.status = status;
    this.body = body;
  }
}

/** Sinatra's halt: stop the route with this status and body. */
export function halt(status: number, body: string): never {
  throw new HttpError(status, body);
}
