import { describe, expect, it } from 'vitest';
import { OneGateError } from '../../../agent/onegate/errors';
import { CliError, reportError } from '../../../cli/onegate/errors';

describe('reportError: messages and exit statuses of the Ruby client', () => {
  it('prints an HTTP error body verbatim after "ERROR: " and exits 255', () => {
    const err = new OneGateError('ONEGATE_UNAUTHORIZED', 'GET /vm failed with HTTP 401', { status: 401, body: 'Not authorized' });
    expect(reportError(err)).toEqual({ text: 'ERROR: \nNot authorized\n', status: 255 });
  });
  it.each(['ONEGATE_BAD_REQUEST', 'ONEGATE_FORBIDDEN', 'ONEGATE_NOT_FOUND', 'ONEGATE_SERVER_ERROR', 'ONEGATE_HTTP_ERROR'] as const)(
    '%s exits 255 with the body',
    (code) => {
      expect(reportError(new OneGateError(code, 'm', { body: 'the body' }))).toEqual({ text: 'ERROR: \nthe body\n', status: 255 });
    },
  );
  it('shapes a refused connection as the Ruby client, with the Server line', () => {
    const err = new OneGateError('ONEGATE_UNREACHABLE', 'cannot reach OneGate at http://127.0.0.1:5999: connection refused');
    expect(reportError(err, 'http://127.0.0.1:5999')).toEqual({
      text: 'ERROR: \nError connecting to server (cannot reach OneGate at http://127.0.0.1:5999: connection refused).\nServer: 127.0.0.1:5999\n',
      status: 255,
    });
  });
  it('shapes a timeout, with the default port and an IPv6 host without brackets', () => {
    const report = reportError(new OneGateError('ONEGATE_TIMEOUT', 'GET /vm: no answer'), 'http://[fd00::1]');
    expect(report).toEqual({
      text: 'ERROR: \nError timeout while connected to server (GET /vm: no answer).\nServer: fd00::1:80\n',
      status: 255,
    });
  });
  it('adds the hint of a connection error', () => {
    const err = new OneGateError('ONEGATE_UNREACHABLE', 'TLS failed', { hint: 'give the CA' });
    expect(reportError(err, 'https://h').text).toBe(
      'ERROR: \nError connecting to server (TLS failed).\nServer: h:443\nhint: give the CA\n',
    );
  });
  it('usage errors print the message alone and exit 255; with help before or help only', () => {
    expect(reportError(new CliError('CLI_USAGE', 'You have to provide a VM ID'))).toEqual({
      text: 'You have to provide a VM ID\n',
      status: 255,
    });
    expect(reportError(new CliError('CLI_USAGE', 'Action x not supported', 'before'))).toMatchObject({ help: 'before', status: 255 });
    expect(reportError(new CliError('CLI_USAGE', '', 'only'))).toEqual({ text: '', help: 'only', status: 255 });
  });
  it.each([
    [new CliError('CLI_OPTION', 'invalid option: --x'), 'onegate: invalid option: --x\n'],
    [new CliError('CLI_CONFIG', 'no OneGate endpoint'), 'onegate: no OneGate endpoint\n'],
    [new CliError('CLI_ABSENT', 'A is not set'), 'onegate: A is not set\n'],
    [
      new OneGateError('ONEGATE_BAD_RESPONSE', 'GET /vm answered 200 with a body that is not JSON'),
      'onegate: GET /vm answered 200 with a body that is not JSON\n',
    ],
    [
      new OneGateError('ONEGATE_INVALID_ENDPOINT', 'invalid OneGate endpoint "x"', { hint: 'use http://' }),
      'onegate: invalid OneGate endpoint "x"\nhint: use http://\n',
    ],
    [Object.assign(new Error('context.sh: unterminated quote'), { code: 'CONTEXT_INVALID' }), 'onegate: context.sh: unterminated quote\n'],
  ])('%s exits 1', (err, text) => {
    expect(reportError(err)).toEqual({ text, status: 1 });
  });
});
