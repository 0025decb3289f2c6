// Every command and option is complete: metadata, help, and an option table without clashes.
import { describe, expect, it } from 'vitest';
import { COMMANDS, findCommand } from '../../../cli/onegate/commands/index';
import { helpText } from '../../../cli/onegate/help';
import { OPTIONS } from '../../../cli/onegate/option-table';

describe('command and option tables', () => {
  it.each(COMMANDS.map((c) => [`${c.resource} ${c.verbs[0]}`, c] as const))('%s has a summary, help lines and known options', (_n, c) => {
    expect(c.summary.length).toBeGreaterThan(10);
    expect(c.help.length).toBeGreaterThan(0);
    for (const line of c.help) expect(helpText(true)).toContain(line.trimStart());
    for (const name of c.options) expect(OPTIONS.map((o) => o.name)).toContain(name);
  });

  it('every resource and verb pair selects exactly one command', () => {
    for (const c of COMMANDS) for (const verb of c.verbs) expect(findCommand(c.resource, verb)).toEqual({ command: c });
    const pairs = COMMANDS.flatMap((c) => c.verbs.map((v) => `${c.resource} ${v}`));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it('option names and letters are unique, and the extras keep every Ruby abbreviation unambiguous', () => {
    const names = OPTIONS.map((o) => o.name);
    const shorts = OPTIONS.flatMap((o) => (o.short ? [o.short] : []));
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(shorts).size).toBe(shorts.length);
    const ruby = OPTIONS.filter((o) => !o.extra);
    for (const extra of OPTIONS.filter((o) => o.extra)) {
      for (const r of ruby) expect(r.name[0]).not.toBe(extra.name[0]);
    }
  });
});
