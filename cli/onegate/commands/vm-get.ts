// onegate vm get KEY [VMID] (extension): prints one USER_TEMPLATE value, so scripts need no JSON tools.
// `KEY/SUB` reaches into a vector attribute. Exit 1 when the attribute is not set.
import { CliError } from '../errors';
import type { Command } from './types';

/** The value at `key` ("APP" or "APP/PORT"; names are upper case in OpenNebula, so case is folded). */
export function lookupAttribute(template: Record<string, unknown>, key: string): unknown {
  let node: unknown = template;
  for (const part of key.split('/')) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    const map = node as Record<string, unknown>;
    node = Object.hasOwn(map, part) ? map[part] : Object.hasOwn(map, part.toUpperCase()) ? map[part.toUpperCase()] : undefined;
  }
  return node;
}

export const vmGet: Command = {
  resource: 'vm',
  verbs: ['get'],
  summary: 'print one user template attribute of this VM (or VMID); exit 1 if it is not set',
  help: ['onegate vm get KEY [VMID] [--json|--yaml]'],
  extra: true,
  options: ['json', 'yaml'],
  async run(ctx) {
    const key = ctx.args[0];
    if (key === undefined || key === '') throw new CliError('CLI_USAGE', 'You have to provide an attribute name');
    const client = await ctx.client();
    const doc = await client.getVm(ctx.args[1]);
    const value = lookupAttribute(doc.VM.USER_TEMPLATE, key);
    if (value === undefined) throw new CliError('CLI_ABSENT', `${key} is not set in the user template of VM ${doc.VM.ID}`);
    return { layout: 'value', data: value };
  },
};
