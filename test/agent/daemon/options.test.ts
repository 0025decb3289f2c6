import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../agent/config/load';
import { defaultConfig } from '../../../agent/config/schema';
import {
  attributesOptionsOf,
  clientOptionsOf,
  discoverOptionsOf,
  formatOptionsOf,
  hooksOptionsOf,
  logEveryMsOf,
  metricsOptionsOf,
  pullerOptionsOf,
  pullIntervalOf,
  pushOptionsOf,
  readyOptionsOf,
} from '../../../agent/daemon/options';

describe('config -> unit options', () => {
  const c = defaultConfig();

  it('converts seconds to ms and applies the backoff to push and ready', () => {
    expect(pushOptionsOf(c)).toEqual({
      heartbeatCycles: 10,
      threshold: 0,
      backoff: { baseMs: 1000, factor: 2, maxMs: 300_000 },
      logEveryMs: 60_000,
      maxPending: 1000,
    });
    expect(readyOptionsOf(c)).toEqual({
      enabled: true,
      scriptTimeoutMs: 300_000,
      backoff: { baseMs: 1000, factor: 2, maxMs: 300_000 },
      logEveryMs: 60_000,
    });
    expect(logEveryMsOf({ ...c, interval: 600 })).toBe(600_000);
    expect(clientOptionsOf(c)).toEqual({ timeoutMs: 30_000, connectTimeoutMs: 5000, insecure: false, maxResponseBytes: 1024 * 1024 });
    expect(clientOptionsOf(parseConfig('onegate:\n  max_response_size: 32\n', 'a.yaml')).maxResponseBytes).toBe(32 * 1024 * 1024);
  });

  it('prefixes metrics only', () => {
    const p = parseConfig('push:\n  prefix: G_\n  decimals: 1\n', 'a.yaml');
    expect(formatOptionsOf(p)).toEqual({ metrics: { prefix: 'G_', decimals: 1 }, attributes: { prefix: '', decimals: 1 } });
  });

  it('maps collector options, leaving empty lists to the collector defaults', () => {
    const m = metricsOptionsOf(parseConfig('metrics:\n  filesystem:\n    mounts: [/data]\n  uptime:\n    enabled: true\n', 'a.yaml'));
    expect(m.filesystem).toEqual({ enabled: true, timeoutMs: 2000, mounts: ['/data'] });
    expect(m.uptime).toEqual({ enabled: true });
    expect(metricsOptionsOf(c).filesystem).toEqual({ enabled: true, timeoutMs: 2000 });
  });

  it('maps attributes, pull, hooks and discovery', () => {
    const p = parseConfig(
      [
        'attributes:',
        '  commands:',
        '    - command: [/bin/q]',
        '      timeout: 3',
        'pull:',
        '  interval: 0',
        '  vnets: ["0", "5"]',
        '  service: never',
        'hooks:',
        '  commands:',
        '    vm: [/bin/h]',
        'context:',
        '  dir: /ctx',
        'onegate:',
        '  endpoint: http://10.0.0.1:5030',
      ].join('\n'),
      'a.yaml',
    );
    expect(attributesOptionsOf(p).commands).toEqual([{ command: ['/bin/q'], timeoutMs: 3000 }]);
    expect(pullerOptionsOf(p)).toMatchObject({ service: 'never', vrouter: 'auto', vnets: [0, 5] });
    expect(pullerOptionsOf(c).vnets).toEqual(['auto']);
    expect(pullIntervalOf(p)).toBe(60);
    expect(hooksOptionsOf(p)).toEqual({
      commands: { vm: ['/bin/h'] },
      directory: '/etc/onegate-agent/hooks.d',
      timeoutMs: 30_000,
      maxOutputBytes: 4096,
    });
    expect(discoverOptionsOf(p)).toEqual({ contextDir: '/ctx', endpoint: 'http://10.0.0.1:5030' });
    expect(discoverOptionsOf(p, { contextFile: '/x/context.sh' })).toEqual({
      contextFile: '/x/context.sh',
      endpoint: 'http://10.0.0.1:5030',
    });
  });
});
