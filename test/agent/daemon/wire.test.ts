// The wiring: which units run for a configuration, when the client is rebuilt, the failure helper.
import { describe, expect, it } from 'vitest';
import type { RefreshReason, Unit, UnitContext } from '../../../agent/daemon/unit';
import { wire } from '../../../agent/daemon/wire';
import type { Logger } from '../../../agent/log';
import { putsOf, startUnits } from './units/setup';

// A unit enabled while pull is, recording its life and the generation it saw.
function probe(events: string[]): Unit {
  return {
    name: 'probe',
    enabled: (c) => c.pull.enabled,
    start(ctx: UnitContext) {
      events.push(`start ${ctx.generation} ${ctx.api ? 'api' : 'no api'}`);
      return {
        refresh: (reason: RefreshReason) => void events.push(`refresh ${reason} ${ctx.generation} ${ctx.api ? 'api' : 'no api'}`),
        stop: () => void events.push('stop'),
      };
    },
  };
}

describe('wire', () => {
  it('starts the units the configuration wants, refreshes them, stops the ones it no longer wants', async () => {
    const events: string[] = [];
    const t = await startUnits([probe(events)]);
    t.apply(undefined, { credentials: false });
    t.apply(); // credentials: a client
    t.apply(undefined, { reason: 'reload' }); // same configuration: the same client
    t.apply((c) => {
      c.push.prefix = 'G_';
    }); // another configuration: a new client
    t.apply((c) => {
      c.pull.enabled = false;
    });
    t.apply((c) => {
      c.pull.enabled = true;
    });
    expect(events).toEqual([
      'start 0 no api',
      'refresh context 1 api',
      'refresh reload 1 api',
      'refresh context 2 api',
      'stop',
      'start 4 api',
    ]);
  });

  it('gathers the attributes of the configuration and sends them through the api', async () => {
    const t = await startUnits([]);
    t.apply((c) => {
      c.attributes.static = { ROLE: 'web', TIER: 'gold' };
    });
    const gathered = await t.wiring.gather();
    expect(gathered).toEqual({
      attributes: { ROLE: 'web', TIER: 'gold' },
      problems: [],
      restricted: [],
      sources: { current: { ROLE: 'static', TIER: 'static' }, unsure: [] },
      warnings: {},
    });
    await t.wiring.api?.updateVm(gathered.attributes);
    expect(putsOf(t.sim)).toEqual([{ ROLE: 'web', TIER: 'gold' }]);
    t.apply(undefined, { credentials: false });
    expect(t.wiring.api).toBeUndefined();
  });

  it('records failures and logs an identical one once per max(interval, 60 s)', () => {
    const lines: string[] = [];
    const log: Logger = { error: (m) => void lines.push(m), warn() {}, info() {}, debug() {} };
    let now = 0;
    const w = wire({ units: [], log, clock: { now: () => now, setTimeout: () => 0, clearTimeout() {} } });
    const feature = {};
    const failure = { code: 'ONEGATE_TIMEOUT', message: 'timed out' };
    w.failed(feature, 'pull', failure);
    now = 59_999;
    w.failed(feature, 'pull', failure, '; again');
    now = 60_000;
    w.failed(feature, 'pull', new Error('timed out'), '; retrying');
    expect(lines).toEqual(['pull: timed out', 'pull: timed out; retrying']);
    expect(feature).toMatchObject({ lastError: { code: 'INTERNAL_ERROR', count: 1 } });
  });
});
