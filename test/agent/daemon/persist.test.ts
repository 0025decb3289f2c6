import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../agent/config/schema';
import { createPersist, STATUS_REFRESH_MS } from '../../../agent/daemon/persist';
import { silentLogger } from '../../../agent/log';
import { recordFailure, recordSuccess } from '../../../agent/state/feature';
import { readStatus } from '../../../agent/state/status';
import { emptyState } from '../../../agent/state/types';
import { tempDir } from '../../support/temp-dir';

describe('createPersist', () => {
  it('rewrites status.json on a significant change, and otherwise at most every STATUS_REFRESH_MS', () => {
    const dir = tempDir('oga-persist-');
    const config = { ...defaultConfig(), state_dir: join(dir, 'state'), run_dir: join(dir, 'run') };
    const state = emptyState();
    let now = 1_000_000;
    const persist = createPersist(silentLogger, () => now);
    const inputs = () => ({ config, overrides: [], state, startedAt: 0, nextRun: now + 1000 });
    const written = () => readStatus(config.run_dir)?.updatedAt;

    persist(inputs());
    expect(written()).toBe(new Date(1_000_000).toISOString());
    // A success after a success: only times moved, so the file is left alone until the refresh is due.
    recordSuccess(state.push, now);
    now += 1000;
    persist(inputs());
    expect(readStatus(config.run_dir)?.push.lastSuccess).toBeDefined(); // the first success is significant
    now += 1000;
    recordSuccess(state.push, now);
    persist(inputs());
    expect(written()).toBe(new Date(1_001_000).toISOString());
    now = 1_001_000 + STATUS_REFRESH_MS;
    persist(inputs());
    expect(written()).toBe(new Date(now).toISOString());
    // A failure is written at once, whatever the time.
    now += 1000;
    recordFailure(state.push, { code: 'ONEGATE_TIMEOUT', message: 'timed out' }, now, 0);
    persist(inputs());
    expect(readStatus(config.run_dir)?.push.lastError?.code).toBe('ONEGATE_TIMEOUT');
    // The final save always writes.
    now += 1;
    persist({ ...inputs(), stoppedAt: now });
    expect(readStatus(config.run_dir)?.stoppedAt).toBe(new Date(now).toISOString());
  });
});
