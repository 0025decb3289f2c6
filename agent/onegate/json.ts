// JSON is parsed only from 2xx answers (error bodies are plain text whatever their Content-Type says).
import { printable } from '../printable';
import { OneGateError } from './errors';
import { jsonDensityFault } from './json-density';
import type { RawResponse } from './transport/types';

/**
 * Parses a 2xx response body; ONEGATE_BAD_RESPONSE naming the request and quoting the body when it is not JSON, or
 * saying why JSON too dense to be a OneGate document is not parsed (json-density.ts).
 */
export function parseJsonResponse(res: RawResponse, request: string): unknown {
  const dense = jsonDensityFault(res.body);
  if (dense !== undefined) {
    throw new OneGateError(
      'ONEGATE_BAD_RESPONSE',
      `${request} answered ${res.status} with JSON too dense to be a OneGate document (${dense}); not parsed`,
      {
        status: res.status,
      },
    );
  }
  try {
    return JSON.parse(res.body);
  } catch (err) {
    const start = printable(res.body.slice(0, 60).replace(/[ \t\r\n]+/g, ' '), 60);
    throw new OneGateError('ONEGATE_BAD_RESPONSE', `${request} answered ${res.status} with a body that is not JSON: "${start}"`, {
      status: res.status,
      body: res.body,
      cause: err,
    });
  }
}
