// `onegate-agent doctor` as users run it: the built program (dist/onegate-agent.cjs), against the simulator.
import { describe, expect, it } from 'vitest';
import { runAgentCli } from '../../../agent/daemon/harness';
import { startOneGate } from '../../../simulator/index';
import { perSuite } from '../../../support/per-test';
import { configFile, contextDir, FAKE_TOKEN } from './support';

const sim = perSuite(() => startOneGate());

describe('onegate-agent doctor (the built program)', () => {
  it('--help lists the checks in order and the exit status', async () => {
    const r = await runAgentCli(['doctor', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: onegate-agent doctor \[--json\] \[--config FILE\] \[--context-dir DIR \| --context-file FILE\]\n/);
    expect(r.stdout).toMatch(/Checks, in order:\n {2}config {4}configuration loads\n {2}context {3}context source found\n/);
    expect(r.stdout).toContain('Exit status: 0 all ok, 1 warnings, 2 a failure (or bad arguments).\n');
    expect((await runAgentCli(['--help'])).stdout).toMatch(/\n {2}doctor {3}check the path from the context to OneGate/);
  });

  it('refuses a bad argument with one line and the usage (exit 2), never echoing a token', async () => {
    const r = await runAgentCli(['doctor', `ONEGATE_TOKEN=${FAKE_TOKEN}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^onegate-agent doctor: Unexpected argument "ONEGATE_TOKEN=<redacted>"/);
    expect(r.stdout + r.stderr).not.toContain(FAKE_TOKEN);
    const both = await runAgentCli(['doctor', '--context-dir', '/a', '--context-file', '/b']);
    expect(both.stderr).toMatch(/^onegate-agent doctor: use either --context-dir or --context-file, not both\n/);
    expect(both.code).toBe(2);
  });

  it('passes against the simulator (exit 0, text and JSON), and exits 2 naming a wrong token', async () => {
    const { file } = configFile();
    const good = contextDir({ ONEGATE_ENDPOINT: sim.url, VMID: '42', TOKEN: 'YES' }, sim.tokenFor(42));
    const text = await runAgentCli(['doctor', '--config', file, '--context-dir', good]);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^ok {4}config {4}.*agent\.yaml loaded\n/);
    expect(text.stdout).toMatch(/\nok {4}vm {8}GET \/vm: 200, VM 42 /);
    expect(text.stdout).toMatch(/\n\nOK: 11 ok, 0 warnings, 0 failed, 1 skipped\n$/);
    const json = JSON.parse((await runAgentCli(['doctor', '--json', '--config', file, '--context-dir', good])).stdout);
    expect(json).toMatchObject({ result: 'ok', exitCode: 0, firstFailure: null });
    expect(json.checks).toHaveLength(12);
    const bad = await runAgentCli([
      'doctor',
      '--config',
      file,
      '--context-dir',
      contextDir({ ONEGATE_ENDPOINT: sim.url, VMID: '42' }, FAKE_TOKEN),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/\nFAIL {2}vm {8}GET \/vm: 401 /);
    expect(bad.stdout).toMatch(/\nFAIL: first broken link: vm \(GET \/vm with the token\); /);
    for (const r of [text, bad])
      expect(r.stdout + r.stderr).not.toMatch(new RegExp(`${FAKE_TOKEN}|${sim.tokenFor(42).replace(/[+/=]/g, '\\$&')}`));
  });
});
