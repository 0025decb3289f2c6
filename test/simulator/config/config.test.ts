import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir';
import { BUILTIN, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the shipped 7.4 file when none is given, imitating 6.10 by default', () => {
    const c = loadConfig();
    expect([c.host, c.port, c.sslServer, c.logLevel]).toEqual(['127.0.0.1', 5030, undefined, 2]);
    expect(c.permissions.vm).toEqual({ show: true, show_by_id: true, update: true, update_by_id: true, action_by_id: true });
    expect(c.restrictedActions).toEqual(['reboot']);
    expect(c.vnetTemplateAttributes).toEqual([
      'NETWORK_ADDRESS',
      'NETWORK_MASK',
      'GATEWAY',
      'GATEWAY6',
      'DNS',
      'GUEST_MTU',
      'METRIC',
      'IP6_METRIC',
      'SEARCH_DOMAIN',
    ]);
    expect(c.sim).toMatchObject({
      version: '6.10',
      monitoringNics: true,
      errorHandler500: false,
      formBodyLost: false,
      scaleCreatesVms: true,
    });
  });

  it('reads a file in onegate-server.conf syntax; absent keys fall back like the server', () => {
    const dir = tempDir('sim-conf-');
    const file = join(dir, 'onegate-server.conf');
    writeFileSync(
      file,
      ':host: 0.0.0.0\n:port: 5031\n:ssl_server: https://gate/\n:debug_level: 3\n:restricted_actions: []\n:permissions:\n  :vm:\n    :show: yes\n    :update: no\n',
    );
    const c = loadConfig(file);
    expect([c.host, c.port, c.sslServer, c.logLevel]).toEqual(['0.0.0.0', 5031, 'https://gate/', 3]);
    expect(c.permissions).toEqual({ vm: { show: true, update: false } });
    expect(c.restrictedActions).toEqual([]);
    expect(c.restrictedAttrs).toEqual(BUILTIN.restrictedAttrs);
    expect(c.vnetTemplateAttributes).toEqual(BUILTIN.vnetTemplateAttributes);
  });

  it('prefers the 7.4 :server block and :log level', () => {
    const c = loadConfig({ ':server': { ':bind': '::1', ':port': 6000 }, ':host': '1.2.3.4', ':log': { ':level': 0 }, ':debug_level': 3 });
    expect([c.host, c.port, c.logLevel]).toEqual(['::1', 6000, 0]);
  });

  it('derives the version switches from the profile table and lets explicit keys override them', () => {
    const on = (version: string): string[] =>
      Object.entries(loadConfig({ ':simulator': { ':version': version } }).sim)
        .filter(([k, v]) => v === true && k !== 'scaleCreatesVms')
        .map(([k]) => k);
    expect(on('5.10')).toEqual(['monitoringNics', 'legacyServiceVmInfo']);
    expect(on('6.10')).toEqual(['monitoringNics']);
    expect(on('7.0.0')).toEqual(['formBodyLost', 'updateBodyLost', 'oned7Documents', 'hostAuthorization', 'vrRoles', 'rackEscapeHtml3']);
    expect(on('7.2')).toEqual(['errorHandler500', 'formBodyLost', 'oned7Documents', 'hostAuthorization', 'vrRoles', 'rackEscapeHtml3']);
    expect(on('7.4')).toEqual(['errorHandler500', 'formBodyLost', 'oned7Documents', 'serverSettings', 'vrRoles', 'rackEscapeHtml3']);
    expect(loadConfig({ ':simulator': { ':version': '7.4', ':form_body_lost': false } }).sim.formBodyLost).toBe(false);
  });

  it('takes the version from the argument, then :version:, then ONEGATE_SIM_VERSION, then 6.10', () => {
    expect(loadConfig({ ':simulator': { ':version': '7.2' } }, '7.4').sim.version).toBe('7.4');
    const before = process.env.ONEGATE_SIM_VERSION;
    process.env.ONEGATE_SIM_VERSION = '7.4';
    try {
      expect(loadConfig().sim.version).toBe('7.4');
      expect(loadConfig({ ':simulator': { ':version': '7.2' } }).sim.version).toBe('7.2');
      process.env.ONEGATE_SIM_VERSION = 'newest';
      expect(() => loadConfig()).toThrow('ONEGATE_SIM_VERSION: "newest" is not a version like 6.10 or 7.4');
    } finally {
      if (before === undefined) delete process.env.ONEGATE_SIM_VERSION;
      else process.env.ONEGATE_SIM_VERSION = before;
    }
  });

  it('reads :server: {:host_authorization: {:permitted_hosts: [...]}}', () => {
    expect(loadConfig({ ':server': { ':host_authorization': { ':permitted_hosts': ['gate.example'] } } }).permittedHosts).toEqual([
      'gate.example',
    ]);
    expect(loadConfig().permittedHosts).toBeUndefined();
  });

  it.each([
    [{ ':port': 'x' }, /port "x" is not a port number/],
    [{ ':restricted_attrs': 'SERVICE_ID' }, /:restricted_attrs: must be a list/],
    [{ ':simulator': { ':version': 'latest' } }, /"latest" is not a version/],
    [{ ':simulator': { ':nope': true } }, /unknown key :nope:/],
    [{ ':simulator': { ':form_body_lost': 'yes' } }, /:form_body_lost: must be true or false/],
    [{ ':simulator': { ':max_body_bytes': 0 } }, /:max_body_bytes: "0"/],
  ])('refuses %j', (conf, message) => {
    expect(() => loadConfig(conf)).toThrow(message);
  });
});
