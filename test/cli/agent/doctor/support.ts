// Runs `onegate-agent doctor` in this process (the simulator and test servers run here too) with an injected
// environment, and hands back what output.ts wrote, in text and as JSON.
import { lookup } from 'node:dns/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { doctor } from '../../../../cli/agent/commands/doctor';
import type { CheckReport, DoctorDeps } from '../../../../cli/agent/doctor/types';
import { writeResult } from '../../../../cli/agent/output';
import { tempDir } from '../../../support/temp-dir';

/** A token no output may contain. */
export const FAKE_TOKEN = 'DOCTOR-SECRET-TOKEN-4f9c2e7a1b';

/** What one doctor run printed. */
export interface DoctorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The --json run's checks, by name. */
  checks: Record<string, CheckReport>;
  json: { result: string; exitCode: number; firstFailure: string | null; checks: CheckReport[] };
}

/** A context directory (context.sh and token.txt) with these values. */
export function contextDir(vars: Record<string, string>, token: string): string {
  const dir = tempDir('oga-doctor-ctx-');
  writeFileSync(
    join(dir, 'context.sh'),
    Object.entries(vars)
      .map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'\n`)
      .join(''),
  );
  writeFileSync(join(dir, 'token.txt'), `${token}\n`, { mode: 0o600 });
  return dir;
}

/** agent.yaml with its own state_dir and run_dir (so the real /run/onegate-agent is never read), short timeouts. */
export function configFile(extra: Record<string, unknown> = {}): { file: string; runDir: string; stateDir: string } {
  const dir = tempDir('oga-doctor-conf-');
  const runDir = join(dir, 'run');
  const stateDir = join(dir, 'state');
  mkdirSync(runDir);
  const onegate = { connect_timeout: 2, timeout: 5, ...(extra.onegate as object) };
  writeFileSync(join(dir, 'agent.yaml'), dump({ run_dir: runDir, state_dir: stateDir, ...extra, onegate }));
  return { file: join(dir, 'agent.yaml'), runDir, stateDir };
}

/** Deps of a test run: an empty context root, the real resolver, no daemon alive unless told. */
export function testDeps(over: Partial<DoctorDeps> = {}): (o: Pick<DoctorDeps, 'configFile' | 'flags'>) => DoctorDeps {
  const emptyRoot = tempDir('oga-doctor-root-');
  return (o) => ({
    ...o,
    env: {},
    contextRoot: emptyRoot,
    procRoot: '/proc',
    sysRoot: join(emptyRoot, 'sys'),
    lookup: (host) => lookup(host, { all: true }),
    localAddresses: () => [],
    isAlive: () => false,
    now: () => Date.now(),
    ...over,
  });
}

/** Runs doctor twice (text, then --json) with the same deps. */
export async function runDoctor(argv: string[], deps: ReturnType<typeof testDeps>): Promise<DoctorRun> {
  const text = await capture(argv, deps);
  const json = await capture([...argv, '--json'], deps);
  const parsed = JSON.parse(json.stdout) as DoctorRun['json'];
  return {
    code: text.code,
    stdout: text.stdout + json.stdout,
    stderr: text.stderr + json.stderr,
    json: parsed,
    checks: Object.fromEntries(parsed.checks.map((c) => [c.name, c])),
  };
}

async function capture(argv: string[], deps: ReturnType<typeof testDeps>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const result = await doctor(argv, deps);
  const code = writeResult('doctor', result, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}
