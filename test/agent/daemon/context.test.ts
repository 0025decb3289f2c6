// Context handling of the spawned daemon: missing credentials, overrides from context variables.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { startHarness, waitFor } from './harness';

describe.each(SERVER_VERSIONS)('context (OneGate %s)', (version) => {
  const h = perTest(() => startHarness(version));

  it('waits without crashing while the token is missing, and starts once it appears', async () => {
    const ctx = h.context({});
    rmSync(join(ctx, 'token.txt'));
    const agent = h.run(['--config', h.config({ attributes: { directory: '', static: { ROLE: 'db' } } }), '--context-dir', ctx]);
    await waitFor(() => h.status().context?.lastError, 8000, 'the context error');
    expect(h.status().context.lastError).toMatchObject({ code: 'CONTEXT_MISSING' });
    expect(agent.lines.filter((l) => l.startsWith('<3>context: no OneGate token'))).toHaveLength(1);
    writeFileSync(join(ctx, 'token.txt'), `${h.sim.tokenFor(42)}\n`);
    await waitFor(() => h.puts().length === 1, 8000, 'a push once the token is there');
    expect(h.puts()[0]).toEqual({ ROLE: 'db' });
    await waitFor(() => !h.status().context.lastError, 3000, 'the context error cleared');
    expect(agent.child.exitCode).toBeNull();
  });
});

// Context variables over the file are read by the agent alone; the server only receives pushes, as above: once.
describe('context variables', () => {
  const h = perTest(() => startHarness());

  it('applies ONEGATE_AGENT_* context variables over the file, and follows their changes', async () => {
    const ctx = h.context({ ONEGATE_AGENT_INTERVAL: '30', ONEGATE_AGENT_PREFIX: 'G_' });
    const agent = h.run(['--config', h.config(), '--context-dir', ctx]);
    await waitFor(() => h.status().interval === 30, 8000, 'the overridden interval');
    expect(h.status().overrides).toEqual(['interval=30 (ONEGATE_AGENT_INTERVAL)', 'push.prefix="G_" (ONEGATE_AGENT_PREFIX)']);
    h.context({ ONEGATE_AGENT_INTERVAL: 'often' });
    await waitFor(() => h.status().interval === 1, 8000, 'the file interval back');
    expect(agent.lines).toContain('<4>context variable ONEGATE_AGENT_INTERVAL="often" ignored: expected an integer from 1 to 86400');
    expect(h.status().overrides).toEqual([]);
  });
});
