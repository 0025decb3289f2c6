// One cycle's attributes: every enabled collector plus the custom attributes, formatted for PUT /vm, each with
// its source ("metric:<collector>", "static", "file:<name>", ...) for erasing what vanished (agent/state/owned.ts).
// Problems (a bad *.attrs line, a failing command, a value the server cannot store) are returned, not thrown.
import { collectAttributes } from '../attributes';
import { attributeName, formatAttributes } from '../attributes/format';
import type { AgentConfig } from '../config/schema';
import type { Logger } from '../log';
import { type ActiveCollector, collectAll } from '../metrics';
import type { GatherSources } from '../state/owned';
import { attributesOptionsOf, formatOptionsOf } from './options';

/** What one gathering produced. */
export interface Gathered {
  /** Final attribute name -> value text. */
  attributes: Record<string, string>;
  /** One line per skipped attribute or source. */
  problems: string[];
  /** Names dropped for being on OneGate's default :restricted_attrs list. */
  restricted: string[];
  /** Final name -> its source, and the sources that could not answer this cycle. */
  sources: GatherSources;
  /** Custom attribute source -> what is wrong with it this cycle: why it could not answer, or its bad lines. */
  warnings: Record<string, string>;
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
  const current: Record<string, string> = {};
  for (const [name, key] of Object.entries(m.keys)) current[name] = `metric:${metrics.sources[key]}`;
  // A metric its collector could not measure this time (a stuck mount) still has its source: kept, not erased.
  for (const [key, collector] of Object.entries(metrics.missed)) current[attributeName(key, format.metrics)] ??= `metric:${collector}`;
  // Every custom source credits its attributes; were one not to, the name would count as static, never as vanished.
  for (const [name, key] of Object.entries(a.keys)) current[name] = custom.sources?.[key] ?? 'static';
  const failed = custom.failed ?? {};
  return {
    attributes: { ...m.attributes, ...a.attributes },
    problems: [...custom.problems, ...m.problems, ...a.problems],
    restricted: [...m.restricted, ...a.restricted],
    sources: { current, unsure: [...metrics.silent.map((c) => `metric:${c}`), ...Object.keys(failed)] },
    warnings: { ...custom.skipped, ...failed },
  };
}
