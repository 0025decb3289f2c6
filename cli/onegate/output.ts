// The only writer of `onegate`: results to stdout as text, --json or --yaml; help, versions and errors to
// stderr/stdout as the Ruby client does.
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { CommandResult } from './commands/types';
import type { ErrorReport } from './errors';
import { type EmptyStyle, prettyJson } from './format/json';
import { type LayoutOptions, serviceText, vmText, vnetText, vrouterText } from './format/layouts';
import { toYaml } from './format/yaml';
import { helpText } from './help';
import type { OptionValues } from './option-table';

/** Where output goes; process.stdout and process.stderr outside tests. */
export interface Streams {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
}

/**
 * A writer on a file descriptor with write(2). Not process.stdout: making that stream costs ~2 ms of every
 * call (a pipe or file stream object and its modules) for one write. A reader that went away (EPIPE,
 * `onegate vm show --json | head -1`) is not an error. A full non-blocking descriptor (EAGAIN) hands the
 * rest, and every later write, to Node's stream, which waits for it.
 */
function fdWriter(fd: 1 | 2, stream: () => NodeJS.WriteStream): Streams['stderr'] {
  let fallback: NodeJS.WriteStream | undefined;
  return {
    write(text: string): void {
      if (fallback) return void fallback.write(text);
      const bytes = Buffer.from(text);
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') return;
        if (code !== 'EAGAIN') throw err;
        fallback = stream();
        fallback.on('error', (e: NodeJS.ErrnoException) => {
          if (e.code !== 'EPIPE') throw e;
        });
        fallback.write(bytes.subarray(done));
      }
    },
  };
}

/** The process's stdout and stderr, written through their descriptors. */
export function processStreams(): Streams {
  return { stdout: { ...fdWriter(1, () => process.stdout), isTTY: isatty(1) }, stderr: fdWriter(2, () => process.stderr) };
}

function asJson(result: CommandResult, empty: EmptyStyle): string {
  return prettyJson(result.raw ?? JSON.stringify(result.data), empty) + '\n';
}

function asText(result: CommandResult, o: LayoutOptions, empty: EmptyStyle): string {
  switch (result.layout) {
    case 'vm':
      return vmText(result.data, { ...o, extended: false }); // --extended changes nothing for vm show
    case 'service':
      return serviceText(result.data, o);
    case 'vrouter':
      return vrouterText(result.data, o);
    case 'vnet':
      return vnetText(result.data, o);
    case 'value':
      return typeof result.data === 'string' ? `${result.data}\n` : asJson({ data: result.data }, empty);
    default:
      return '';
  }
}

/** Renders a command's result; results without a layout (update, actions) print nothing. */
function renderResult(result: CommandResult, options: OptionValues, tty: boolean, empty: EmptyStyle = 'compact'): string {
  if (result.layout === undefined) return '';
  if (options.format === 'json') return asJson(result, empty);
  if (options.format === 'yaml') return toYaml(result.data);
  return asText(result, { tty, extended: options.extended === true }, empty);
}

/** Writes a command's result to stdout; `empty` is ONEGATE_JSON_EMPTY's style. */
export function writeResult(streams: Streams, result: CommandResult, options: OptionValues, empty: EmptyStyle = 'compact'): void {
  const text = renderResult(result, options, streams.stdout.isTTY === true, empty);
  if (text !== '') streams.stdout.write(text);
}

/** Writes the help text to stderr: the full one for -h/--help, the Ruby client's block before usage errors. */
export function writeHelp(streams: Streams, extensions = true): void {
  streams.stderr.write(helpText(extensions));
}

/** Writes `onegate <version>` to stdout. */
export function writeVersion(streams: Streams, version: string): void {
  streams.stdout.write(`onegate ${version}\n`);
}

/** Writes a warning line to stderr (a one_env that could not be read, ...). */
export function writeWarning(streams: Streams, line: string): void {
  streams.stderr.write(`${line}\n`);
}

/** Writes an error report to stderr: the help first and an empty line when asked, the message, the help after when asked. */
export function writeError(streams: Streams, report: ErrorReport): void {
  if (report.help === 'before' || report.help === 'only') writeHelp(streams, false);
  if (report.help === 'before') streams.stderr.write('\n');
  if (report.text !== '') streams.stderr.write(report.text);
  if (report.help === 'after') writeHelp(streams, false);
}
