// The only writer of `onegate-agent` (besides the daemon's logger): a subcommand's result to stdout, its
// errors to stderr with the command name, and the usage after an argument error.
import { contextText } from '../../agent/context/format';
import type { AgentOutput, AgentResult } from './commands/types';
import { renderDoctor } from './doctor/render';
import { listingJson, renderAnswers, renderListing } from './query/render';
import { renderStatus } from './status-text';

/** Where output goes; process.stdout and process.stderr outside tests. */
export interface Streams {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Writes `result` of the subcommand `name` ('' for onegate-agent itself); returns its exit status. */
export function writeResult(name: string, result: AgentResult, streams: Streams = process): number {
  if (result.output) streams.stdout.write(render(result.output));
  const prefix = name ? `onegate-agent ${name}` : 'onegate-agent';
  for (const line of result.errors ?? []) streams.stderr.write(`${prefix}: ${line}\n`);
  if (result.usage) streams.stderr.write(result.usage);
  return result.code;
}

function render(output: AgentOutput): string {
  switch (output.layout) {
    case 'text':
      return output.data;
    case 'json':
      return `${JSON.stringify(output.data, null, 2)}\n`;
    case 'attributes':
      return Object.entries(output.data)
        .map(([key, value]) => `${key}=${value}\n`)
        .join('');
    case 'status':
      return renderStatus(output.data.health, output.data.doc, output.data.alive, output.data.now);
    case 'context':
      return contextText(output.data.context, output.data.showToken);
    case 'query':
      return renderAnswers(output.data.answers, output.data.json);
    case 'query-list':
      return output.data.json ? `${JSON.stringify(listingJson(output.data.listing), null, 2)}\n` : renderListing(output.data.listing);
    case 'doctor':
      return renderDoctor(output.data);
  }
}
