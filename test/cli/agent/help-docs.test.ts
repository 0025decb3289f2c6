// Every onegate-agent subcommand is documented the same way in its --help, the README's command table and the
// man page (packaging/man/render-man.mjs): the same names, the same options, the same exit statuses.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgentCli } from '../../agent/daemon/harness';

const ROOT = join(__dirname, '../../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const MAN = readFileSync(join(ROOT, 'packaging/man/render-man.mjs'), 'utf8');

/** The commands `onegate-agent --help` lists. */
async function commands(): Promise<string[]> {
  const top = await runAgentCli(['--help']);
  return [...top.stdout.slice(top.stdout.indexOf('Commands:')).matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]);
}

const optionsIn = (text: string): string[] => [...new Set([...text.matchAll(/--[a-z][a-z-]+/g)].map((m) => m[0]))].sort();
const exitDigits = (text: string): string[] => [...new Set([...text.matchAll(/\b([0-9])\b/g)].map((m) => m[1]))].sort();
/** The README table rows of a command: `| \`onegate-agent NAME ...\` | what | exit |`. */
const readmeRows = (name: string): string[][] =>
  README.split('\n')
    .filter((l) => l.startsWith(`| \`onegate-agent ${name} `) || l.startsWith(`| \`onegate-agent ${name}\``))
    .map((l) => l.split(/(?<!\\)\|/).slice(1, -1));

describe('onegate-agent commands: --help, README, man page', async () => {
  const names = await commands();

  it('lists the commands the man page renders, in the same order', () => {
    expect(names).toEqual(expect.arrayContaining(['run', 'once', 'status', 'context', 'query']));
    const sections = /sections: \(\) => \[([^\]]*)\]\.map/.exec(MAN)?.[1];
    expect(sections?.match(/[a-z]+/g)).toEqual(names);
    expect(/synopsis: 'onegate-agent ([a-z|]+) /.exec(MAN)?.[1].split('|')).toEqual(names);
  });

  describe.each(names)('%s', (name) => {
    it('has --help with a usage, a description of each option and the exit status', async () => {
      const help = await runAgentCli([name, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: onegate-agent ${name}[ \\n]`));
      const [usage, ...rest] = help.stdout.split('\n\n');
      const described =
        rest
          .join('\n')
          .match(/^ {2}--[a-z-]+(?:[ ,][^\n]*)?$/gm)
          ?.join('\n') ?? '';
      expect(optionsIn(described)).toEqual(optionsIn(usage));
      expect(help.stdout).toMatch(/\nExit status: /);
    });

    it('has README rows naming the same options and exit statuses', async () => {
      const help = (await runAgentCli([name, '--help'])).stdout;
      const rows = readmeRows(name);
      expect(rows.length).toBeGreaterThan(0);
      const usage = help.split('\n\n')[0];
      expect(optionsIn(rows.map((r) => r[0]).join(' '))).toEqual(optionsIn(usage));
      expect(exitDigits(rows.map((r) => r[2]).join(' '))).toEqual(exitDigits(help.slice(help.indexOf('\nExit status: '))));
    });

    it('has its exit statuses in the man page', async () => {
      const help = (await runAgentCli([name, '--help'])).stdout;
      const line = new RegExp(`${name}: ([^.]*(?:\\. With --wait: [^.]*)?)`).exec(MAN.replace(/'\s*\+\s*'/g, ''))?.[1] ?? '';
      expect(exitDigits(line)).toEqual(exitDigits(help.slice(help.indexOf('\nExit status: '))));
    });
  });
});
