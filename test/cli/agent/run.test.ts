// `onegate-agent run` argument handling (the daemon itself: test/agent/daemon/).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgentCli } from '../../agent/daemon/harness';

const OPTIMIZATION_STATUS = ['--allow-natives-syntax', '--require', join(__dirname, '../../fixtures/agent/optimization-status.cjs')];

describe('onegate-agent run', () => {
  it('prints its usage for --help', async () => {
    const r = await runAgentCli(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: onegate-agent run \[--config FILE\]/);
    expect(r.stdout).toContain('SIGHUP reloads the configuration and context');
  });

  it.each([
    [['--log-level', 'loud'], 'onegate-agent run: --log-level: expected error, warn, info or debug, got "loud"'],
    [['--config'], "onegate-agent run: Option '--config <value>' argument missing"],
    [['extra'], 'onegate-agent run: Unexpected argument "extra". This command does not take positional arguments'],
    [
      ['ONEGATE_TOKEN=s3cret'],
      'onegate-agent run: Unexpected argument "ONEGATE_TOKEN=<redacted>". This command does not take positional arguments',
    ],
    [['\u001b[2J'], 'onegate-agent run: Unexpected argument "\\u001b[2J". This command does not take positional arguments'],
    [['--config', '/nonexistent/agent.yaml'], 'onegate-agent run: /nonexistent/agent.yaml: configuration file not found'],
  ])('exits 1 with one line for %j', async (args, line) => {
    const r = await runAgentCli(['run', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(line);
  });

  it("turns off V8's optimizing and baseline compilers for the daemon only (RSS), not for other commands", async () => {
    const run = await runAgentCli(['run', '--config', '/nonexistent/agent.yaml'], OPTIMIZATION_STATUS);
    expect(run.stderr).toContain('V8 optimizing compiler: off\nV8 baseline compiler: off\n');
    const status = await runAgentCli(['status'], OPTIMIZATION_STATUS);
    expect(status.stderr).toContain('V8 optimizing compiler: on\nV8 baseline compiler: on\n');
  });
});
