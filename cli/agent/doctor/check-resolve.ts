// resolve: the first hop's host name resolves (as the client's connect() will resolve it: getaddrinfo).
import { isIP } from 'node:net';
import { type Address, type Check, fail, ok } from './types';
import { withTimeout } from './with-timeout';

const WHY: Record<string, string> = {
  ENOTFOUND: 'not found',
  EAI_AGAIN: 'no DNS server answered (temporary failure)',
  ENODATA: 'the name has no address',
};

export const resolveCheck: Check = {
  name: 'resolve',
  title: 'name resolves',
  needs: ['endpoint'],
  async run({ deps, facts }) {
    const hop = facts.hop!;
    if (isIP(hop.host)) {
      facts.addresses = [{ address: hop.host, family: isIP(hop.host) }];
      return ok(`${hop.host} is an IP address: nothing to resolve`);
    }
    const ms = facts.config!.onegate.connect_timeout * 1000;
    let addresses: Address[];
    try {
      addresses = await withTimeout(deps.lookup(hop.host), ms, `no answer within ${ms} ms`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const why = WHY[code] ?? (err as Error).message;
      const subject = hop.via === 'proxy' ? `proxy host ${hop.host}` : hop.host;
      const advice =
        hop.via === 'proxy'
          ? `check the proxy's host name in ${hop.variable}, or add the endpoint's host to no_proxy`
          : 'check the host name in ONEGATE_ENDPOINT and the DNS servers in /etc/resolv.conf; an IP address (e.g. 169.254.16.9) needs no DNS';
      return fail(`${subject}: ${why}${code ? ` (${code})` : ''}`, advice);
    }
    if (addresses.length === 0)
      return fail(`${hop.host}: the name has no address`, 'check the DNS records of the name in ONEGATE_ENDPOINT');
    facts.addresses = addresses;
    return ok(`${hop.host} resolves to ${addresses.map((a) => a.address).join(', ')}`);
  },
};
