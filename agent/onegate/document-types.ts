// The typed OneGate response documents (docs/onegate-protocol.md, "Response documents"), as the normalisers in documents.ts return them:
// list fields are always arrays, scalars stay as the server sends them.

/** A USER_TEMPLATE/TEMPLATE value: a string, a vector attribute (object) or a repeated attribute (array). */
export type TemplateValue = string | TemplateVector | TemplateValue[];
/** A vector attribute such as APP=[PORT=8080, PROTO=http]. */
export interface TemplateVector {
  [key: string]: TemplateValue;
}

/** A NIC or NIC_ALIAS of GET /vm, reduced by the server to these keys. */
export interface VmNic {
  /** IPv4 address. */
  IP?: string;
  /** IPv6 link-local address. */
  IP6_LINK?: string;
  /** IPv6 site (ULA) address. */
  IP6_SITE?: string;
  /** IPv6 global address. */
  IP6_GLOBAL?: string;
  /** Name of the virtual network. */
  NETWORK?: string;
  /** MAC address. */
  MAC?: string;
  /** NIC<n>, or NIC<p>_ALIAS<n> for an alias. */
  NAME?: string;
  /** The parent NIC's name, for an alias. */
  PARENT?: string;
  /** "YES" for an external alias. */
  EXTERNAL?: string;
  /** The external (NAT) address, 6.0+. */
  EXTERNAL_IP?: string;
}

/** GET /vm and GET /vms/:id. */
export interface VmDocument {
  /** The VM, filtered by the server. */
  VM: {
    /** VM name. */
    NAME: string;
    /** VM ID, decimal string. */
    ID: string;
    /** VM state code as a string ("3" = ACTIVE). */
    STATE: string;
    /** LCM state code as a string ("3" = RUNNING when STATE is "3"). */
    LCM_STATE: string;
    /** The whole user template except SCHED_MESSAGE. */
    USER_TEMPLATE: Record<string, TemplateValue>;
    /** Only the NICs and NIC aliases, always arrays. */
    TEMPLATE: { NIC: VmNic[]; NIC_ALIAS: VmNic[] };
  };
}

/** One VM of a service role. */
export interface ServiceNode {
  /** The VM ID, a number. */
  deploy_id: number;
  /** null on 5.12+ servers. */
  running: boolean | null;
  /** {VM:{ID,UID,GID,UNAME,GNAME,NAME}}, or with `extended` the full raw VM (list fields made arrays); may be null. */
  vm_info: { VM: Record<string, unknown> } | null;
}

/** A role of GET /service. */
export interface ServiceRole {
  /** Role name. */
  name: string;
  /** Number of VMs the role should have. */
  cardinality: number;
  /** Role state code (2 = RUNNING). */
  state: number;
  /** The role's VMs. */
  nodes: ServiceNode[];
}

/** GET /service. */
export interface ServiceDocument {
  /** name, id (a string), state (service state code, 2 = RUNNING) and the roles. */
  SERVICE: { name: string; id: string; state: number; roles: ServiceRole[] };
}

/** GET /vrouter. */
export interface VrouterDocument {
  /** The router: name, ID (decimal string), VMs and template. */
  VROUTER: {
    /** Router name. */
    NAME: string;
    /** Router ID, decimal string. */
    ID: string;
    /** IDs of the router's VMs, as strings (the server sends integers when the router has several VMs). */
    VMS: { ID: string[] };
    /** The full router template; NIC is always an array. */
    TEMPLATE: { NIC: TemplateVector[]; [key: string]: TemplateValue };
  };
}

/** A lease of a vnet address range; `extended` adds NIC_NAME, PARENT, EXTERNAL, BACKEND and ONEGATE_* keys. */
export interface VnetLease {
  /** Leased IPv4 address. */
  IP?: string;
  /** Leased MAC address. */
  MAC?: string;
  /** ID of the VM holding the lease. */
  VM?: string;
  /** ID of the reservation holding the lease. */
  VNET?: string;
  /** ID of the virtual router holding the lease. */
  VROUTER?: string;
  /** Extended: the VM's NIC name. */
  NIC_NAME?: string;
  /** Extended, aliases: the parent NIC's name. */
  PARENT?: string;
  /** Extended, aliases: the parent NIC's network. */
  PARENT_NETWORK_ID?: string;
  /** Extended, aliases: a JSON boolean. */
  EXTERNAL?: boolean;
  /** Extended, 6.10+: "YES" for a load-balancer backend, which also brings its ONEGATE_* attributes. */
  BACKEND?: string;
  /** IP6_* addresses and ONEGATE_* attributes. */
  [key: string]: unknown;
}

/** An address range of a vnet. */
export interface VnetAddressRange {
  /** Address range ID. */
  AR_ID: string;
  /** IP4, IP6, IP4_6 or ETHER. */
  TYPE: string;
  /** The leases, always an array. */
  LEASES: { LEASE: VnetLease[] };
  /** IP, IP_END, MAC, SIZE, USED_LEASES, GLOBAL_PREFIX and the other oned fields. */
  [key: string]: unknown;
}

/** GET /vnet/:id. */
export interface VnetDocument {
  /** The network as a virtual router may see it. */
  VNET: {
    /** Network ID, decimal string. */
    ID: string;
    /** Network name. */
    NAME: string;
    /** Number of used leases, decimal string. */
    USED_LEASES: string;
    /** IDs of the routers on this network. */
    VROUTERS: { ID: string[] };
    /** '' when the network has no parent (the server sends {}). */
    PARENT_NETWORK_ID: string;
    /** The address ranges, always an array. */
    AR_POOL: { AR: VnetAddressRange[] };
    /** Only the attributes the server is configured to expose. */
    TEMPLATE: Record<string, TemplateValue>;
  };
}

/** GET /: where the server says the VM and service documents are (its :ssl_server setting, used verbatim). */
export interface RootDocument {
  /** URL of GET /vm. */
  vm_info: string;
  /** URL of GET /service. */
  service_info: string;
}
