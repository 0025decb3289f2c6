// onegate-server.conf (YAML with Ruby symbol keys such as ":permissions:") -> SimConfig.
// Without a file the shipped 7.4 file applies; a given file is read like the server does, so an
// absent :permissions means 403 everywhere and absent lists fall back to the built-in defaults.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { type Switches, simulatorSwitches } from './switches';

/** Built-in lists of onegate-server.rb, used when the key is absent or nil. */
export const BUILTIN = {
  restrictedAttrs: ['SCHED_REQUIREMENTS', 'SERVICE_ID', 'ROLE_NAME'],
  restrictedActions: ['reboot'],
  vnetTemplateAttributes: [
    'NETWORK_ADDRESS',
    'NETWORK_MASK',
    'GATEWAY',
    'GATEWAY6',
    'DNS',
    'GUEST_MTU',
    'SEARCH_DOMAIN',
    'METRIC',
    'IP6_METRIC',
  ],
};

/** The shipped /etc/one/onegate-server.conf (7.4), as YAML. */
export const SHIPPED_CONF = `
:one_xmlrpc: http://localhost:2633/RPC2
:server:
  :bind: 127.0.0.1
  :port: 5030
:log:
  :level: 2
  :system: file
:auth: onegate
:core_auth: cipher
:oneflow_server: http://localhost:2474
:permissions:
  :vm: { :show: true, :show_by_id: true, :update: true, :update_by_id: true, :action_by_id: true }
  :service: { :show: true, :change_cardinality: true }
  :vrouter: { :show: true }
  :vnet: { :show_by_id: true }
:restricted_attrs: [SCHED_REQUIREMENTS, SERVICE_ID, ROLE_NAME]
:restricted_actions:
:vnet_template_attributes: [NETWORK_ADDRESS, NETWORK_MASK, GATEWAY, GATEWAY6, DNS, GUEST_MTU, METRIC, IP6_METRIC, SEARCH_DOMAIN]
`;

/** The shipped file as a parsed object, to extend in code ({ ...shippedConfig(), ':simulator': {...} }). */
export const shippedConfig = (): Record<string, unknown> => load(SHIPPED_CONF) as Record<string, unknown>;

/** What the simulator uses from the configuration. */
export interface SimConfig {
  /** Listen address (:server/:bind on 7.4, :host before). */ host: string;
  /** Listen port (:server/:port, or :port). */ port: number;
  /** :ssl_server, the verbatim base URL of GET /. */ sslServer?: string;
  /** :permissions flags as resource -> action -> enabled. */ permissions: Record<string, Record<string, boolean>>;
  /** :restricted_attrs (upper case). */ restrictedAttrs: string[];
  /** :restricted_actions (lower case); nil means [reboot]. */ restrictedActions: string[];
  /** :vnet_template_attributes, in output order. */ vnetTemplateAttributes: string[];
  /** :log/:level, else :debug_level, else 2 (0 error .. 3 debug). */ logLevel: number;
  /** :server: {:host_authorization: {:permitted_hosts: [...]}} (7.4 passes :server: to Sinatra); absent: none set. */
  permittedHosts?: string[];
  /** Simulator-only switches (:simulator:). */ sim: Switches;
}

type Obj = Record<string, unknown>;

/** Reads a config file (path), a YAML/object value, or the shipped defaults when undefined; `version` overrides :simulator: :version:. */
export function loadConfig(source?: string | object, version?: string): SimConfig {
  const where = typeof source === 'string' ? source : 'config object';
  const raw =
    source === undefined
      ? load(SHIPPED_CONF)
      : typeof source === 'string'
        ? load(readFileSync(source, 'utf8'), { filename: source })
        : source;
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) throw new Error(`${where}: not a YAML map`);
  const conf = symbols(raw ?? {}) as Obj;
  const server = (conf.server ?? {}) as Obj;
  const log = conf.log as Obj | undefined;
  return {
    host: String(server.bind ?? conf.host ?? '127.0.0.1'),
    port: portOf(server.port ?? conf.port ?? 5030, where),
    sslServer: conf.ssl_server ? String(conf.ssl_server) : undefined,
    permissions: flags(conf.permissions),
    restrictedAttrs: strings(conf.restricted_attrs, where, 'restricted_attrs') ?? BUILTIN.restrictedAttrs,
    restrictedActions: strings(conf.restricted_actions, where, 'restricted_actions') ?? BUILTIN.restrictedActions,
    vnetTemplateAttributes: strings(conf.vnet_template_attributes, where, 'vnet_template_attributes') ?? BUILTIN.vnetTemplateAttributes,
    logLevel: Number((log ? log.level : conf.debug_level) ?? 2),
    permittedHosts: strings(
      ((server.host_authorization ?? {}) as Obj).permitted_hosts,
      where,
      'server: :host_authorization: :permitted_hosts',
    ),
    sim: simulatorSwitches((conf.simulator ?? {}) as Obj, where, version),
  };
}

// ":key" (a Ruby symbol) and "key" are both accepted; the leading colon is dropped.
function symbols(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(symbols);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k.replace(/^:/, ''), symbols(x)]));
}

// Ruby truthiness, with the YAML 1.1 words Psych reads as false.
const truthy = (v: unknown): boolean =>
  v !== null && v !== undefined && v !== false && !(typeof v === 'string' && /^(no|false|off|n)$/i.test(v));

function flags(v: unknown): Record<string, Record<string, boolean>> {
  const out: Record<string, Record<string, boolean>> = {};
  if (typeof v !== 'object' || v === null) return out;
  for (const [res, actions] of Object.entries(v)) {
    out[res] = {};
    if (typeof actions === 'object' && actions !== null) for (const [a, x] of Object.entries(actions)) out[res][a] = truthy(x);
  }
  return out;
}

function strings(v: unknown, where: string, key: string): string[] | undefined {
  if (v === null || v === undefined || v === false) return undefined;
  if (!Array.isArray(v)) throw new Error(`${where}: :${key}: must be a list`);
  return v.map(String);
}

function portOf(v: unknown, where: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${where}: port "${String(v)}" is not a port number`);
  return n;
}
