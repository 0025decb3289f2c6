import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../agent/config/schema';
import { platformGaps } from '../../../agent/daemon/platform-gaps';

describe('platformGaps', () => {
  it('says nothing on Linux', () => {
    expect(platformGaps('linux', defaultConfig())).toEqual([]);
  });
  it('names guestinfo and the enabled collectors without a Windows source on Windows', () => {
    expect(platformGaps('win32', defaultConfig())).toEqual([
      'context: VMware guestinfo (vCenter) is not read on Windows; a vCenter guest needs ONEGATE_ENDPOINT, VMID and TOKENTXT in the environment',
      'metrics: load, swap have no Windows source; LOAD1, LOAD5, LOAD15, SWAP_USED are not pushed',
    ]);
  });
  it('leaves out a collector the configuration turned off', () => {
    const config = defaultConfig();
    config.metrics.load.enabled = false;
    config.metrics.swap.enabled = false;
    expect(platformGaps('win32', config)).toHaveLength(1);
  });
});
