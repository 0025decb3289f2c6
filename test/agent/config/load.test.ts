import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../../agent/config/load';
import { defaultConfig } from '../../../agent/config/schema';
import { collectors } from '../../../agent/metrics';
import { tempDir } from '../../support/temp-dir';

function problem(text: string): string {
  try {
    parseConfig(text, 'agent.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('CONFIG_INVALID');
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('fills defaults for an empty file', () => {
    expect(parseConfig('', 'agent.yaml')).toEqual(defaultConfig());
    expect(parseConfig('# only comments\n', 'agent.yaml').interval).toBe(60);
  });

  it('keeps given values and defaults the rest of a section', () => {
    const c = parseConfig('interval: 15\npush:\n  prefix: GUEST_\n', 'agent.yaml');
    expect(c.interval).toBe(15);
    expect(c.push.prefix).toBe('GUEST_');
    expect(c.push.decimals).toBe(2);
    expect(c.pull.service).toBe('auto');
  });

  it('names file, line, key and expectation for a wrong type', () => {
    const text = 'interval: 30\npush:\n  prefix: X_\n  decimals: nine\n';
    expect(problem(text)).toBe('agent.yaml:4: push.decimals: expected an integer from 0 to 6, got "nine"');
  });

  it('reports an out-of-range value and an unknown key, one line each', () => {
    const text = 'interval: 0\npull:\n  enabled: true\n  servce: auto\n';
    expect(problem(text).split('\n')).toEqual([
      'agent.yaml:1: interval: expected an integer from 1 to 86400, got 0',
      'agent.yaml:4: pull.servce: expected one of the keys enabled, interval, max_interval, service, service_extended, vrouter, vnets, vnet_extended, ignore_attributes, got an unknown key',
    ]);
  });

  it('locates keys inside list items', () => {
    const text = 'attributes:\n  commands:\n    - command: [/bin/a]\n    - command: [/bin/b]\n      timeout: -1\n';
    expect(problem(text)).toBe('agent.yaml:5: attributes.commands[1].timeout: expected an integer from 1 to 3600, got -1');
  });

  it('rejects values of a fixed list', () => {
    expect(problem('log_level: loud\n')).toBe('agent.yaml:1: log_level: expected one of error, warn, info, debug, got "loud"');
  });

  it('reads collector options and checks them', () => {
    const c = parseConfig('metrics:\n  filesystem:\n    mounts: [/, /data]\n', 'agent.yaml');
    expect(c.metrics.filesystem).toEqual({ enabled: true, mounts: ['/', '/data'], fs_types: [], exclude_mounts: [], timeout: 2 });
    expect(problem('metrics:\n  gpu:\n    enabled: true\n')).toMatch(
      /^agent\.yaml:2: metrics\.gpu: expected one of the keys cpu, filesystem, /,
    );
    expect(problem('metrics:\n  cpu:\n    enabled: maybe\n')).toBe(
      'agent.yaml:3: metrics.cpu.enabled: expected true or false, got "maybe"',
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problem('interval: 5\npush:\n  prefix: [unclosed\n')).toMatch(/^agent\.yaml:\d+: invalid YAML: /);
  });

  it('requires a top-level mapping', () => {
    expect(problem('- a\n- b\n')).toBe('agent.yaml:1: (top level): expected a mapping of keys, got ["a","b"]');
  });
});

describe('loadConfig', () => {
  const dir = tempDir('oga-config-');

  it('reads a file', () => {
    const file = join(dir, 'a.yaml');
    writeFileSync(file, 'interval: 7\n');
    expect(loadConfig(file)).toEqual({ config: { ...defaultConfig(), interval: 7 }, file });
  });

  it('fails on an explicit file that is missing', () => {
    expect(() => loadConfig(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml: configuration file not found/);
  });
});

describe('schema and the collector registry', () => {
  it("has one metrics section per collector, enabled by the collector's default", () => {
    const metrics = defaultConfig().metrics as Record<string, { enabled: boolean }>;
    expect(Object.keys(metrics).sort()).toEqual(collectors.map((c) => c.name).sort());
    for (const c of collectors) expect(metrics[c.name].enabled).toBe(c.defaultEnabled);
  });

  it('accepts only hook event names and "auto" or numeric vnets', () => {
    expect(problem('hooks:\n  commands:\n    scale: [/bin/x]\n')).toMatch(
      /^agent\.yaml:3: hooks\.commands\.scale: expected one of the names vm, user_template, /,
    );
    expect(problem('pull:\n  vnets: [auto, net0]\n')).toBe(
      'agent.yaml:2: pull.vnets: expected a list of "auto" or numeric network IDs, got ["auto","net0"]',
    );
  });
});
