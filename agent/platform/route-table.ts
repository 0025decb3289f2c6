// The kernel's routing table as /proc/net/route (IPv4, main table) and /proc/net/ipv6_route (IPv6, every
// table) print it, and the route the kernel would pick for an address: longest prefix, then lowest metric.
// Pure: the caller reads the files (under an injected proc root) and passes their text.
import { isIP } from 'node:net';

/** One usable route. */
export interface Route {
  /** 4 or 6. */
  family: 4 | 6;
  /** Network interface, e.g. "eth0". */
  iface: string;
  /** Destination network address, e.g. "169.254.16.9" or "::". */
  destination: string;
  /** Prefix length: 0 for a default route, 32 (128) for a host route. */
  prefix: number;
  /** Next hop, undefined for an on-link route. */
  gateway?: string;
  /** Route metric; lower wins between equal prefixes. */
  metric: number;
  /** A reject (unreachable, prohibit, blackhole) route: matching it means no route. */
  reject: boolean;
}

const RTF_UP = 0x1;
const RTF_GATEWAY = 0x2;
const RTF_REJECT = 0x200;

/** IPv4 routes of /proc/net/route; addresses there are 32-bit hex in host byte order (`littleEndian`, as x86 and arm64). */
export function parseIpv4Routes(text: string, littleEndian = true): Route[] {
  const routes: Route[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || !f.slice(1, 4).every((x) => /^[0-9A-Fa-f]{1,8}$/.test(x)) || !/^[0-9A-Fa-f]{1,8}$/.test(f[7]!)) continue;
    const flags = Number.parseInt(f[3]!, 16);
    if (!(flags & RTF_UP)) continue;
    const mask = ipv4(f[7]!, littleEndian);
    const prefix = prefixOfMask(mask);
    if (prefix === undefined) continue;
    routes.push({
      family: 4,
      iface: f[0]!,
      destination: ipv4Text(ipv4(f[1]!, littleEndian)),
      prefix,
      gateway: flags & RTF_GATEWAY ? ipv4Text(ipv4(f[2]!, littleEndian)) : undefined,
      metric: Number(f[6]) || 0,
      reject: (flags & RTF_REJECT) !== 0,
    });
  }
  return routes;
}

/** IPv6 routes of /proc/net/ipv6_route: destination, prefix, source, prefix, next hop, metric, refcnt, use, flags, iface. */
export function parseIpv6Routes(text: string): Route[] {
  const routes: Route[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^[0-9a-fA-F]{32}$/.test(f[0]!) || !/^[0-9a-fA-F]{32}$/.test(f[4]!)) continue;
    const flags = Number.parseInt(f[8]!, 16);
    const prefix = Number.parseInt(f[1]!, 16);
    if (!(flags & RTF_UP) || !(prefix >= 0 && prefix <= 128)) continue;
    routes.push({
      family: 6,
      iface: f[9]!,
      destination: ipv6Text(BigInt(`0x${f[0]}`)),
      prefix,
      gateway: flags & RTF_GATEWAY ? ipv6Text(BigInt(`0x${f[4]}`)) : undefined,
      metric: Number.parseInt(f[5]!, 16) || 0,
      reject: (flags & RTF_REJECT) !== 0,
    });
  }
  return routes;
}

/** The route the kernel would use for `address` among `routes` (its family only), or undefined. */
export function findRoute(routes: readonly Route[], address: string): Route | undefined {
  const plain = address.replace(/%.*$/, ''); // a zone index (fe80::1%eth0) does not change the route lookup
  const family = isIP(plain);
  if (family === 0) return undefined;
  const bits = family === 4 ? 32 : 128;
  const target = toBigInt(plain, family);
  let best: Route | undefined;
  for (const route of routes) {
    if (route.family !== family) continue;
    const shift = BigInt(bits - route.prefix);
    if (target >> shift !== toBigInt(route.destination, family) >> shift) continue;
    if (!best || route.prefix > best.prefix || (route.prefix === best.prefix && route.metric < best.metric)) best = route;
  }
  return best;
}

function ipv4(hex: string, littleEndian: boolean): number {
  const n = Number.parseInt(hex, 16) >>> 0;
  return littleEndian ? (((n & 0xff) << 24) | (((n >>> 8) & 0xff) << 16) | (((n >>> 16) & 0xff) << 8) | (n >>> 24)) >>> 0 : n;
}

function ipv4Text(n: number): string {
  return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff].join('.');
}

// A netmask's prefix length; undefined for a mask that is not contiguous ones (Linux never prints one).
function prefixOfMask(mask: number): number | undefined {
  const prefix = Math.clz32(~mask >>> 0); // leading ones
  const expected = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return expected === mask >>> 0 ? prefix : undefined;
}

function ipv6Text(n: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Canonical form (RFC 5952) through the URL parser: the longest run of zero groups becomes "::".
  return new URL(`http://[${groups.join(':')}]`).hostname.slice(1, -1);
}

function toBigInt(address: string, family: number): bigint {
  if (family === 4) return BigInt(address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0));
  const expanded = new URL(`http://[${address}]`).hostname.slice(1, -1);
  const [head, tail] = expanded.includes('::') ? expanded.split('::') : [expanded, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}
