// The standalone simulator: starts, logs one line per request, stops cleanly on SIGTERM/SIGINT.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MAIN = join(__dirname, 'main.ts');
const TSX = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

function start(args: string[]): { child: ChildProcessWithoutNullStreams; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(TSX, [MAIN, ...args], { stdio: 'pipe' });
  let err = '';
  child.stderr.on('data', (c: Buffer) => {
    err += c.toString();
  });
  return { child, stderr: () => err, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm run simulator', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves, logs each request and exits 0 on %s',
    async (signal) => {
      const p = start(['--listen', '127.0.0.1:0', '--control', '127.0.0.1:0']);
      await until(() => /OneGate on (http:\S+), control on/.test(p.stderr()));
      const url = /OneGate on (http:\S+?),/.exec(p.stderr())![1];
      const r = await fetch(`${url}/vm`, { headers: { 'X-ONEGATE-VMID': '42', 'X-ONEGATE-TOKEN': '5QpnDSbE0Cx9QZ9VuIfpOQ==' } });
      expect(r.status).toBe(200);
      await until(() => /"GET \/vm" 200 vmid=42/.test(p.stderr()));
      expect(p.stderr()).not.toContain('5QpnDSbE0Cx9QZ9VuIfpOQ==');
      p.child.kill(signal);
      expect(await p.exit).toBe(0);
      expect(p.stderr()).toContain(`${signal}, stopping`);
    },
    30_000,
  );

  it('exits 2 with a one-line error on bad options or a bad config', async () => {
    const bad = start(['--listen', 'nowhere']);
    expect(await bad.exit).toBe(2);
    expect(bad.stderr().trim()).toBe('simulator: --listen: "nowhere" is not HOST:PORT');
    const missing = start(['--config', '/nonexistent.conf']);
    expect(await missing.exit).toBe(2);
    expect(missing.stderr()).toMatch(/^simulator: ENOENT.*\/nonexistent\.conf/);
  }, 30_000);
});
