// The environment the systemd unit gives the daemon (its Environment= lines), read from the unit file the
// packages install, so that every bench runs the daemon as guests do and cannot drift from the unit.
// AGENT_NODE_OPTIONS replaces NODE_OPTIONS; AGENT_MALLOC_TRIM replaces MALLOC_TRIM_THRESHOLD_ ('' leaves it unset).
import { readFileSync } from 'node:fs';

const UNIT = new URL('../../../packaging/install-tree/usr/lib/systemd/system/onegate-agent.service', import.meta.url);

function unitEnvironment() {
  const env = {};
  for (const m of readFileSync(UNIT, 'utf8').matchAll(/^Environment=([A-Z_]+)=("?)(.*)\2$/gm)) env[m[1]] = m[3];
  return env;
}

const fromUnit = unitEnvironment();
export const NODE_OPTIONS = process.env.AGENT_NODE_OPTIONS ?? fromUnit.NODE_OPTIONS;
export const TRIM = process.env.AGENT_MALLOC_TRIM ?? fromUnit.MALLOC_TRIM_THRESHOLD_;
/** NODE_OPTIONS and MALLOC_TRIM_THRESHOLD_ as the unit sets them (after the overrides above). */
export const UNIT_ENV = { NODE_OPTIONS, ...(TRIM === '' ? {} : { MALLOC_TRIM_THRESHOLD_: TRIM }) };
