import { describe, expect, it } from 'vitest';
import { assessHealth } from '../../../agent/state/health';
import { statusDoc as doc } from './support/status-doc';

const now = Date.parse('2026-12-02T10:00:00Z');

describe('assessHealth', () => {
  it('is not running without a status file or a live pid', () => {
    expect(assessHealth(undefined, false, now).code).toBe(2);
    expect(assessHealth(doc({ stoppedAt: '2026-12-02T09:30:00Z' }), false, now)).toEqual({
      code: 2,
      state: 'not running',
      problems: ['stopped at 2026-12-02T09:30:00Z'],
    });
    expect(assessHealth(doc(), false, now).problems).toEqual(['process 1 is gone (last update 2026-12-02T09:59:50Z)']);
  });

  it('is healthy with no errors and a fresh update', () => {
    expect(assessHealth(doc(), true, now)).toEqual({ code: 0, state: 'running', problems: [] });
  });

  it('is degraded by a failing or disabled feature, or a stale status', () => {
    const failing = doc({
      push: {
        enabled: true,
        pending: ['A'],
        lastError: { code: 'ONEGATE_TIMEOUT', message: 'timed out', since: '2026-12-02T09:58:00Z', count: 3, loggedAt: 0 },
      },
    });
    expect(assessHealth(failing, true, now)).toEqual({
      code: 1,
      state: 'degraded',
      problems: ['push: failing since 2026-12-02T09:58:00Z (3 attempts): timed out'],
    });
    expect(assessHealth(doc({ pull: { enabled: true, disabled: 'the server refused service (403)' } }), true, now).problems).toEqual([
      'pull: off: the server refused service (403)',
    ]);
    expect(assessHealth(doc({ updatedAt: '2026-12-02T09:50:00Z' }), true, now).problems).toEqual([
      'status not updated for 600 s (interval 60 s): the daemon may be stuck',
    ]);
  });
});
