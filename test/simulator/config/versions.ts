// The version profile: every behaviour in which OneGate releases differ on the wire, with the
// releases that have it and the upstream source that shows it. One row per switch; the defaults
// of the :simulator: switches (and so --server-version) come from here and nowhere else.

/** One difference between server versions. */
export interface VersionRow {
  /** The :simulator: config key that overrides it. */ key: string;
  /** First release that behaves so; absent: every older one. */ from?: string;
  /** Last release that behaves so (7.2 = every 7.2.x); absent: every newer one. */ until?: string;
  /** What the server does when the switch is on. */ what: string;
  /** Upstream file and line (OpenNebula/one). */ source: string;
}

/** The rows, by switch field. */
export const VERSION_ROWS = {
  errorHandler500: {
    key: 'error_500_handler',
    from: '7.0.1',
    what:
      'an `error 500` handler answers every 500: `halt 500, msg` loses msg ("Internal server error"), ' +
      'an uncaught exception gives its message as JSON without a leading "ERROR:" (off: the text of the halt, ' +
      "and Sinatra's development page for exceptions)",
    source: 'src/onegate/onegate-server.rb l.93-98 and l.135-149 at release-7.4.0 (one#7251)',
  },
  formBodyLost: {
    key: 'form_body_lost',
    from: '7.0',
    what:
      'a form-typed body of POST /vms/:id/action or PUT /service/role/:role reads as empty (Rack 3 does not ' +
      "rewind after parsing a form): 400 or 500 `unexpected token at ''`",
    source: 'src/onegate/onegate-server.rb l.1009 and l.1022 at release-7.4.0 (one#7954)',
  },
  updateBodyLost: {
    key: 'update_body_lost',
    from: '7.0.0',
    until: '7.0.0',
    what: 'a form-typed raw PUT /vm body reads as empty: 200, nothing stored',
    source: 'src/onegate/onegate-server.rb l.576-579 at release-7.4.0 adds the rewind (one#7239)',
  },
  monitoringNics: {
    key: 'monitoring_nics',
    until: '6.10',
    what: 'MONITORING GUEST_IP, AWS_*, AZ_IPADDRESS, SL_PRIMARYIPADDRESS are appended to NIC as {"IP": ...}',
    source: 'src/onegate/onegate-server.rb l.635-641 at release-6.10.5 (removed in 7.0)',
  },
  oned7Documents: {
    key: 'oned7_documents',
    from: '7.0',
    what: 'oned 7 document shapes: HISTORY has PLAN_ID -2 and ACTION_ID -1, an AR has NEXT_INDEX, MONITORING has no GUEST_IP*',
    source:
      'src/vm/History.cc l.311 and src/vnm/AddressRange.cc l.334 at release-7.4.0; GUEST_IP came only from the vCenter driver ' +
      '(src/vmm_mad/remotes/lib/vcenter_driver/virtual_machine_monitor/vm_monitor.rb l.248 at release-6.10.5, removed in 7.0)',
  },
  hostAuthorization: {
    key: 'host_authorization',
    from: '7.0',
    until: '7.2',
    what:
      "Sinatra 4's development default: a Host or X-Forwarded-Host other than localhost, *.localhost, *.test or an IP " +
      'gets `403 Host not permitted` (text/plain)',
    source: 'src/onegate/onegate-server.rb l.94 at release-7.4.0 sets permitted_hosts: [] (one#7266); sinatra 4.1 base.rb l.1976-1990',
  },
  serverSettings: {
    key: 'server_settings',
    from: '7.4',
    what: 'the :server: block of the config is passed to Sinatra, so :server: {:host_authorization: {:permitted_hosts: [...]}} applies',
    source: 'src/onegate/onegate-server.rb l.93-102 at release-7.4.0 (one#7266)',
  },
  vrRoles: {
    key: 'vr_roles',
    from: '7.0',
    what:
      'OneFlow roles may be virtual routers (fixture `type: vr`): GET /service shows one like any role (its router VMs as nodes), ' +
      'scaling it is refused (400); off, a world with such a role is refused at start (6.10 has no role types)',
    source:
      'src/flow/lib/models/role.rb l.150-160 (Role.for), vrrole.rb l.54-58 and l.207-211 at release-7.4.0 and release-7.0.0; ' +
      'release-6.10.5 has no vrrole.rb',
  },
  legacyServiceVmInfo: {
    key: 'legacy_service_vm_info',
    until: '5.10',
    what: 'GET /service shows vm_info filtered like GET /vm and `running` as a boolean',
    source: 'src/onegate/onegate-server.rb build_service_hash at release-5.10.0',
  },
  rackEscapeHtml3: {
    key: 'rack3_escape_html',
    from: '7.0',
    what:
      "Sinatra's 400 for a malformed query or form (`Invalid query parameters: invalid %-encoding (…)`, HTML-escaped twice) " +
      "escapes with Rack 3's CGI.escapeHTML: `'` as `&#39;`, `/` kept (off: Rack 2.2's table, `&#x27;` and `&#x2F;`)",
    source:
      'rack 2.2.22 lib/rack/utils.rb l.173-187 (escape_html), rack 3.1 utils.rb (CGI.escapeHTML); sinatra base.rb Request#params and handle_exception!',
  },
} satisfies Record<string, VersionRow>;

/** A switch that follows the version. */
export type VersionSwitch = keyof typeof VERSION_ROWS;

/** The versions --server-version documents (others are accepted and follow the same rows). */
export const SERVER_VERSIONS = ['6.10', '7.4'] as const;

/** The version imitated when none is given. */
export const DEFAULT_VERSION = '6.10';

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Whether `version` lies in the row's range; `until` 7.2 takes in every 7.2.x. */
export function rowApplies(row: VersionRow, version: string): boolean {
  if (row.from && compareVersions(version, row.from) < 0) return false;
  if (!row.until) return true;
  const depth = row.until.split('.').length;
  return compareVersions(version.split('.').slice(0, depth).join('.'), row.until) <= 0;
}

/** The switches a version has on. */
export function versionDefaults(version: string): Record<VersionSwitch, boolean> {
  return Object.fromEntries(Object.entries(VERSION_ROWS).map(([field, row]) => [field, rowApplies(row, version)])) as Record<
    VersionSwitch,
    boolean
  >;
}
