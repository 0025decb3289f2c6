// Attributes that vanish with their source (issue 14), through the push unit and the real wiring against the
// simulator over real HTTP: what the agent set is erased (PUT /vm type=2, one per name) when its *.attrs file,
// static value or collector goes; a source that fails keeps its attributes; what others set is never touched.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { push } from '../../../../agent/daemon/units/push';
import { phaseOf } from '../../../../agent/schedule/ticker';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { tempDir } from '../../../support/temp-dir';
import { type UnitsUnderTest, unitsOn } from './setup';

const INTERVAL = 60_000;
const firstTick = (now: number) => now + ((((phaseOf('42', INTERVAL) - now) % INTERVAL) + INTERVAL) % INTERVAL);

/** The names erased (PUT /vm with type=2) so far, in order. */
function erasures(t: UnitsUnderTest): string[] {
  return t.sim.requests
    .filter((r) => r.method === 'PUT' && r.path === '/vm')
    .map((r) => new URLSearchParams(String(r.body)))
    .filter((b) => b.get('type') === '2')
    .map((b) => b.get('data') ?? '');
}

const template = (t: UnitsUnderTest) => t.sim.vm(42).USER_TEMPLATE as Record<string, unknown>;

describe.each(SERVER_VERSIONS)('push: attributes that vanish with their source (OneGate %s)', (version) => {
  const startUnits = unitsOn(version);

  /** The push unit reading `attrs`, applied and run to its first tick. */
  async function pushedFrom(attrs: string): Promise<{ t: UnitsUnderTest; tick: number }> {
    const t = await startUnits([push], (c) => {
      c.attributes.directory = attrs;
    });
    t.apply();
    const tick = firstTick(t.clock.now());
    await t.runUntil(tick);
    return { t, tick };
  }

  it('a removed *.attrs file erases its attribute and nothing else; what an administrator set stays', async () => {
    const attrs = tempDir('oga-vanish-');
    writeFileSync(join(attrs, 'app.attrs'), 'APP_VERSION=1.2\n');
    writeFileSync(join(attrs, 'other.attrs'), 'OTHER=x\n');
    const t = await startUnits(
      [push],
      (c) => {
        c.attributes.directory = attrs;
      },
      { control: true },
    );
    t.apply();
    const answer = await fetch(`${t.sim.controlUrl}/vms/42/user_template`, { method: 'PUT', body: '{"OWNER_NOTE":"admin"}' });
    expect(answer.status).toBe(200);
    const tick = firstTick(t.clock.now());
    await t.runUntil(tick);
    expect(template(t)).toMatchObject({ ROLE: 'db', APP_VERSION: '1.2', OTHER: 'x', OWNER_NOTE: 'admin' });
    rmSync(join(attrs, 'app.attrs'));
    await t.runUntil(tick + INTERVAL);
    expect(erasures(t)).toEqual(['APP_VERSION']);
    expect(template(t)).not.toHaveProperty('APP_VERSION');
    expect(template(t)).toMatchObject({ ROLE: 'db', OTHER: 'x', OWNER_NOTE: 'admin' });
    expect(t.state.push).toMatchObject({ owners: { ROLE: 'static', OTHER: 'file:other.attrs' }, erasing: [] });
    await t.runUntil(tick + 2 * INTERVAL);
    expect(erasures(t)).toEqual(['APP_VERSION']); // once
  });

  it('a static value removed from the configuration is erased after the reload', async () => {
    const t = await startUnits([push], (c) => {
      c.attributes.static = { ROLE: 'db', TIER: 'gold' };
    });
    t.apply();
    const tick = firstTick(t.clock.now());
    await t.runUntil(tick);
    expect(template(t)).toMatchObject({ ROLE: 'db', TIER: 'gold' });
    t.apply(
      (c) => {
        c.attributes.static = { ROLE: 'db' };
      },
      { reason: 'reload' },
    );
    await t.runUntil(tick + INTERVAL);
    expect(erasures(t)).toEqual(['TIER']);
    expect(template(t)).not.toHaveProperty('TIER');
    expect(template(t)).toMatchObject({ ROLE: 'db' });
  });

  it('a collector disabled erases its metrics', async () => {
    const t = await startUnits([push], (c) => {
      c.metrics.memory.enabled = true;
    });
    t.apply();
    const tick = firstTick(t.clock.now());
    await t.runUntil(tick);
    const metrics = Object.keys(t.state.push.sent).filter((n) => n.startsWith('MEM_'));
    expect(metrics).toContain('MEM_USED');
    t.apply(
      (c) => {
        c.metrics.memory.enabled = false;
      },
      { reason: 'reload' },
    );
    await t.runUntil(tick + INTERVAL);
    expect([...erasures(t)].sort()).toEqual([...metrics].sort());
    for (const name of metrics) expect(template(t)).not.toHaveProperty(name);
    expect(template(t)).toMatchObject({ ROLE: 'db' });
  });

  it('a failing command keeps its attribute; the command removed from the configuration erases it', async () => {
    const dir = tempDir('oga-vanish-cmd-');
    const script = join(dir, 'probe');
    const answer = (body: string) => {
      writeFileSync(script, `#!/bin/sh\n${body}\n`);
      chmodSync(script, 0o755);
    };
    answer('echo QUEUE=3');
    const t = await startUnits([push], (c) => {
      c.attributes.commands = [{ command: [script], timeout: 5 }];
    });
    t.apply();
    const tick = firstTick(t.clock.now());
    await t.runUntil(tick);
    expect(template(t)).toMatchObject({ QUEUE: '3' });
    answer('echo broken >&2; exit 1');
    await t.runUntil(tick + INTERVAL);
    answer('exec /nonexistent/program');
    await t.runUntil(tick + 2 * INTERVAL);
    expect(erasures(t)).toEqual([]);
    expect(template(t)).toMatchObject({ QUEUE: '3' });
    expect(t.state.push.owners).toMatchObject({ QUEUE: `command:${script}` });
    t.apply(
      (c) => {
        c.attributes.commands = [];
      },
      { reason: 'reload' },
    );
    await t.runUntil(tick + 3 * INTERVAL);
    expect(erasures(t)).toEqual(['QUEUE']);
  });

  it('an unreadable attributes directory keeps every attribute of its files', async () => {
    const attrs = join(tempDir('oga-vanish-dir-'), 'attrs.d');
    mkdirSync(attrs);
    writeFileSync(join(attrs, 'app.attrs'), 'APP_VERSION=1.2\n');
    const { t, tick } = await pushedFrom(attrs);
    chmodSync(attrs, 0o777); // writable by everyone: ignored, as unreadable (root reads any mode)
    await t.runUntil(tick + INTERVAL);
    expect(erasures(t)).toEqual([]);
    expect(template(t)).toMatchObject({ APP_VERSION: '1.2' });
  });

  it('an erasure that fails stays pending and is sent after the backoff', async () => {
    const attrs = tempDir('oga-vanish-');
    writeFileSync(join(attrs, 'app.attrs'), 'APP_VERSION=1.2\n');
    const { t, tick } = await pushedFrom(attrs);
    rmSync(join(attrs, 'app.attrs'));
    t.sim.setFault({ route: '/vm', method: 'PUT', kind: 'status', status: 503, times: 1 });
    await t.runUntil(tick + INTERVAL);
    expect(t.state.push.erasing).toEqual(['APP_VERSION']);
    expect(template(t)).toMatchObject({ APP_VERSION: '1.2' });
    await t.runUntil(t.state.push.retryAt as number);
    expect(t.state.push.erasing).toEqual([]);
    expect(template(t)).not.toHaveProperty('APP_VERSION');
  });
});
