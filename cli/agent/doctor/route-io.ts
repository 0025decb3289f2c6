// The reading half of the route check: the route tables under the proc root, the interfaces' MAC addresses
// under the sys root, and the context's NICs. Missing files are answers ("not Linux"), not errors.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseIpv4Routes, parseIpv6Routes, type Route } from '../../../agent/platform/route-table';

/** The routes of one family, or why they cannot be read. */
export function readRoutes(procRoot: string, family: 4 | 6): { routes: Route[]; file: string } | { missing: string } {
  const file = join(procRoot, 'net', family === 6 ? 'ipv6_route' : 'route');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { missing: code === 'ENOENT' ? `no ${file} (not Linux, or no IPv${family})` : `cannot read ${file} (${code})` };
  }
  return { routes: family === 6 ? parseIpv6Routes(text) : parseIpv4Routes(text), file };
}

/** MAC address (lower case) -> interface name, from SYS/class/net/<iface>/address. */
export function interfaceMacs(sysRoot: string): Map<string, string> {
  const dir = join(sysRoot, 'class/net');
  const macs = new Map<string, string>();
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return macs;
  }
  for (const name of names) {
    try {
      const mac = readFileSync(join(dir, name, 'address'), 'utf8')
        .trim()
        .toLowerCase();
      if (mac && mac !== '00:00:00:00:00:00' && !macs.has(mac)) macs.set(mac, name);
    } catch {
      /* an interface without an address file (gone meanwhile) */
    }
  }
  return macs;
}

/** The context's NICs that carry a MAC (ETH0_MAC, ETH1_MAC, ...), ETH0 first. */
export function contextNics(vars: Record<string, string>): { name: string; mac: string }[] {
  return Object.entries(vars)
    .map(([key, value]) => ({ m: /^ETH(\d+)_MAC$/.exec(key), mac: value.trim().toLowerCase() }))
    .filter((x): x is { m: RegExpExecArray; mac: string } => x.m !== null && /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(x.mac))
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((x) => ({ name: `ETH${x.m[1]}`, mac: x.mac }));
}
