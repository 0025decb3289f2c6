import { describe, expect, it } from 'vitest';
import { codeForStatus, httpError, isOneGateError, OneGateError } from '../../../agent/onegate/errors';

describe('codeForStatus', () => {
  it.each([
    [400, 'ONEGATE_BAD_REQUEST'],
    [401, 'ONEGATE_UNAUTHORIZED'],
    [403, 'ONEGATE_FORBIDDEN'],
    [404, 'ONEGATE_NOT_FOUND'],
    [500, 'ONEGATE_SERVER_ERROR'],
    [503, 'ONEGATE_SERVER_ERROR'],
    [302, 'ONEGATE_HTTP_ERROR'],
    [409, 'ONEGATE_HTTP_ERROR'],
  ])('%i -> %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe('httpError', () => {
  it('carries status, plain-text body and the request in the message', () => {
    const err = httpError('GET', '/service', 400, 'Service 7 does not contain VM 12.');
    expect(err).toMatchObject({ code: 'ONEGATE_BAD_REQUEST', status: 400, body: 'Service 7 does not contain VM 12.', transient: false });
    expect(err.message).toBe('GET /service failed with HTTP 400: Service 7 does not contain VM 12.');
  });
  it('quotes only the first line of a backtrace page and marks 5xx transient', () => {
    const err = httpError('PUT', '/vm', 500, 'NoMethodError\n/usr/lib/one/x.rb:1');
    expect(err.message).toBe('PUT /vm failed with HTTP 500: NoMethodError');
    expect(err.transient).toBe(true);
  });
  it.each([
    [403, 'Host not permitted', /IP address in ONEGATE_ENDPOINT/],
    [403, 'Action (reboot) is not allowed on this resource', /restricted_actions/],
    [401, 'Not authorized', /re-read the context/],
    [301, '', /do not follow redirects/],
  ])('hints for %i %j', (status, body, hint) => {
    expect(httpError('GET', '/', status, body).hint).toMatch(hint);
  });
  it('isOneGateError filters by code', () => {
    const err = new OneGateError('ONEGATE_TIMEOUT', 't');
    expect(isOneGateError(err)).toBe(true);
    expect(isOneGateError(err, 'ONEGATE_TIMEOUT', 'ONEGATE_UNREACHABLE')).toBe(true);
    expect(isOneGateError(err, 'ONEGATE_UNREACHABLE')).toBe(false);
    expect(isOneGateError(new Error('x'))).toBe(false);
  });
});
