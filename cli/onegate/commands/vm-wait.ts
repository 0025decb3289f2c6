// onegate vm wait KEY=VALUE [VMID] [--timeout S] (extension): polls the VM until a user template attribute
// has the value, for boot orchestration (wait for a peer's READY=YES). Transient failures (connection, 5xx)
// are retried until the deadline; 4xx answers end the wait at once. Polls back off with full jitter so that
// the VMs of a service do not poll in step.
import { backoffDelay, type RetryPolicy, sleep } from '../../../agent/onegate/retry';
import { CliError } from '../errors';
import type { Command } from './types';
import { lookupAttribute } from './vm-get';

const POLL: RetryPolicy = { maxAttempts: Infinity, baseMs: 2000, factor: 1.5, maxMs: 10000 };
const MIN_POLL_MS = 500;

/** Splits KEY=VALUE; the value may contain `=`. */
function parseCondition(text: string | undefined): { key: string; value: string } {
  const eq = text?.indexOf('=') ?? -1;
  if (text === undefined || eq <= 0) throw new CliError('CLI_USAGE', 'You have to provide the condition as KEY=VALUE');
  return { key: text.slice(0, eq), value: text.slice(eq + 1) };
}

function isTransient(err: unknown): boolean {
  return (err as { transient?: unknown } | null)?.transient === true;
}

export const vmWait: Command = {
  resource: 'vm',
  verbs: ['wait'],
  summary: 'wait until a user template attribute of this VM (or VMID) has a value; exit 1 on --timeout',
  help: ['onegate vm wait KEY=VALUE [VMID] [--timeout SECONDS]'],
  extra: true,
  options: ['timeout'],
  async run(ctx) {
    const { key, value } = parseCondition(ctx.args[0]);
    const deadline = Date.now() + ctx.timeoutMs;
    // Bounds a call that hangs, too: it is aborted at the deadline instead of running its own full timeout.
    const signal = AbortSignal.timeout(ctx.timeoutMs);
    const client = await ctx.client({ signal });
    let seen = 'no answer from OneGate';
    for (let attempt = 1; ; attempt++) {
      try {
        const doc = await client.getVm(ctx.args[1]);
        const current = lookupAttribute(doc.VM.USER_TEMPLATE, key);
        if (current === value) return {};
        seen = current === undefined ? 'not set' : typeof current === 'string' ? `"${current}"` : JSON.stringify(current);
      } catch (err) {
        if (signal.aborted) break; // the deadline cut a call short: keep the last value seen
        if (!isTransient(err)) throw err;
        seen = `unknown (${err instanceof Error ? err.message : String(err)})`;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      await sleep(Math.min(remaining, Math.max(MIN_POLL_MS, backoffDelay(attempt, POLL))));
    }
    throw new CliError('CLI_ABSENT', `timed out after ${ctx.timeoutMs / 1000} s waiting for ${key}=${value} (last value: ${seen})`);
  },
};
