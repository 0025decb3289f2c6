// connect: a TCP connection to the first hop opens within onegate.connect_timeout.
import { connect } from 'node:net';
import { hostPort } from './hop';
import { type Check, fail, ok } from './types';

const WHY: Record<string, string> = {
  ECONNREFUSED: 'refused the connection (nothing listens on that port)',
  ETIMEDOUT: 'did not answer',
  EHOSTUNREACH: 'is unreachable (no host answers on the link)',
  ENETUNREACH: 'is on an unreachable network',
  ECONNRESET: 'reset the connection',
};

export const connectCheck: Check = {
  name: 'connect',
  title: 'TCP connect',
  needs: ['route'],
  async run({ deps, facts }) {
    const hop = facts.hop!;
    const { address } = facts.addresses![0]!;
    const ms = facts.config!.onegate.connect_timeout * 1000;
    const target = hop.via === 'proxy' ? `${hop.label} at ${hostPort(address, hop.port)}` : hostPort(address, hop.port);
    const started = deps.now();
    const code = await tryConnect(address, hop.port, ms);
    if (code === undefined) return ok(`connected to ${target} in ${Math.max(0, deps.now() - started)} ms`);
    const why = `${WHY[code] ?? `failed (${code})`}${code === 'ETIMEDOUT' ? ` within ${ms} ms` : ''}`;
    return fail(`${target} ${why}`, adviceFor(code, hop.via === 'proxy' ? hop.variable! : undefined));
  },
};

function adviceFor(code: string, proxyVariable: string | undefined): string {
  if (proxyVariable) return `the proxy in ${proxyVariable} is not reachable: fix ${proxyVariable}, or add the endpoint's host to no_proxy`;
  if (code === 'ECONNREFUSED')
    return "is the OneGate server (or, for 169.254.16.9, the host's tproxy) running and listening on that port? Check the port in ONEGATE_ENDPOINT";
  if (code === 'ETIMEDOUT')
    return "a firewall drops the packets, or nothing answers there: for 169.254.16.9 the host needs OneGate's tproxy on this VM's network";
  return 'check the VM network (addresses, gateway) and the firewalls between the VM and OneGate';
}

// undefined when connected; else the error code (ETIMEDOUT for our own bound).
function tryConnect(host: string, port: number, ms: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (code: string | undefined): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(code);
    };
    const timer = setTimeout(() => done('ETIMEDOUT'), ms);
    socket.once('connect', () => done(undefined));
    socket.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'ERROR'));
  });
}
