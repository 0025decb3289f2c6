// What the puller fetches; the daemon maps its `pull` config key to this.

/** "auto" follows what the server says about the VM; "always" fetches and reports failures; "never" does not fetch. */
export type Membership = 'auto' | 'always' | 'never';

/** Options of the puller (the daemon's `pull` config key, same names and values). GET /vm is always pulled. */
export interface PullerOptions {
  /** GET /service: "auto" when USER_TEMPLATE/SERVICE_ID is set and the service lists this VM. */
  service: Membership;
  /** Ask for ?extended (peers' full VM data); costs the server one oned call per node. */
  serviceExtended: boolean;
  /** GET /vrouter: "auto" asks once and stops when the server says the VM is in no virtual router. */
  vrouter: Membership;
  /** GET /vnet/:id for these network IDs; the entry "auto" adds the networks of the VM's virtual router. */
  vnets: Array<string | number>;
  /** Ask for ?extended=true (lease owners, BACKEND attributes). */
  vnetExtended: boolean;
  /** USER_TEMPLATE names (with * wildcards) whose changes never fire user_template, e.g. the agent's own metrics. */
  ignoreAttributes: string[];
}

/** Defaults of {@link PullerOptions}. */
export const DEFAULT_PULLER_OPTIONS: PullerOptions = {
  service: 'auto',
  serviceExtended: false,
  vrouter: 'auto',
  vnets: ['auto'],
  vnetExtended: false,
  ignoreAttributes: [],
};

/** The network IDs listed in `vnets` and whether "auto" is among them; throws naming a bad entry. */
export function parseVnets(vnets: Array<string | number>): { auto: boolean; ids: number[] } {
  let auto = false;
  const ids: number[] = [];
  for (const entry of vnets) {
    const text = String(entry).trim();
    if (text === 'auto') auto = true;
    else if (/^\d+$/.test(text)) ids.push(Number(text));
    else throw new Error(`pull.vnets: "${text}" is neither "auto" nor a network ID (a non-negative integer)`);
  }
  return { auto, ids };
}
