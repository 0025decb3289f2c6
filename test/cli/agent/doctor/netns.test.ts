// A missing route, for real: the built program in a network namespace of its own (root and `ip netns`
// needed, else skipped with the reason), where OneGate's link-local 169.254.16.9 has no route until one is added.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AGENT } from '../../../agent/daemon/harness';
import { configFile, contextDir, FAKE_TOKEN } from './support';

const NS = `oga-doctor-${process.pid}`;

function ip(...args: string[]): { ok: boolean; out: string } {
  const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error?.message ?? ''}` };
}

// Probe once: root, an `ip` that can make a namespace (and delete it again).
const why = ((): string | undefined => {
  if (process.getuid?.() !== 0) return 'not root';
  const made = ip('netns', 'add', `${NS}-probe`);
  if (!made.ok) return `ip netns add failed: ${made.out.trim()}`;
  ip('netns', 'del', `${NS}-probe`);
  return undefined;
})();
if (why) console.warn(`skipped: network namespace test: ${why}`);

function doctorInNs(args: string[]): {
  code: number | null;
  json: { checks: { name: string; verdict: string; evidence: string; advice: string }[] };
  raw: string;
} {
  const r = spawnSync('ip', ['netns', 'exec', NS, process.execPath, AGENT, 'doctor', '--json', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, json: JSON.parse(r.stdout), raw: r.stdout + r.stderr };
}

describe.skipIf(why !== undefined)(`onegate-agent doctor in a network namespace${why ? ` (skipped: ${why})` : ''}`, () => {
  it('fails the route check for 169.254.16.9 without a route, and passes it once a host route exists', () => {
    expect(ip('netns', 'add', NS).ok).toBe(true);
    try {
      ip('netns', 'exec', NS, 'ip', 'link', 'set', 'lo', 'up');
      const args = [
        '--config',
        configFile().file,
        '--context-dir',
        contextDir({ ONEGATE_ENDPOINT: 'http://169.254.16.9:5030', VMID: '42', TOKEN: 'YES' }, FAKE_TOKEN),
      ];
      const before = doctorInNs(args);
      const route = before.json.checks.find((c) => c.name === 'route')!;
      expect(route, before.raw).toMatchObject({ verdict: 'fail', evidence: 'no route to 169.254.16.9 in /proc/net/route' });
      expect(route.advice).toMatch(/ip route replace 169\.254\.16\.9\/32 dev <NIC>/);
      expect(before.json.checks.find((c) => c.name === 'connect')).toMatchObject({
        verdict: 'skip',
        evidence: 'not checked: route failed',
      });
      expect(before.code).toBe(2);
      expect(ip('netns', 'exec', NS, 'ip', 'route', 'add', '169.254.16.9/32', 'dev', 'lo').ok).toBe(true);
      const after = doctorInNs(args);
      expect(
        after.json.checks.find((c) => c.name === 'route'),
        after.raw,
      ).toMatchObject({ verdict: 'ok', evidence: '169.254.16.9 via lo (169.254.16.9/32, on-link)' });
      expect(after.json.checks.find((c) => c.name === 'connect')!.verdict).toBe('fail'); // nothing answers there
      for (const r of [before, after]) expect(r.raw).not.toContain(FAKE_TOKEN);
    } finally {
      ip('netns', 'del', NS);
    }
  });
});
