// The server versions the integration suites run against, as a matrix (`describe.each(SERVER_VERSIONS)`), and
// what a test expects where versions differ. The differences come from the simulator's profile table
// (test/simulator/config/versions.ts), so a test names the switch its expectation depends on, never a version.
import { shippedConfig } from '../simulator/config/config';
import { SERVER_VERSIONS, VERSION_ROWS, type VersionSwitch, versionDefaults } from '../simulator/config/versions';

export { SERVER_VERSIONS };

/** The text a guest receives for a `halt 500, text` on this version (7.x's error handler drops it). */
export function halt500Text(version: string, text: string): string {
  return versionDefaults(version).errorHandler500 ? 'Internal server error' : text;
}

/** The golden file for this version: `name` itself, or `<base>.<switch's config key>.<ext>` when `changedBy` is on. */
export function goldenFor(version: string, name: string, changedBy: VersionSwitch): string {
  if (!versionDefaults(version)[changedBy]) return name;
  const dot = name.lastIndexOf('.');
  return `${name.slice(0, dot)}.${VERSION_ROWS[changedBy].key}${name.slice(dot)}`;
}

/** A simulator config: the shipped file with switch `sw` set in its :simulator: block (e.g. 7.0–7.2's host authorization). */
export function switchConfig(sw: VersionSwitch, on = true): Record<string, unknown> {
  return { ...shippedConfig(), ':simulator': { [`:${VERSION_ROWS[sw].key}`]: on } };
}

/** Whether switch `sw` is on by default in `version` (for tests that exist only where it is). */
export function switchOn(version: string, sw: VersionSwitch): boolean {
  return versionDefaults(version)[sw];
}
