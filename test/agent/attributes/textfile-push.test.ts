// attributes.textfile_directory end to end: `onegate-agent once` pushes the gauges of *.prom files to the simulator,
// on every server version (the push goes through PUT /vm, whose form handling differs between them).
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { runAgentCli, startHarness } from '../daemon/harness';

describe.each(SERVER_VERSIONS)('attributes.textfile_directory (OneGate %s)', (version) => {
  const h = perTest(() => startHarness(version));

  it('pushes gauges with push.decimals and names the skipped counter, histogram and summary', async () => {
    const config = h.config({
      attributes: { directory: '', textfile_directory: resolve('test/fixtures/textfile/node-exporter') },
      push: { decimals: 1 },
    });
    const r = await runAgentCli(['once', '--config', config, '--context-dir', h.context({})]);
    expect(r.code).toBe(0);
    expect(h.puts()).toEqual([
      {
        APP_QUEUE_DEPTH_MAIL: '42.0',
        APP_QUEUE_DEPTH_SMS: '0.0',
        APP_LAST_BACKUP_TIMESTAMP_SECONDS: '1764500000.0',
        APT_UPGRADES_PENDING_AMD64_DEBIAN_BOOKWORM_SECURITY_STABLE_SECURITY: '3.0',
        APT_UPGRADES_PENDING_AMD64_DEBIAN_BOOKWORM_STABLE: '12.0',
        NODE_REBOOT_REQUIRED: '1.0',
      },
    ]);
    expect(r.stderr).toContain('app_jobs_processed_total is a counter; skipped');
  });

  it('is refused in the configuration unless absolute', async () => {
    const config = h.config({ attributes: { textfile_directory: 'relative/dir' } });
    const r = await runAgentCli(['once', '--dry-run', '--config', config, '--context-dir', h.context({})]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/attributes\.textfile_directory: expected an absolute path or empty, got "relative\/dir"/);
  });
});
