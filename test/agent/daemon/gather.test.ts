// One gathering's sources, as the erasing of vanished attributes reads them (agent/state/owned.ts).
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../agent/config/schema';
import { gatherAttributes } from '../../../agent/daemon/gather';
import { silentLogger } from '../../../agent/log';

describe('gatherAttributes sources', () => {
  it('credits metrics to their collector under the pushed name, a metric not measured this time included', async () => {
    const config = defaultConfig();
    config.push.prefix = 'guest_';
    config.attributes = { ...config.attributes, static: { ROLE: 'db' }, directory: '', commands: [] };
    const active = [
      { name: 'filesystem', instance: { collect: async () => ({ DISK_USED_ROOT: 5 }), missed: () => ['DISK_USED_NFS'] } },
      { name: 'cpu', instance: { collect: async () => ({}) } },
    ];
    const gathered = await gatherAttributes(config, active, silentLogger);
    expect(gathered.attributes).toEqual({ GUEST_DISK_USED_ROOT: '5.00', ROLE: 'db' });
    expect(gathered.sources).toEqual({
      current: { GUEST_DISK_USED_ROOT: 'metric:filesystem', GUEST_DISK_USED_NFS: 'metric:filesystem', ROLE: 'static' },
      unsure: ['metric:cpu'],
    });
  });
});
