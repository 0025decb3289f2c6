// The daemon's pull and hooks wiring: a service scale reaches a configured service_role hook.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { startHarness, waitFor } from './harness';

describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  const h = perTest(() => startHarness(version));

  describe('pull and hooks', () => {
    it('writes the service document and runs the service_role hook when the role scales', async () => {
      const log = join(h.dir, 'hook.log');
      const hook = join(h.dir, 'on-role.sh');
      writeFileSync(hook, `#!/bin/sh\necho "$1 $ONEGATE_ROLE first=\${ONEGATE_FIRST:-NO} added=$ONEGATE_ROLE_ADDED" >> ${log}\n`, {
        mode: 0o755,
      });
      const config = h.config({ hooks: { directory: '', commands: { service_role: [hook] } } });
      h.run(['--config', config, '--context-dir', h.context({})]);
      const read = () => {
        try {
          return readFileSync(log, 'utf8');
        } catch {
          return '';
        }
      };
      await waitFor(() => read().includes('service_role web first=YES'), 8000, 'the first service_role hook');
      const service = JSON.parse(readFileSync(join(h.dir, 'run/service.json'), 'utf8'));
      expect(service.SERVICE.id ?? service.SERVICE.ID).toBeDefined();
      h.sim.scaleRole(7, 'web', 3);
      const line = await waitFor(
        () =>
          read()
            .split('\n')
            .find((l) => l.startsWith('service_role web first=NO')),
        8000,
        'the hook after the scale',
      );
      expect(line).toMatch(/^service_role web first=NO added=\d+$/);
    });

    it('does not run the hooks again when only the token changes', async () => {
      const log = join(h.dir, 'hook.log');
      const hook = join(h.dir, 'on-service.sh');
      writeFileSync(hook, `#!/bin/sh\necho "$1 first=\${ONEGATE_FIRST:-NO}" >> ${log}\n`, { mode: 0o755 });
      const config = h.config({ hooks: { directory: '', commands: { service: [hook] } } });
      const agent = h.run(['--config', config, '--context-dir', join(h.dir, 'ctx/42')]);
      const read = () => {
        try {
          return readFileSync(log, 'utf8');
        } catch {
          return '';
        }
      };
      await waitFor(() => read().includes('service first=YES'), 8000, 'the first service hook');
      await h.sim.setTokenPassword('alice', 'd'.repeat(64));
      await waitFor(() => agent.lines.some((l) => l.includes('context: changed')), 5000, 'the context change');
      await new Promise((r) => setTimeout(r, 2000));
      expect(read()).toBe('service first=YES\n');
    });
  });
});
