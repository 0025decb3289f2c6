// The READY unit through the real wiring, over real HTTP.
import { describe, expect, it } from 'vitest';
import { ready } from '../../../../agent/daemon/units/ready';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { putsOf, unitsOn } from './setup';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe.each(SERVER_VERSIONS)('ready unit (OneGate %s)', (version) => {
  const startUnits = unitsOn(version);
  it('reports READY=YES once the context asks for it and has credentials', async () => {
    const t = await startUnits([ready]);
    t.context.vars.REPORT_READY = 'YES';
    t.apply(undefined, { credentials: false });
    expect(t.state.ready.status).toBe('pending');
    t.apply();
    await until(() => t.state.ready.status === 'reported');
    expect(t.state.ready).toMatchObject({ status: 'reported', attempts: 0 });
    expect(putsOf(t.sim)).toEqual([{ READY: 'YES' }]);
  });

  it('records "off" when the context does not ask for READY', async () => {
    const t = await startUnits([ready]);
    t.apply();
    expect(t.state.ready.status).toBe('off');
    expect(t.sim.requests).toEqual([]);
  });
});
