// Simulator-only settings (the :simulator: block of the config file): which server version to
// imitate, the behaviour switches whose defaults follow it (config/versions.ts), and resource bounds.
import { DEFAULT_VERSION, VERSION_ROWS, type VersionSwitch, versionDefaults } from './versions';

/** Behaviour switches; each version switch defaults from `version` unless set explicitly. */
export type Switches = Record<VersionSwitch, boolean> & {
  /** Imitated server version, e.g. "6.10" (default), "7.4", "7.0.0", "5.10". */ version: string;
  /** OneFlow scaling adds or removes node VMs at once (a real OneFlow deploys them later). */ scaleCreatesVms: boolean;
  /** Largest request body read; larger ones get 413 and the connection is closed. */ maxBodyBytes: number;
};

const OTHER_KEYS: Record<string, 'scaleCreatesVms' | 'maxBodyBytes'> = {
  scale_creates_vms: 'scaleCreatesVms',
  max_body_bytes: 'maxBodyBytes',
};
const VERSION_KEYS: Record<string, VersionSwitch | undefined> = Object.fromEntries(
  Object.entries(VERSION_ROWS).map(([field, row]) => [row.key, field as VersionSwitch]),
);

/** Checks a version given by --server-version, the :version: key or ONEGATE_SIM_VERSION. */
export function checkVersion(version: string, where: string): string {
  if (!/^\d+(\.\d+){0,2}$/.test(version)) throw new Error(`${where}: "${version}" is not a version like 6.10 or 7.4`);
  return version;
}

/**
 * Defaults for a version, overridden by the given :simulator: keys. `version` (from --server-version or
 * the start option) wins over the :version: key, which wins over ONEGATE_SIM_VERSION and the default.
 */
export function simulatorSwitches(raw: Record<string, unknown>, where: string, version?: string): Switches {
  const chosen =
    version ??
    (raw.version !== undefined ? checkVersion(String(raw.version), `${where}: :simulator: :version:`) : undefined) ??
    (process.env.ONEGATE_SIM_VERSION ? checkVersion(process.env.ONEGATE_SIM_VERSION, 'ONEGATE_SIM_VERSION') : DEFAULT_VERSION);
  const out: Switches = { version: chosen, ...versionDefaults(chosen), scaleCreatesVms: true, maxBodyBytes: 16 * 1024 * 1024 };
  const known = ['version', ...Object.keys(VERSION_KEYS), ...Object.keys(OTHER_KEYS)];
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'version') continue;
    const field = VERSION_KEYS[key] ?? OTHER_KEYS[key];
    if (!field) throw new Error(`${where}: :simulator: unknown key :${key}: (known: ${known.join(', ')})`);
    if (field === 'maxBodyBytes') {
      if (!Number.isInteger(Number(value)) || Number(value) <= 0)
        throw new Error(`${where}: :simulator: :max_body_bytes: "${String(value)}" is not a positive integer`);
      out.maxBodyBytes = Number(value);
    } else if (typeof value !== 'boolean') throw new Error(`${where}: :simulator: :${key}: must be true or false`);
    else out[field] = value;
  }
  return out;
}
