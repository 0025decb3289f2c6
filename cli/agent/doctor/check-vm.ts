// vm: GET /vm with the token answers 200 with this VM. Each failure is named by what it means for a guest:
// 401 a stale or wrong token, 403 Host not permitted (OneGate 7.0-7.2) or a route turned off, an unknown route
// a wrong path prefix, a redirect, a server error, an answer that is not OneGate's.
import { clientOptionsOf } from '../../../agent/daemon/options';
import { OneGateClient } from '../../../agent/onegate/client';
import { normaliseVm } from '../../../agent/onegate/documents';
import { isOneGateError, type OneGateError } from '../../../agent/onegate/errors';
import { parseJsonResponse } from '../../../agent/onegate/json';
import { printable } from '../../../agent/printable';
import { quoteInput } from '../../../agent/redact';
import { type Check, type DoctorContext, type Finding, fail, ok } from './types';

export const vmCheck: Check = {
  name: 'vm',
  title: 'GET /vm with the token',
  needs: ['connect', 'tls', 'proxy'],
  async run(ctx) {
    const { facts, deps } = ctx;
    const request = `GET ${facts.endpoint!.basePath}/vm`;
    try {
      facts.client = new OneGateClient({ credentials: facts.credentials!, ...clientOptionsOf(facts.config!), env: deps.env, retries: 0 });
      const sentAt = deps.now();
      const res = await facts.client.request('GET', '/vm');
      const receivedAt = deps.now();
      const doc = normaliseVm(parseJsonResponse(res, request), request);
      facts.vm = { doc, date: res.headers.date, sentAt, receivedAt };
      const vm = doc.VM;
      return ok(
        `${request}: 200, VM ${vm.ID} ${quoteInput(String(vm.NAME), 60)} (state ${vm.STATE}, LCM state ${vm.LCM_STATE}) in ${receivedAt - sentAt} ms`,
      );
    } catch (err) {
      if (!isOneGateError(err)) throw err;
      return judgeError(ctx, request, err);
    }
  },
};

function judgeError({ facts }: DoctorContext, request: string, err: OneGateError): Finding {
  const body = printable((err.body ?? '').trim().split('\n')[0] ?? '', 120);
  const answered =
    err.status !== undefined ? `${request}: ${err.status}${body ? ` ${body}` : ''}` : `${request}: ${printable(err.message, 200)}`;
  const { vmid } = facts.credentials!;
  const prefix = facts.endpoint!.basePath;
  const origin = facts.endpoint!.origin;
  const tokenFrom = facts.found?.unchecked.picked.token?.origin ?? 'the context';
  if (err.status === 401)
    return fail(
      `${answered}: the token (from ${tokenFrom}) or VMID ${vmid} is not accepted`,
      'the token is stale or not this VM\'s: update the VM context (onevm updateconf) so oned writes a new token.txt, and check VMID; the template needs TOKEN="YES"',
    );
  if (err.status === 403 && body === 'Host not permitted')
    return fail(
      answered,
      `OneGate 7.0-7.2 refuses a host name in the Host header: put the server's IP address in ONEGATE_ENDPOINT, or upgrade OneGate to 7.4`,
    );
  if (err.status === 403)
    return fail(
      answered,
      'the OneGate administrator turned this route off (:permissions: in onegate-server.conf); without GET /vm the agent cannot work',
    );
  if (err.status === 404 && /virtual machine|\bVM\b/i.test(body))
    return fail(answered, `VM ${vmid} is not known to oned: was it deleted, or is this the context of another VM?`);
  if (err.status === 404 || (err.status === 400 && /doesn't support this feature/.test(body)))
    return fail(
      `${answered}: the server has no such route`,
      prefix
        ? `the path prefix ${prefix} is wrong for this server: try ${origin} without it in ONEGATE_ENDPOINT`
        : `no OneGate at ${origin}/vm: behind a reverse proxy, ONEGATE_ENDPOINT needs the proxy's path prefix (e.g. ${origin}/onegate)`,
    );
  if (err.status !== undefined && err.status >= 300 && err.status < 400)
    return fail(
      `${answered}: a redirect`,
      'clients do not follow redirects: put the URL it redirects to (often https://) in ONEGATE_ENDPOINT',
    );
  if (err.status !== undefined && err.status >= 500)
    return fail(answered, 'the OneGate server (or oned behind it) fails: see /var/log/one/onegate.log on the front-end');
  if (err.code === 'ONEGATE_BAD_RESPONSE')
    return fail(
      `${request}: ${printable(err.message, 200)}`,
      `the server at ${origin} answers, but not as OneGate does: is ONEGATE_ENDPOINT the OneGate server?`,
    );
  if (err.code === 'ONEGATE_INVALID_VALUE') return fail(printable(err.message, 200), err.hint ?? 'fix the value named');
  return fail(
    answered,
    err.hint ?? 'the connection worked a moment ago: the server may be restarting, or a proxy or firewall cuts the request',
  );
}
