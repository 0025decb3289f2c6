// Load-balancer backend registration for the one-apps VRouter (LVS and HAProxy): from the configured
// entries, the VM's health and its NIC address, the ONEGATE_*LB<i>_* attributes to publish, and how to
// get from what is published to that. Pure. The key rules and why withdrawal starts with SERVER_HOST
// are in docs/lifecycle.md ("The one-apps VRouter load balancer").
import type { HealthStatus } from '../health/types';

/** One registration (an item of the `lb` config key). */
export interface LbEntry {
  /** lvs: ONEGATE_LB<i>_*; haproxy: ONEGATE_HAPROXY_LB<i>_*. */
  family: 'lvs' | 'haproxy';
  /** The <i> of the VRouter's LB<i>. */
  index: number;
  /** The LB's address and port, exactly as the VRouter has them configured. */
  ip: string;
  port: number;
  /** This backend's address; "" takes the VM's first NIC address from the context. */
  serverHost: string;
  serverPort: number;
  /** keepalived weight. */
  weight: number;
  /** The VRouter or service ID the registration is meant for; "" for any. */
  id: string;
  /** healthy: published only while HEALTH is OK; always: regardless of health. */
  when: 'healthy' | 'always';
}

/** The attribute prefix of an entry, e.g. ONEGATE_HAPROXY_LB0. */
export function lbPrefix(entry: Pick<LbEntry, 'family' | 'index'>): string {
  return `${entry.family === 'lvs' ? 'ONEGATE_LB' : 'ONEGATE_HAPROXY_LB'}${entry.index}`;
}

/** Every attribute of one entry, with its server address resolved. */
export function lbAttributes(entry: LbEntry, serverHost: string): Record<string, string> {
  const p = lbPrefix(entry);
  return {
    [`${p}_IP`]: entry.ip,
    [`${p}_PORT`]: String(entry.port),
    ...(entry.id ? { [`${p}_ID`]: entry.id } : {}),
    [`${p}_SERVER_HOST`]: serverHost,
    [`${p}_SERVER_PORT`]: String(entry.serverPort),
    [`${p}_SERVER_WEIGHT`]: String(entry.weight),
  };
}

/** The VM's first NIC address in the context: ETH<n>_IP of the lowest n, else the lowest ETH<n>_IP6. */
export function firstNicAddress(vars: Record<string, string>): string {
  for (const family of ['IP', 'IP6']) {
    const found = Object.keys(vars)
      .map((k) => new RegExp(`^ETH(\\d+)_${family}$`).exec(k))
      .filter((m): m is RegExpExecArray => m !== null && vars[m[0]] !== '')
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    if (found.length > 0) return vars[found[0][0]];
  }
  return '';
}

/** What should be published now. */
export interface DesiredLb {
  /** Attribute name -> value of every entry due. */
  attributes: Record<string, string>;
  /** Per entry not published, why (for status): "ONEGATE_LB0: HEALTH is FAIL". */
  withheld: string[];
}

/** The attributes due: entries whose condition holds and whose server address is known. */
export function desiredLb(entries: LbEntry[], health: HealthStatus | undefined, nicAddress: string): DesiredLb {
  const out: DesiredLb = { attributes: {}, withheld: [] };
  for (const entry of entries) {
    const host = entry.serverHost || nicAddress;
    if (entry.when === 'healthy' && health !== 'OK') out.withheld.push(`${lbPrefix(entry)}: HEALTH is ${health ?? 'UNKNOWN'}`);
    else if (host === '') out.withheld.push(`${lbPrefix(entry)}: no server_host and no NIC address in the context`);
    else Object.assign(out.attributes, lbAttributes(entry, host));
  }
  return out;
}

/** Erase order: every *_SERVER_HOST first (the backend is then incomplete and ignored), other SERVER_* keys next, the LB keys last. */
export function withdrawalOrder(names: string[]): string[] {
  const rank = (n: string): number => (n.endsWith('_SERVER_HOST') ? 0 : n.includes('_SERVER_') ? 1 : 2);
  return [...names].sort((a, b) => rank(a) - rank(b));
}

/** From what is published to what is due: one PUT with every due attribute when any differs, then the erasures. */
export function planLb(
  published: Record<string, string>,
  desired: Record<string, string>,
): { set: Record<string, string>; erase: string[] } {
  const differs = Object.entries(desired).some(([k, v]) => published[k] !== v);
  const erase = withdrawalOrder(Object.keys(published).filter((k) => !Object.hasOwn(desired, k)));
  return { set: differs ? { ...desired } : {}, erase };
}
