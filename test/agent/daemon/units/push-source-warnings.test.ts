// Attribute sources in trouble through the push unit (issue 18 item 9): a failing command is named at warning
// level once per change of its reason, not every cycle, once more (info) when it recovers, and meanwhile kept in
// push.sourceWarnings for `status`; its attribute is not erased. The push goes on over real HTTP.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { push } from '../../../../agent/daemon/units/push';
import { silentLogger } from '../../../../agent/log';
import { tempDir } from '../../../support/temp-dir';
import { startUnits } from './setup';

it('names a failing command once per reason, and once when it answers again', async () => {
  const lines: string[] = [];
  const log = { ...silentLogger, warn: (m: string) => lines.push(`warn ${m}`), info: (m: string) => lines.push(`info ${m}`) };
  const script = join(tempDir('oga-warn-'), 'probe');
  const answer = (body: string) => {
    writeFileSync(script, `#!/bin/sh\n${body}\n`);
    chmodSync(script, 0o755);
  };
  answer('echo QUEUE=3');
  const t = await startUnits(
    [push],
    (c) => {
      c.attributes.commands = [{ command: [script], timeout: 5 }];
    },
    undefined,
    { log },
  );
  t.apply();
  const ours = () => lines.filter((l) => l.includes(`command:${script}`));
  const cycles = async (n: number) => {
    for (let i = 0; i < n; i++) await t.runUntil(t.wiring.status().nextRun as number);
  };
  await cycles(1);
  expect(ours()).toEqual([]);
  answer('exit 1');
  await cycles(3);
  expect(ours()).toEqual([`warn attributes: command:${script}: exit status 1`]);
  expect(t.state.push.sourceWarnings).toEqual({ [`command:${script}`]: 'exit status 1' });
  answer('echo "disk full" >&2; exit 2');
  await cycles(2);
  expect(ours().slice(1)).toEqual([`warn attributes: command:${script}: exit status 2: disk full`]);
  answer('echo QUEUE=4');
  await cycles(2);
  expect(ours().slice(2)).toEqual([`info attributes: command:${script}: no longer in trouble (it answers again, or it was removed)`]);
  expect(t.state.push.sourceWarnings).toBeUndefined();
  expect(t.sim.vm(42).USER_TEMPLATE).toMatchObject({ QUEUE: '4' });
  expect(t.sim.requests.filter((r) => String(r.body).includes('type=2'))).toEqual([]);
});
