// One cycle's attributes: every enabled collector plus the custom attributes, formatted for PUT /vm.
// Problems (a bad *.attrs line, a failing command, a value the server cannot store) are returned, not thrown.
import { collectAttributes } from '../attributes';
import { formatAttributes } from '../attributes/format';
import type { AgentConfig } from '../config/schema';
import type { Logger } from '../log';
import { type ActiveCollector, collectAll } from '../metrics';
import { attributesOptionsOf, formatOptionsOf } from './options';

/** What one gathering produced. */
export interface Gathered {
  /** Final attribute name -> value text. */
  attributes: Record<string, string>;
  /** One line per skipped attribute or source. */
  problems: string[];
  /** Names dropped for being on OneGate's default :restricted_attrs list. */
  restricted: string[];
}

export async function gatherAttributes(
  config: AgentConfig,
  active: ActiveCollector[],
  log: Logger,
  signal?: AbortSignal,
): Promise<Gathered> {
  const format = formatOptionsOf(config);
  const [metrics, custom] = await Promise.all([collectAll(active, log), collectAttributes(attributesOptionsOf(config), { signal })]);
  const m = formatAttributes(metrics.values, format.metrics);
  const a = formatAttributes(custom.values, format.attributes);
  return {
    attributes: { ...m.attributes, ...a.attributes },
    problems: [...custom.problems, ...m.problems, ...a.problems],
    restricted: [...m.restricted, ...a.restricted],
  };
}
