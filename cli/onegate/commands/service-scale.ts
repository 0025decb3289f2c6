// onegate service scale --role ROLE --cardinality N: PUT /service/role/ROLE with application/json
// {"cardinality":N}. The Ruby client sends the form type, which 7.x servers read as an empty body (#7954).
import { CliError } from '../errors';
import type { Command } from './types';

/** The cardinality as a number; a bad one is named with what is wrong. */
function parseCardinality(text: string | undefined): number {
  if (text === undefined) throw new CliError('CLI_OPTION', 'service scale needs --cardinality N');
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new CliError('CLI_OPTION', `invalid argument: --cardinality ${text} (expected a whole number of VMs, 0 or more)`);
  }
  return Number(text);
}

export const serviceScale: Command = {
  resource: 'service',
  verbs: ['scale'],
  wakesAgent: true,
  summary: "set the number of VMs of a role of this VM's service",
  help: ['onegate service scale --role ROLE --cardinality CARDINALITY'],
  options: ['role', 'cardinality'],
  async run(ctx) {
    const role = ctx.options.role;
    if (role === undefined || role === '') throw new CliError('CLI_OPTION', 'service scale needs --role ROLE');
    const cardinality = parseCardinality(ctx.options.cardinality);
    const client = await ctx.client();
    await client.scaleRole(role, cardinality);
    return {};
  },
};
