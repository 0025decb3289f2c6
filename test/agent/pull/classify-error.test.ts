import { describe, expect, it } from 'vitest';
import { OneGateError } from '../../../agent/onegate/errors';
import { classifyPullError } from '../../../agent/pull/classify-error';

const http = (status: number, body: string) => Object.assign(new Error(body), { code: 'ONEGATE_HTTP', status, body });

describe('classifyPullError', () => {
  it.each([
    ['403 turns off', http(403, 'Action (show) on resource (vrouter) not supported'), 'off'],
    ['old server turns off', http(400, "OneGate server doesn't support this feature"), 'off'],
    ['vnet from a non-router turns off', http(400, 'Virtual networks information can only be retrieved from Virtual Routers.'), 'off'],
    ['404 is gone', http(404, 'Service 7 not found'), 'gone'],
    ['no VROUTER_ID', http(400, 'Empty or invalid VROUTER_ID'), 'not-member'],
    ['not a node', http(400, 'Service 7 does not contain VM 61.'), 'not-member'],
    ['other 400', http(400, 'Service 7 is empty.'), 'error'],
    ['5xx', http(502, 'Bad gateway'), 'transient'],
    ['refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ONEGATE_UNREACHABLE' }), 'transient'],
    ['bad JSON', Object.assign(new Error('not JSON'), { code: 'ONEGATE_BAD_RESPONSE' }), 'error'],
    ['not an error object', 'boom', 'error'],
  ])('%s', (_name, err, kind) => {
    expect(classifyPullError(err).kind).toBe(kind);
  });
  it('gives the status and the server text as the message', () => {
    expect(classifyPullError(http(403, 'nope\nmore'))).toEqual({ kind: 'off', code: 'ONEGATE_HTTP', message: '403 nope' });
  });
  it("reads the client library's errors", () => {
    const err = new OneGateError('ONEGATE_FORBIDDEN', 'forbidden', { status: 403, body: 'x' });
    expect(classifyPullError(err)).toEqual({ kind: 'off', code: 'ONEGATE_FORBIDDEN', message: '403 x' });
  });
});
