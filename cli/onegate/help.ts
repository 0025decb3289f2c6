// The help text, generated from the command and option metadata. Its "## COMMANDS" block is byte-identical
// to the Ruby client's (`help_str`, share/onegate/onegate l.561 at release-7.4.0). --help adds an "## EXTENSIONS" block listing what this
// CLI adds, so that the extras can be discovered where users look; usage errors print the Ruby block alone,
// so that their stderr stays byte-identical to the Ruby client's.
import { COMMANDS } from './commands/index';
import { OPTIONS, type OptionSpec } from './option-table';

function bullets(lines: readonly string[]): string[] {
  return lines.map((line) => (line.startsWith('    ') ? `        * ${line.trimStart()}` : `    * ${line}`));
}

function optionLine(o: OptionSpec): string {
  const names = [`--${o.name}${o.arg ? ` ${o.arg}` : ''}`, o.short ? `-${o.short}` : ''].filter(Boolean).join(', ');
  return `    * ${names.padEnd(22)}${o.description}`;
}

/** The help text, ending with one newline; `extensions` adds the block of this CLI's extras. */
export function helpText(extensions: boolean): string {
  const parity = ['## COMMANDS', '', ...COMMANDS.filter((c) => !c.extra).flatMap((c) => bullets(c.help))];
  if (!extensions) return `${parity.join('\n')}\n`;
  const extra = COMMANDS.filter((c) => c.extra).flatMap((c) => bullets(c.help));
  const options = OPTIONS.filter((o) => o.extra).map(optionLine);
  return [...parity, '', '## EXTENSIONS', '', ...extra, ...options].join('\n') + '\n';
}
