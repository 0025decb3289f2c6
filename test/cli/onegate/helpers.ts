// Shared helpers of the onegate CLI tests: run the bundled CLI as users do (`node dist/onegate.cjs`), a
// clean environment per run, simulator worlds, and golden files (rewritten only with UPDATE_GOLDEN=1).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import { type Simulator, startOneGate } from '../../simulator/index';

export const REPO = resolve(__dirname, '../../..');
export const CLI = join(REPO, 'dist/onegate.cjs');
export const FIXTURES = join(REPO, 'test/fixtures/cli');
/** A filesystem root without one_env or context media, so no test reads the machine's own. */
export const EMPTY_ROOT = join(FIXTURES, 'roots/empty');

/** What a run of the CLI produced. */
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

type Env = Record<string, string | undefined>;

/** Runs `node dist/onegate.cjs ARGS` with only PATH, an empty context root and `env` in its environment. */
export function runCli(args: string[], env: Env = {}, timeoutMs = 15_000): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, ONEGATE_CONTEXT_ROOT: EMPTY_ROOT, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolvePromise({ status, stdout, stderr });
    });
  });
}

/** The environment the Ruby client would see in VM `vmid` of `sim`. */
export function vmEnv(sim: Simulator, vmid: number, extra: Env = {}): Env {
  const c = sim.credentials(vmid);
  return { ONEGATE_ENDPOINT: c.endpoint, VMID: c.vmid, TOKENTXT: c.token, ...extra };
}

/** Starts the simulator on a world of test/fixtures/cli/worlds, or the default fixture, imitating `serverVersion` (default 6.10). */
export function startWorld(world?: 'spec-service' | 'spec-vrouter' | 'vr-role', serverVersion?: string): Promise<Simulator> {
  return startOneGate({ ...(world && { fixtures: join(FIXTURES, 'worlds', `${world}.yaml`) }), serverVersion });
}

/** Compares `actual` with test/fixtures/cli/golden/NAME; UPDATE_GOLDEN=1 rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const file = join(FIXTURES, 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
