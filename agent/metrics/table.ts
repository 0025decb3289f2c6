// The metrics table of README.md and docs/metrics.md, rendered from what each collector declares
// (test/agent/metrics/table.test.ts keeps both files equal to it; UPDATE_GOLDEN=1 rewrites them).
import type { Collector } from './types';

/** Markdown: one row per group of attributes, in registry order. */
// biome-ignore lint/suspicious/noExplicitAny: the registry mixes option types (see index.ts).
export function renderMetricTable(collectors: readonly Collector<any>[]): string {
  const rows = ['| Name | Unit | Collector (default) | Source | Formula |', '|---|---|---|---|---|'];
  for (const c of collectors) {
    for (const a of c.attributes) {
      const names = a.names.map((n) => `\`${n}\``).join(', ');
      rows.push(`| ${names} | ${a.unit} | ${c.name} (${c.defaultEnabled ? 'on' : '**off**'}) | ${a.source} | ${a.formula} |`);
    }
  }
  return `${rows.join('\n')}\n`;
}
