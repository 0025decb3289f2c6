// proxy: would the request go through a proxy (decided as the client decides: agent/onegate/proxy-env.ts), and
// does no_proxy cover the endpoint. When it goes through one, the tunnel is tried with a GET / that carries no
// token, so a proxy that refuses OneGate is named here rather than as a failed GET /vm.
import { bypassesProxy } from '../../../agent/onegate/proxy-env';
import { createWireTransport } from '../../../agent/onegate/transport/wire';
import { printable } from '../../../agent/printable';
import { decideProxy, hostPort, type ProxyDecision } from './hop';
import { type Check, type DoctorContext, type Finding, fail, ok, warn } from './types';

export const proxyCheck: Check = {
  name: 'proxy',
  title: 'proxy environment',
  needs: ['connect'],
  async run(ctx) {
    const endpoint = ctx.facts.endpoint!;
    const d = decideProxy(endpoint, ctx.deps.env);
    const host = endpoint.hostname;
    if (d.reason === 'invalid')
      return fail(`${d.variable}: ${d.error}`, `fix or unset ${d.variable}: the client refuses every request while it is unusable`);
    if (d.reason === 'unset') return ok(`no ${d.variable} or ${d.variable.toUpperCase()} set: direct connection`);
    if (d.reason === 'no_proxy')
      return ok(`${d.variable} is set (${d.shown}), but ${d.noProxy!.variable} covers ${host}: direct connection`);
    if (d.reason === 'local') {
      const covered = bypassesProxy(d.noProxy?.value, host, endpoint.port);
      const rest = covered
        ? `; ${d.noProxy!.variable} lists it too`
        : `; no_proxy does not list it, so curl and the Ruby onegate would use the proxy`;
      return ok(
        `${d.variable} is set (${d.shown}), but onegate-agent never proxies loopback or link-local addresses such as ${host}: direct connection${rest}`,
        covered ? '' : `for other tools, add ${host} to no_proxy`,
      );
    }
    return probe(ctx, d);
  },
};

async function probe({ facts }: DoctorContext, d: ProxyDecision): Promise<Finding> {
  const endpoint = facts.endpoint!;
  const target = hostPort(endpoint.hostname, endpoint.port);
  const listed = d.noProxy ? `${d.noProxy.variable} does not cover ${endpoint.hostname}` : 'no_proxy is not set';
  const captured = `requests to ${target} go through ${d.shown} (${d.variable}; ${listed})`;
  const ms = facts.config!.onegate.connect_timeout * 1000;
  // TLS inside the tunnel is not verified here: GET /vm does it with the client's settings.
  const options = { connectTimeoutMs: ms, freeSocketTimeoutMs: 1000, maxResponseBytes: 1 << 20, insecure: true };
  const transport = createWireTransport(endpoint, options, d.proxy);
  try {
    const res = await transport.send({
      method: 'GET',
      path: `${endpoint.basePath}/`,
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(2 * ms),
    });
    return warn(
      `${captured}; through it, GET / answered ${res.status}`,
      `fine if the proxy is meant to reach OneGate; otherwise add ${endpoint.hostname} to no_proxy (NO_PROXY)`,
    );
  } catch (err) {
    return fail(
      `${captured}; ${printable((err as Error).message, 200)}`,
      `the proxy does not pass requests to OneGate: add ${endpoint.hostname} to no_proxy (NO_PROXY) so the agent connects directly, or allow it on the proxy`,
    );
  } finally {
    transport.close();
  }
}
