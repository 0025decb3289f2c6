// The real outside world of the doctor's checks (tests pass their own DoctorDeps).
import { lookup } from 'node:dns/promises';
import { networkInterfaces } from 'node:os';
import { isDaemonAlive } from '../../../agent/state/process-info';
import type { DoctorDeps } from './types';

/** DoctorDeps of this process for the given command-line options. */
export function hostDeps(options: Pick<DoctorDeps, 'configFile' | 'flags'>): DoctorDeps {
  return {
    ...options,
    env: process.env,
    // As `onegate-agent context`: a fixture tree in tests and demos, '/' otherwise.
    contextRoot: process.env.ONEGATE_CONTEXT_ROOT || '/',
    procRoot: '/proc',
    sysRoot: '/sys',
    lookup: (hostname) => lookup(hostname, { all: true }),
    localAddresses: () =>
      Object.values(networkInterfaces())
        .flat()
        .map((a) => a?.address ?? '')
        .filter((a) => a !== ''),
    isAlive: (pid) => isDaemonAlive(pid),
    now: () => Date.now(),
  };
}
