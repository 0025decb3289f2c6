import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

const UNIT = 'packaging/install-tree/usr/lib/systemd/system/onegate-agent.service';
const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;

// systemd-analyze exits 0 on unknown keys and bad values, printing them to stderr only, so the
// assertion is on the output. ExecStart must name an existing executable: a stand-in takes its place.
describe.skipIf(!analyze)('onegate-agent.service (skipped without systemd-analyze, Debian package systemd)', () => {
  const dir = tempDir('unit-');
  const exe = join(dir, 'onegate-agent');
  writeFileSync(exe, '#!/bin/sh\n');
  chmodSync(exe, 0o755);
  const unit = join(dir, 'onegate-agent.service');
  writeFileSync(unit, readFileSync(UNIT, 'utf8').replaceAll('/usr/bin/onegate-agent', exe));

  it('verifies without a single message', () => {
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', unit], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('keeps the exposure of systemd-analyze security at 2.0 or below', () => {
    const r = spawnSync('systemd-analyze', ['security', '--offline=true', '--no-pager', unit], { encoding: 'utf8' });
    const m = /Overall exposure level for onegate-agent\.service: (\d+\.\d+)/.exec(r.stdout);
    expect(m, r.stdout + r.stderr).not.toBeNull();
    expect(Number(m![1])).toBeLessThanOrEqual(2.0);
  });

  it('does not use MemoryDenyWriteExecute (V8 JIT aborts under W^X)', () => {
    expect(readFileSync(UNIT, 'utf8')).not.toMatch(/^MemoryDenyWriteExecute=/m);
  });
});
