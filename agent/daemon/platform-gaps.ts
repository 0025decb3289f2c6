// What cannot work on this OS, told once when the daemon starts and then left alone (issue 16: "the agent
// says so once and goes on"). Only Windows has gaps: the collectors without a Windows source and the
// context sources that exist on Linux only (docs/packaging.md, "Windows").
import type { AgentConfig } from '../config/schema';
import { collectors, collectorsFor } from '../metrics';
import { metricsOptionsOf } from './options';

/** One line per feature that `config` asks for and `platform` cannot give. */
export function platformGaps(platform: NodeJS.Platform, config: AgentConfig): string[] {
  if (platform !== 'win32') return [];
  const here = new Set(collectorsFor(platform).map((c) => c.name));
  const options = metricsOptionsOf(config) as Record<string, { enabled?: boolean } | undefined>;
  const missing = collectors.filter((c) => !here.has(c.name) && (options[c.name]?.enabled ?? c.defaultEnabled));
  const lines = [
    'context: VMware guestinfo (vCenter) is not read on Windows; a vCenter guest needs ONEGATE_ENDPOINT, VMID and TOKENTXT in the environment',
  ];
  if (missing.length > 0) {
    const names = missing.flatMap((c) => c.attributes.flatMap((a) => a.names)).join(', ');
    lines.push(`metrics: ${missing.map((c) => c.name).join(', ')} have no Windows source; ${names} are not pushed`);
  }
  return lines;
}
