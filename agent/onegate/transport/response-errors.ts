// What the response parser throws: the transport maps each to a OneGateError (bad response, or cut off).

/** Bytes that are not a well-formed HTTP/1.x response. */
export class MalformedResponseError extends Error {
  readonly code = 'ERR_MALFORMED_RESPONSE';
}

/** A response larger than the parser was allowed to keep. */
export class ResponseTooLargeError extends Error {
  readonly code = 'ERR_RESPONSE_TOO_LARGE';
}

/** The connection ended (or was reset) before the response was complete. */
export class ResponseCutOffError extends Error {
  readonly code = 'ERR_RESPONSE_CUT_OFF';
  /** True when some bytes of an answer had arrived: the request reached the server. */
  readonly answered: boolean;

  constructor(message: string, answered: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.answered = answered;
  }
}
