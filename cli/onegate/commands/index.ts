// The commands of `onegate`, in the order of the help text. Each file is small and imports no client or
// context code (it gets its client from the context), so listing them all costs nothing at start-up.
import { serviceScale } from './service-scale';
import { serviceShow } from './service-show';
import type { Command } from './types';
import { vmAction } from './vm-action';
import { vmGet } from './vm-get';
import { vmShow } from './vm-show';
import { vmUpdate } from './vm-update';
import { vmWait } from './vm-wait';
import { vnetShow } from './vnet-show';
import { vrouterShow } from './vrouter-show';

/** Every command; the Ruby client's first, in its help order, then the extensions. */
export const COMMANDS: readonly Command[] = [vmShow, vmUpdate, vmAction, serviceShow, serviceScale, vrouterShow, vnetShow, vmGet, vmWait];

/** The command for `resource verb`, or why there is none. */
export type Lookup = { command: Command } | { unknownResource: true } | { unknownVerb: string };

/** Finds the command as the Ruby client dispatches: first word the resource, second the verb. */
export function findCommand(resource: string | undefined, verb: string | undefined): Lookup {
  const ofResource = COMMANDS.filter((c) => c.resource === resource);
  if (ofResource.length === 0) return { unknownResource: true };
  const command = ofResource.find((c) => verb !== undefined && c.verbs.includes(verb));
  return command ? { command } : { unknownVerb: verb ?? '' };
}
