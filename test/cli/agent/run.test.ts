// `onegate-agent run` argument handling (the daemon itself: test/agent/daemon/).
import { describe, expect, it } from 'vitest';
import { runAgentCli } from '../../agent/daemon/harness';

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
    [['extra'], "onegate-agent run: Unexpected argument 'extra'. This command does not take positional arguments"],
    [['--config', '/nonexistent/agent.yaml'], 'onegate-agent run: /nonexistent/agent.yaml: configuration file not found'],
  ])('exits 1 with one line for %j', async (args, line) => {
    const r = await runAgentCli(['run', ...args]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(line);
  });
});
