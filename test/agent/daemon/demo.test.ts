// Smoke test of `npm start` (scripts/demo.mjs): bounded run, READY and pushes shown, clean exit.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('scripts/demo.mjs', () => {
  it('shows READY, pushed metrics and the pulled service, then stops cleanly', async () => {
    const root = join(__dirname, '../../..');
    const child = spawn(process.execPath, ['scripts/demo.mjs', '--duration', '14'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/READY=YES \| pushed: .*DEMO=yes/);
    expect(out).toMatch(/MEM_USED=\d+\.\d\d/);
    expect(out).toMatch(/service 7 as pulled by the agent .*: web: 42, 43; db: 44/);
    expect(out).toContain('[agent] stopped');
    const tmp = /contexts in (\S+)\/ctx/.exec(out)?.[1];
    expect(tmp && existsSync(tmp)).toBe(false);
  }, 60_000);
});
