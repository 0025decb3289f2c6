// endpoint: ONEGATE_ENDPOINT is a URL the client accepts (parseEndpoint, as every request parses it), and where
// the first connection goes (the endpoint or a proxy, decided as the client decides).
import { isIP } from 'node:net';
import { ContextError } from '../../../agent/context/errors';
import { checkEndpoint } from '../../../agent/context/validate';
import { type Endpoint, parseEndpoint } from '../../../agent/onegate/endpoint';
import { isOneGateError } from '../../../agent/onegate/errors';
import { quoteInput } from '../../../agent/redact';
import { decideProxy, hopOf } from './hop';
import { type Check, fail, ok } from './types';

const ADVICE =
  'ONEGATE_ENDPOINT must look like http://169.254.16.9:5030 (scheme, host, optional port and path prefix); fix it in oned.conf and update the VM context, or set onegate.endpoint';

export const endpointCheck: Check = {
  name: 'endpoint',
  title: 'endpoint well formed',
  needs: ['context'],
  async run({ deps, facts }) {
    const { endpoint: given, vmid, token } = facts.found!;
    let endpoint: Endpoint;
    try {
      endpoint = parseEndpoint(checkEndpoint(given.value, given.origin));
    } catch (err) {
      if (!(err instanceof ContextError) && !isOneGateError(err)) throw err;
      return fail(`${given.origin}: ${err instanceof ContextError ? err.message.slice(err.source.length + 2) : err.message}`, ADVICE);
    }
    facts.endpoint = endpoint;
    facts.credentials = { endpoint: given.value.trim(), vmid, token };
    facts.hop = hopOf(endpoint, decideProxy(endpoint, deps.env));
    const host = isIP(endpoint.hostname) ? `address ${endpoint.hostname}` : `host name ${endpoint.hostname}`;
    const prefix = endpoint.basePath ? `path prefix ${endpoint.basePath} (GET /vm goes to ${endpoint.basePath}/vm)` : 'no path prefix';
    return ok(`${quoteInput(given.value.trim(), 120)}: ${endpoint.protocol.slice(0, -1)}, ${host}, port ${endpoint.port}, ${prefix}`);
  },
};
