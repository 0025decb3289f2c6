// Shared by the collector tests: contexts over fixture trees and the fixture case layout.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger, silentLogger } from '../../../agent/log';
import type { StatfsFn } from '../../../agent/metrics/filesystem';
import type { CollectContext } from '../../../agent/metrics/types';

export const PROC_CASES = join(__dirname, '../../fixtures/proc');
export const SEQ_CASES = join(__dirname, '../../fixtures/proc-seq');

/** Expected output of one collector in a proc case: metrics, or "no-data" for a NoDataError. */
export type Expectation = Record<string, number> | 'no-data';

/** A context over `procRoot` with a settable clock. */
export function fixtureContext<O>(procRoot: string, options: O, log: Logger = silentLogger): CollectContext<O> & { clock: { ms: number } } {
  const clock = { ms: 0 };
  return { procRoot, sysRoot: join(procRoot, 'sys-unused'), log, now: () => clock.ms, options, clock };
}

/** A statfs answering from the case's statfs.json (ENOENT for paths it does not list). */
export function fixtureStatfs(caseDir: string): StatfsFn {
  const file = join(caseDir, 'statfs.json');
  const table = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return async (path) => {
    if (!table[path]) throw Object.assign(new Error(`ENOENT: statfs '${path}'`), { code: 'ENOENT' });
    return table[path];
  };
}

export function listDirs(dir: string): string[] {
  return existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
}

export function readJson(file: string): any {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Metric values compared to 6 decimals, key sets exactly. */
export function expectMetrics(actual: Record<string, number>, expected: Record<string, number>, where: string): void {
  const keys = (o: object) => Object.keys(o).sort().join(',');
  if (keys(actual) !== keys(expected)) throw new Error(`${where}: keys ${keys(actual)} != ${keys(expected)}`);
  for (const [k, v] of Object.entries(expected)) {
    if (Math.abs(actual[k] - v) > 1e-6) throw new Error(`${where}: ${k} = ${actual[k]}, expected ${v}`);
  }
}
