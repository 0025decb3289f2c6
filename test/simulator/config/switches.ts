// Simulator-only settings (the :simulator: block of the config file): which server version to
// imitate where versions differ on the wire (the switches of docs/simulator.md, "Configuration"), and resource bounds.

/** Behaviour switches; each defaults from `version` unless set explicitly. */
export interface Switches {
  /** Imitated server version, e.g. "7.4" (default), "7.0.0", "6.10", "5.10". */ version: string;
  /** ≤ 6.10: MONITORING IPs (GUEST_IP, AWS_*, ...) are appended to NIC. */ monitoringNics: boolean;
  /** ≤ 7.0.0 (Rack 3, no rewind): a raw PUT body sent as a form reads as "", 200 without change. */ noRewind: boolean;
  /** 7.0–7.2: a DNS host name in Host gets "403 Host not permitted". */ hostAuthorization: boolean;
  /** ≤ 5.10: service vm_info filtered like GET /vm, `running` a boolean. */ legacyServiceVmInfo: boolean;
  /** 7.x bug #7954: form-typed POST action / scale bodies read as "" (off unless set: imitating it is optional). */ formBodyBug: boolean;
  /** OneFlow scaling adds or removes node VMs at once (a real OneFlow deploys them later). */ scaleCreatesVms: boolean;
  /** Largest request body read; larger ones get 413 and the connection is closed. */ maxBodyBytes: number;
}

const KEYS: Record<string, keyof Switches> = {
  version: 'version',
  monitoring_nics: 'monitoringNics',
  no_rewind: 'noRewind',
  host_authorization: 'hostAuthorization',
  legacy_service_vm_info: 'legacyServiceVmInfo',
  form_body_bug: 'formBodyBug',
  scale_creates_vms: 'scaleCreatesVms',
  max_body_bytes: 'maxBodyBytes',
};

/** Compares dotted versions numerically: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number),
    pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Defaults for a version, overridden by the given :simulator: keys. */
export function simulatorSwitches(raw: Record<string, unknown>, where: string): Switches {
  const version = String(raw.version ?? '7.4');
  if (!/^\d+(\.\d+){0,2}$/.test(version)) throw new Error(`${where}: :simulator: :version: "${version}" is not a version like 7.4 or 6.10`);
  const v = (x: string): number => compareVersions(version, x);
  const out: Switches = {
    version,
    monitoringNics: v('6.10.99') <= 0,
    noRewind: v('7.0') >= 0 && v('7.0.0') <= 0,
    hostAuthorization: v('7.0') >= 0 && v('7.2.99') <= 0,
    legacyServiceVmInfo: v('5.10.99') <= 0,
    formBodyBug: false,
    scaleCreatesVms: true,
    maxBodyBytes: 16 * 1024 * 1024,
  };
  for (const [key, value] of Object.entries(raw)) {
    const field = KEYS[key];
    if (!field) throw new Error(`${where}: :simulator: unknown key :${key}: (known: ${Object.keys(KEYS).join(', ')})`);
    if (field === 'version') continue;
    if (field === 'maxBodyBytes') {
      if (!Number.isInteger(Number(value)) || Number(value) <= 0)
        throw new Error(`${where}: :simulator: :max_body_bytes: "${String(value)}" is not a positive integer`);
      out.maxBodyBytes = Number(value);
    } else if (typeof value !== 'boolean') throw new Error(`${where}: :simulator: :${key}: must be true or false`);
    else out[field] = value;
  }
  return out;
}
