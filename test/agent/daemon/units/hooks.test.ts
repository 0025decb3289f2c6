// The hooks unit: on when hooks are configured, and a document change shown to it runs the event's hooks.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../agent/config/schema';
import type { Unit } from '../../../../agent/daemon/unit';
import { hooks } from '../../../../agent/daemon/units/hooks';
import { SERVER_VERSIONS } from '../../../support/server-versions';
import { tempDir } from '../../../support/temp-dir';
import { unitsOn } from './setup';

describe.each(SERVER_VERSIONS)('hooks unit (OneGate %s)', (version) => {
  const startUnits = unitsOn(version);
  it('is on when hooks.commands or hooks.directory names hooks', () => {
    const c = defaultConfig();
    expect(hooks.enabled(c)).toBe(true); // the default hooks.d
    c.hooks.directory = '';
    expect(hooks.enabled(c)).toBe(false);
    c.hooks.commands = { vm: ['/bin/true'] };
    expect(hooks.enabled(c)).toBe(true);
  });

  it('runs the hooks of the event it is shown, with the change in the environment', async () => {
    const dir = tempDir('oga-hooks-');
    const out = join(dir, 'out');
    const hook = join(dir, 'hook.sh');
    writeFileSync(hook, `#!/bin/sh\necho "$1 $ONEGATE_ROLE" > ${out}\n`, { mode: 0o755 });
    // A second unit that shows a change the way the pull unit does.
    let show: ((event: 'service_role') => Promise<void>) | undefined;
    const source: Unit = {
      name: 'source',
      enabled: () => true,
      start(ctx) {
        show = (event) => ctx.documentChanged({ event, oldPath: '/dev/null', newPath: '/dev/null', env: { ONEGATE_ROLE: 'web' } });
        return { stop() {} };
      },
    };
    const t = await startUnits([hooks, source], (c) => {
      c.hooks.commands = { service_role: [hook] };
    });
    t.apply();
    await show?.('service_role');
    expect(readFileSync(out, 'utf8')).toBe('service_role web\n');
  });
});
