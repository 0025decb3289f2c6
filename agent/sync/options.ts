// What the puller fetches; the daemon maps its `pull` config key to this.

/** "auto" follows what the VM document says; true always fetches; false never does. */
export type Membership = 'auto' | boolean;

/** Options of the puller. GET /vm is always pulled. */
export interface PullerOptions {
  /** GET /service: "auto" when USER_TEMPLATE/SERVICE_ID is set and the service lists this VM. */
  service: Membership;
  /** Ask for ?extended (peers' full VM data); costs the server one oned call per node. */
  serviceExtended: boolean;
  /** GET /vrouter: "auto" asks once and stops when the server says the VM is in no virtual router. */
  vrouter: Membership;
  /** GET /vnet/:id: "auto" pulls the virtual router's NIC networks; a list pulls exactly those; false none. */
  vnets: 'auto' | number[] | false;
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
  vnets: 'auto',
  vnetExtended: false,
  ignoreAttributes: [],
};
