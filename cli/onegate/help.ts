// The help text, generated from the command and option metadata. Its "## COMMANDS" block is byte-identical
// to the 2025+ Ruby client's (onegate-cli.md §3.8); the "## EXTENSIONS" block after it lists what this CLI
// adds, so that the extras can be discovered where users look.
import { COMMANDS } from './commands/index';
import { OPTIONS, type OptionSpec } from './option-table';

function bullets(lines: readonly string[]): string[] {
  return lines.map((line) => (line.startsWith('    ') ? `        * ${line.trimStart()}` : `    * ${line}`));
}

function optionLine(o: OptionSpec): string {
  const names = [`--${o.name}${o.arg ? ` ${o.arg}` : ''}`, o.short ? `-${o.short}` : ''].filter(Boolean).join(', ');
  return `    * ${names.padEnd(22)}${o.description}`;
}

/** The whole help text, ending with one newline. */
export function helpText(): string {
  const parity = COMMANDS.filter((c) => !c.extra).flatMap((c) => bullets(c.help));
  const extra = COMMANDS.filter((c) => c.extra).flatMap((c) => bullets(c.help));
  const options = OPTIONS.filter((o) => o.extra).map(optionLine);
  return ['## COMMANDS', '', ...parity, '', '## EXTENSIONS', '', ...extra, ...options].join('\n') + '\n';
}
