// The lifecycle keys (health, lb, stop): defaults, and the rules across keys, each problem on its line.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../agent/config/load';
import { parseHostPort } from '../../../agent/health/target';

function problem(text: string): string {
  try {
    parseConfig(text, 'agent.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
}

const HEALTH = `health:
  checks:
    - name: web
      http: http://127.0.0.1:8080/healthz
    - name: db
      tcp: 127.0.0.1:5432
      interval: 5
`;

describe('health, lb and stop keys', () => {
  it('default to nothing checked, nothing registered and a 30 s drain', () => {
    const c = parseConfig('', 'agent.yaml');
    expect(c.health).toEqual({ gate_ready: true, checks: [] });
    expect(c.lb).toEqual([]);
    expect(c.stop).toEqual({ drain_timeout: 30 });
  });

  it('fill each check and registration with defaults', () => {
    const c = parseConfig(`${HEALTH}lb:\n  - ip: 10.0.0.100\n    port: 80\n`, 'agent.yaml');
    expect(c.health.checks[1]).toEqual({
      name: 'db',
      http: '',
      tcp: '127.0.0.1:5432',
      command: [],
      interval: 5,
      timeout: 3,
      failures: 3,
      successes: 1,
    });
    expect(c.lb[0]).toEqual({
      family: 'haproxy',
      index: 0,
      ip: '10.0.0.100',
      port: 80,
      server_host: '',
      server_port: 0,
      weight: 1,
      id: '',
      when: 'auto',
    });
  });

  it.each([
    [
      'no probe',
      'health:\n  checks:\n    - name: web\n',
      'agent.yaml:3: health.checks[0]: expected exactly one of http, tcp or command, got none',
    ],
    [
      'two probes',
      'health:\n  checks:\n    - name: web\n      tcp: a:1\n      command: [/bin/true]\n',
      'agent.yaml:3: health.checks[0]: expected exactly one of http, tcp or command, got 2 of them',
    ],
    [
      'no name',
      'health:\n  checks:\n    - tcp: a:1\n',
      'agent.yaml:3: health.checks[0].name: expected a name of letters, digits, ".", "-" and "_", got ""',
    ],
    [
      'a bad URL',
      'health:\n  checks:\n    - name: web\n      http: ftp://x/\n',
      'agent.yaml:4: health.checks[0].http: expected an http:// or https:// URL, got "ftp://x/"',
    ],
    [
      'a bad tcp target',
      'health:\n  checks:\n    - name: db\n      tcp: 127.0.0.1\n',
      'agent.yaml:4: health.checks[0].tcp: expected host:port (or [IPv6]:port), got "127.0.0.1"',
    ],
    [
      'a timeout longer than the interval',
      'health:\n  checks:\n    - name: db\n      tcp: a:1\n      interval: 2\n      timeout: 5\n',
      'agent.yaml:6: health.checks[0].timeout: expected at most the interval (2), got 5',
    ],
    [
      'two checks of one name',
      'health:\n  checks:\n    - name: db\n      tcp: a:1\n    - name: db\n      tcp: b:1\n',
      'agent.yaml:5: health.checks[1].name: expected a name no other check has, got "db"',
    ],
    [
      'a registration without ip',
      'lb:\n  - port: 80\n    when: always\n',
      "agent.yaml:2: lb[0].ip: expected the load balancer's address as the VRouter has it, got nothing",
    ],
    ['a bad family', 'lb:\n  - family: nginx\n', 'agent.yaml:2: lb[0].family: expected one of haproxy, lvs, got "nginx"'],
    [
      'when: healthy without checks',
      'lb:\n  - ip: 10.0.0.1\n    port: 80\n    when: healthy\n',
      'agent.yaml:4: lb[0].when: expected health.checks to judge "healthy" by (or when: always), got healthy',
    ],
    [
      'two registrations of one family and index',
      'lb:\n  - ip: 10.0.0.1\n    port: 80\n  - ip: 10.0.0.1\n    port: 443\n',
      'agent.yaml:4: lb[1].index: expected an index no other haproxy registration has, got 0',
    ],
    ['a negative drain', 'stop:\n  drain_timeout: -1\n', 'agent.yaml:2: stop.drain_timeout: expected a number from 0 to 3600, got -1'],
  ])('refuse %s', (_name, text, message) => {
    expect(problem(text)).toBe(message);
  });

  it('accept the same index in the two families', () => {
    expect(parseConfig('lb:\n  - { ip: a, port: 80 }\n  - { family: lvs, ip: a, port: 80 }\n', 'agent.yaml').lb).toHaveLength(2);
  });
});

describe('parseHostPort', () => {
  it.each([
    ['127.0.0.1:5432', { host: '127.0.0.1', port: 5432 }],
    ['db.local:80', { host: 'db.local', port: 80 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
    ['::1:8080', undefined],
    ['host:0', undefined],
    ['host:65536', undefined],
    ['host', undefined],
  ])('%s', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected);
  });
});
