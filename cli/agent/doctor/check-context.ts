// context: a context source was found and held endpoint, VMID and token. Shows which source and the names of
// what it held; values never (the endpoint is shown by the next check, the token nowhere).
import { applyContextOverrides } from '../../../agent/config/overrides';
import { discoverUnchecked, type UncheckedContext } from '../../../agent/context/discover';
import { ContextError } from '../../../agent/context/errors';
import { checkVmid, cleanToken } from '../../../agent/context/validate';
import { discoverOptionsOf } from '../../../agent/daemon/options';
import { type Check, type DoctorContext, type Finding, fail, ok } from './types';

/** Names of variables listed in the evidence; the rest are counted. */
const SHOWN_KEYS = 12;

const SEARCHED = 'CONTEXT cd-rom or disk, /context, VMware guestinfo, the Windows CONTEXT drive, one_env and the environment';

export const contextCheck: Check = {
  name: 'context',
  title: 'context source found',
  needs: ['config'],
  async run(ctx) {
    let unchecked: UncheckedContext;
    try {
      unchecked = await discover(ctx);
    } catch (err) {
      if (!(err instanceof ContextError)) throw err;
      return fail(oneLine(err.message), `repair or replace ${err.source} (docs/context.md), or point --context-dir at a good copy`);
    }
    return judge(ctx, unchecked);
  },
};

async function discover({ deps, facts }: DoctorContext): Promise<UncheckedContext> {
  const options = discoverOptionsOf(facts.loaded!.config, deps.flags);
  return discoverUnchecked({ ...options, env: deps.env, root: deps.contextRoot });
}

function judge({ facts }: DoctorContext, unchecked: UncheckedContext): Finding {
  const { picked, source, vars } = unchecked;
  if (source === 'none' && !picked.endpoint && !picked.vmid && !picked.token)
    return fail(
      `no context found (searched ${SEARCHED})`,
      'run it in an OpenNebula VM with a context, or point --context-dir at a directory holding context.sh and token.txt',
    );
  const where = `${source}${unchecked.varsOrigin ? ` (${unchecked.varsOrigin})` : ''}`;
  const held = `${where}: ${heldKeys(vars)}`;
  if (!picked.endpoint)
    return fail(
      `${held}; no ONEGATE_ENDPOINT`,
      'oned writes ONEGATE_ENDPOINT into the context when oned.conf sets it; set it there and update the VM context (onevm updateconf), or set onegate.endpoint',
    );
  if (!picked.vmid)
    return fail(`${held}; no VMID`, 'the context of an OpenNebula VM always has VMID: is this the right context directory?');
  const token = cleanToken(picked.token?.value);
  if (!token)
    return fail(
      `${held}; no token`,
      'the VM template needs CONTEXT=[TOKEN="YES"] (oned then writes token.txt), then update the VM context',
    );
  let vmid: string;
  try {
    vmid = checkVmid(picked.vmid.value, picked.vmid.origin);
  } catch (err) {
    return fail(oneLine((err as Error).message), 'VMID must be the VM ID oned wrote into the context; fix or regenerate the context');
  }
  facts.found = { unchecked, endpoint: picked.endpoint, vmid, token };
  facts.config = applyContextOverrides(facts.loaded!.config, vars).config;
  const from = (origin: string): string => shortOrigin(origin, unchecked.files?.origin);
  return ok(
    `${held}; endpoint from ${from(picked.endpoint.origin)}, VMID ${vmid} from ${from(picked.vmid.origin)}, token from ${from(picked.token!.origin)}`,
  );
}

// "VMID in context.sh on /dev/sr0" -> "VMID in context.sh" when the evidence already names /dev/sr0.
function shortOrigin(origin: string, place: string | undefined): string {
  return place ? origin.replace(` on ${place}`, '').replace(` beside ${place}`, '') : origin;
}

function heldKeys(vars: Record<string, string>): string {
  const keys = Object.keys(vars).sort();
  if (keys.length === 0) return 'no variables';
  const more = keys.length > SHOWN_KEYS ? `, +${keys.length - SHOWN_KEYS} more` : '';
  return `${keys.length} variable${keys.length === 1 ? '' : 's'} (${keys.slice(0, SHOWN_KEYS).join(', ')}${more})`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
