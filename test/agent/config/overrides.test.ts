import { describe, expect, it } from 'vitest';
import { applyContextOverrides, overridableKeys } from '../../../agent/config/overrides';
import { defaultConfig } from '../../../agent/config/schema';

describe('applyContextOverrides', () => {
  it('lists ONEGATE_AGENT_INTERVAL among the overridable keys', () => {
    expect(overridableKeys().map((k) => k.variable)).toContain('ONEGATE_AGENT_INTERVAL');
  });

  it('applies valid values over the file and reports them', () => {
    const r = applyContextOverrides(defaultConfig(), {
      ONEGATE_AGENT_INTERVAL: '30',
      ONEGATE_AGENT_PUSH: 'NO',
      ONEGATE_AGENT_PREFIX: 'G_',
      OTHER: 'x',
    });
    expect(r.config.interval).toBe(30);
    expect(r.config.push.enabled).toBe(false);
    expect(r.config.push.prefix).toBe('G_');
    expect(r.applied).toEqual([
      'interval=30 (ONEGATE_AGENT_INTERVAL)',
      'push.enabled=false (ONEGATE_AGENT_PUSH)',
      'push.prefix="G_" (ONEGATE_AGENT_PREFIX)',
    ]);
    expect(r.rejected).toEqual([]);
  });

  it('ignores invalid values with a reason and keeps the configured one', () => {
    const base = { ...defaultConfig(), interval: 45 };
    const r = applyContextOverrides(base, { ONEGATE_AGENT_INTERVAL: 'soon', ONEGATE_AGENT_LOG_LEVEL: 'loud' });
    expect(r.config.interval).toBe(45);
    expect(r.config.log_level).toBe('info');
    expect(r.rejected).toEqual([
      'context variable ONEGATE_AGENT_INTERVAL="soon" ignored: expected an integer from 1 to 86400',
      'context variable ONEGATE_AGENT_LOG_LEVEL="loud" ignored: expected one of error, warn, info, debug',
    ]);
  });

  it('does not modify its input', () => {
    const base = defaultConfig();
    applyContextOverrides(base, { ONEGATE_AGENT_INTERVAL: '5' });
    expect(base.interval).toBe(60);
  });
});
