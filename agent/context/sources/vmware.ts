// vCenter guests: no media; context.sh comes base64-encoded from VMware guestinfo, and files such as
// token.txt from guestinfo.opennebula.file.N (first line the name, the rest base64), as one-contextd reads
// them. Tried only when vmtoolsd is installed, so KVM guests see no noise about it.

import { runLazily } from '../../process/run-lazily';
import { pathOnly } from '../block-devices';
import { ContextError } from '../errors';
import type { ContextFiles, SourceContext } from '../types';
import type { Source } from './source';

const CONTEXT_KEY = 'guestinfo.opennebula.context';
const FILE_KEY = 'guestinfo.opennebula.file.';
const MAX_FILES = 64;

/** VMware guestinfo: nothing cheap to watch, so re-read periodically wherever vmtoolsd is installed. */
export const vmwareGuestinfo: Source = {
  name: 'VMware guestinfo',
  priority: 30,
  kinds: ['vmware'],
  read: readVmwareGuestinfo,
  watch: { reread: async (ctx) => (await ctx.findProgram('vmtoolsd')) !== undefined },
};

/** context.sh and token.txt from guestinfo, or undefined when vmtoolsd or the context key is absent. */
async function readVmwareGuestinfo(o: SourceContext): Promise<ContextFiles | undefined> {
  const vmtoolsd = await o.findProgram('vmtoolsd');
  if (!vmtoolsd) return undefined;
  const encoded = await infoGet(vmtoolsd, CONTEXT_KEY, o);
  if (encoded === undefined) return undefined;
  const contextSh = decode(encoded, CONTEXT_KEY);
  let tokenTxt: string | undefined;
  for (let n = 0; n < MAX_FILES && tokenTxt === undefined; n++) {
    const file = await infoGet(vmtoolsd, `${FILE_KEY}${n}`, o);
    if (file === undefined) break;
    const newline = file.indexOf('\n');
    const name = (newline < 0 ? file : file.slice(0, newline)).trim();
    if (name === 'token.txt') tokenTxt = decode(newline < 0 ? '' : file.slice(newline + 1), `${FILE_KEY}${n}`);
  }
  return { kind: 'vmware', origin: 'VMware guestinfo', contextSh, tokenTxt };
}

/** The value of a guestinfo key, or undefined when it is unset or empty. */
async function infoGet(vmtoolsd: string, key: string, o: SourceContext): Promise<string | undefined> {
  const r = await runLazily({ argv: [vmtoolsd, '--cmd', `info-get ${key}`], timeoutMs: 10_000, env: pathOnly(o.env) });
  const value = r.stdout.replace(/\r?\n$/, '');
  if (r.code !== 0 || value.trim() === '') {
    o.log.debug(`context: guestinfo ${key} not set${r.stderr.trim() ? ` (${r.stderr.trim()})` : ''}`);
    return undefined;
  }
  return value;
}

function decode(text: string, key: string): string {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new ContextError('CONTEXT_INVALID', `VMware guestinfo ${key}`, 'value is not base64');
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}
