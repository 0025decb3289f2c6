// route: the kernel has a route to the first hop's address (/proc/net/route, /proc/net/ipv6_route). A
// link-local endpoint (OneGate's 169.254.16.9) is answered by the hypervisor on the VM's own link, so it needs
// an on-link route on the NIC of the VM's network, which one-context adds at boot; a route through a gateway
// sends it to a router that must not forward it.
import { BlockList } from 'node:net';
import { findRoute, type Route } from '../../../agent/platform/route-table';
import { contextNics, interfaceMacs, readRoutes } from './route-io';
import { type Check, type DoctorContext, type Finding, fail, ok, skip, warn } from './types';

function isLinkLocal(address: string, family: number): boolean {
  const list = new BlockList();
  list.addSubnet('169.254.0.0', 16, 'ipv4');
  list.addSubnet('fe80::', 10, 'ipv6');
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

function isLoopback(address: string, family: number): boolean {
  const list = new BlockList();
  list.addSubnet('127.0.0.0', 8, 'ipv4');
  list.addAddress('::1', 'ipv6');
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export const routeCheck: Check = {
  name: 'route',
  title: 'route to the address exists',
  needs: ['resolve'],
  async run(ctx) {
    const { address, family } = ctx.facts.addresses![0]!;
    if (isLoopback(address, family)) return ok(`${address} is a loopback address (served by lo)`);
    if (ctx.deps.localAddresses().includes(address)) return ok(`${address} is an address of this host`);
    const table = readRoutes(ctx.deps.procRoot, family === 6 ? 6 : 4);
    if ('missing' in table) return skip(`not checked: ${table.missing}`);
    const route = findRoute(table.routes, address);
    return judge(ctx, address, family, route, table.file);
  },
};

function judge(ctx: DoctorContext, address: string, family: number, route: Route | undefined, file: string): Finding {
  const linkLocal = isLinkLocal(address, family);
  const nic = rightNic(ctx);
  const hostRoute = `ip route replace ${address}/${family === 6 ? 128 : 32} dev ${nic?.iface ?? '<NIC>'}`;
  if (!route || route.reject) {
    const what = route
      ? `a ${route.destination}/${route.prefix} reject route (unreachable) covers ${address}`
      : `no route to ${address} in ${file}`;
    const advice = linkLocal
      ? `add a host route on ${nic ? `${nic.iface} (${nic.name} of the context)` : "the VM network's NIC"}: ${hostRoute} (one-context adds it at boot for a link-local ONEGATE_ENDPOINT)`
      : 'the VM has no default route: check the context network settings (ETH0_GATEWAY) or the network configuration';
    return fail(what, advice);
  }
  const shown = `${address} via ${describe(route)}`;
  if (!linkLocal) return ok(shown);
  if (route.gateway)
    return warn(`${shown}: a link-local address sent to a gateway, which must not forward it`, `add an on-link host route: ${hostRoute}`);
  if (nic && nic.iface !== route.iface)
    return warn(`${shown}, but the context's ${nic.name} (${nic.mac}) is ${nic.iface}`, `route it on ${nic.iface}: ${hostRoute}`);
  return ok(`${shown}${nic ? ` (${nic.name} of the context)` : ''}`);
}

function describe(route: Route): string {
  const net = `${route.destination}/${route.prefix}${route.prefix === 0 ? ', the default route' : ''}`;
  return route.gateway ? `gateway ${route.gateway} on ${route.iface} (${net})` : `${route.iface} (${net}, on-link)`;
}

// The NIC of the context's first interface (ETH0, else the lowest ETHn) that this host has, by MAC address.
function rightNic(ctx: DoctorContext): { name: string; mac: string; iface: string } | undefined {
  const nics = contextNics(ctx.facts.found?.unchecked.vars ?? {});
  if (nics.length === 0) return undefined;
  const macs = interfaceMacs(ctx.deps.sysRoot);
  for (const nic of nics) {
    const iface = macs.get(nic.mac);
    if (iface) return { ...nic, iface };
  }
  return undefined;
}
