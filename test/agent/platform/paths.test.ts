import { describe, expect, it } from 'vitest';
import { agentPaths, nullDevice } from '../../../agent/platform/paths';

describe('agentPaths', () => {
  it('keeps the FHS layout on Linux, whatever the environment says', () => {
    expect(agentPaths({ platform: 'linux', env: { ProgramData: 'D:\\Data' } })).toEqual({
      configFile: '/etc/onegate-agent/agent.yaml',
      stateDir: '/var/lib/onegate-agent',
      runDir: '/run/onegate-agent',
      attributesDir: '/etc/onegate-agent/attributes.d',
      hooksDir: '/etc/onegate-agent/hooks.d',
    });
  });
  it('puts everything under %ProgramData%\\onegate-agent on Windows, with a log folder for the service', () => {
    expect(agentPaths({ platform: 'win32', env: { ProgramData: 'D:\\Data' } })).toEqual({
      configFile: 'D:\\Data\\onegate-agent\\agent.yaml',
      stateDir: 'D:\\Data\\onegate-agent\\state',
      runDir: 'D:\\Data\\onegate-agent\\run',
      attributesDir: 'D:\\Data\\onegate-agent\\attributes.d',
      hooksDir: 'D:\\Data\\onegate-agent\\hooks.d',
      logDir: 'D:\\Data\\onegate-agent\\log',
    });
  });
  it.each([
    ['the upper-case spelling', { PROGRAMDATA: 'E:\\PD' }, 'E:\\PD\\onegate-agent\\state'],
    // Wine's service manager gives services ALLUSERSPROFILE=C:\users\Public and no ProgramData: not ours.
    [
      'ProgramData on %SystemDrive% when ProgramData is unset, not ALLUSERSPROFILE',
      { SystemDrive: 'F:', ALLUSERSPROFILE: 'C:\\users\\Public' },
      'F:\\ProgramData\\onegate-agent\\state',
    ],
    ['the default without either', {}, 'C:\\ProgramData\\onegate-agent\\state'],
    ['the default for a SystemDrive that is no drive', { SystemDrive: 'F:\\x' }, 'C:\\ProgramData\\onegate-agent\\state'],
    ['the default for a relative value', { ProgramData: 'data' }, 'C:\\ProgramData\\onegate-agent\\state'],
    ['the default for a POSIX path', { ProgramData: '/var/data' }, 'C:\\ProgramData\\onegate-agent\\state'],
  ])('on Windows takes %s', (_, env, stateDir) => {
    expect(agentPaths({ platform: 'win32', env }).stateDir).toBe(stateDir);
  });
});

describe('nullDevice', () => {
  it('is what hooks get for a document that is not there: /dev/null, NUL on Windows', () => {
    expect(nullDevice({ platform: 'linux', env: {} })).toBe('/dev/null');
    expect(nullDevice({ platform: 'win32', env: {} })).toBe('NUL');
  });
});
