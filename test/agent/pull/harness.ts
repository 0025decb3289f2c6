// A puller for one simulator VM, with a real hook runner whose hook records every call
// (arguments, ONEGATE_* variables, copies of the old and new documents) under the scratch dir.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHookRunner } from '../../../agent/hooks/run-hooks';
import { DEFAULT_HOOKS_OPTIONS, HOOK_EVENTS, type HooksOptions } from '../../../agent/hooks/types';
import { OneGateClient } from '../../../agent/onegate/client';
import { DEFAULT_PULLER_OPTIONS, type PullerOptions } from '../../../agent/pull/options';
import { createPuller } from '../../../agent/pull/puller';
import type { Simulator } from '../../simulator/index';
import { captureLog } from '../../support/capture-log';
import { tempDir } from '../../support/temp-dir';

const RECORDER = `#!/bin/sh
out="$(dirname "$0")/calls"
mkdir -p "$out"
n=$(ls "$out" | wc -l)
n=$(printf '%03d' $((n / 3)))
cp "$2" "$out/$n.old"; cp "$3" "$out/$n.new"
printf '{"event":"%s","old":"%s","new":"%s","role":"%s","added":"%s","removed":"%s","vms":"%s","changed":"%s","first":"%s","gone":"%s","vmid":"%s","doc":"%s","vnet":"%s"}\\n' \\
  "$1" "$2" "$3" "$ONEGATE_ROLE" "$ONEGATE_ROLE_ADDED" "$ONEGATE_ROLE_REMOVED" "$ONEGATE_ROLE_VMS" "$ONEGATE_CHANGED" \\
  "$ONEGATE_FIRST" "$ONEGATE_REMOVED" "$ONEGATE_VMID" "$ONEGATE_DOCUMENT" "$ONEGATE_VNET_ID" > "$out/$n.json"
`;

/** One recorded hook call. */
export interface Call {
  event: string;
  old: string;
  new: string;
  role: string;
  added: string;
  removed: string;
  vms: string;
  changed: string;
  first: string;
  gone: string;
  vmid: string;
  doc: string;
  vnet: string;
  /** Content of the old and new documents as the hook saw them ("" for /dev/null). */
  oldText: string;
  newText: string;
}

/** Starts a puller for `vmid` against `sim`; `calls()` returns (and forgets) the hook calls so far. */
export function pullerFor(sim: Simulator, vmid: number, opts: Partial<PullerOptions> = {}, hooks: Partial<HooksOptions> = {}) {
  const root = tempDir('og-sync-');
  const runDir = join(root, 'run');
  const hook = join(root, 'hooks', 'record');
  mkdirSync(join(root, 'hooks'));
  writeFileSync(hook, RECORDER);
  chmodSync(hook, 0o755);
  const { lines, log } = captureLog();
  const commands = Object.fromEntries(HOOK_EVENTS.map((e) => [e, [hook]]));
  const runHook = createHookRunner({ options: { ...DEFAULT_HOOKS_OPTIONS, directory: '', commands, ...hooks }, log });
  const client = new OneGateClient({ credentials: sim.credentials(vmid), retries: 0 });
  const puller = createPuller({ client, options: { ...DEFAULT_PULLER_OPTIONS, ...opts }, runDir, log, runHook });
  let seen = 0;
  const calls = (): Call[] => {
    const out: Call[] = [];
    for (; existsSync(join(root, 'hooks', 'calls', `${String(seen).padStart(3, '0')}.json`)); seen++) {
      const base = join(root, 'hooks', 'calls', String(seen).padStart(3, '0'));
      out.push({
        ...JSON.parse(readFileSync(`${base}.json`, 'utf8')),
        oldText: readFileSync(`${base}.old`, 'utf8'),
        newText: readFileSync(`${base}.new`, 'utf8'),
      });
    }
    return out;
  };
  return { puller, runDir, root, lines, calls, client, close: () => client.close() };
}

/** Requests the simulator received from `vmid` since index `from`, as "METHOD path". */
export function requestsOf(sim: Simulator, vmid: number, from = 0): string[] {
  return sim.requests
    .slice(from)
    .filter((r) => r.vmid === String(vmid))
    .map((r) => `${r.method} ${r.path}`);
}
