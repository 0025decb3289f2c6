// Test harness: a simulator with context files, a temporary configuration, and the built daemon
// (dist/onegate-agent.cjs) spawned as a real process whose log lines are collected.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { collectors } from '../../../agent/metrics/index';
import { type Simulator, startOneGate } from '../../simulator';
import { tempDir } from '../../support/temp-dir';

export const AGENT = join(__dirname, '../../../dist/onegate-agent.cjs');

/** A spawned daemon. */
export interface Agent {
  child: ChildProcess;
  /** Log lines so far (journald prefixes kept). */
  lines: string[];
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export interface Harness {
  sim: Simulator;
  dir: string;
  /** An empty directory for *.attrs files (attributes.directory). */
  attrs: string;
  /** Writes app.attrs into the attrs directory. */
  setAttrs(text: string): void;
  /** Writes agent.yaml (state_dir, run_dir, interval 1, no jitter, no metrics unless given) and returns its path. */
  config(extra?: Record<string, unknown>): string;
  /** A context directory of its own for VM 42 (the simulator's token), with extra variables. */
  context(vars: Record<string, string>, vmid?: number): string;
  /** Spawns `onegate-agent run`. */
  run(args: string[]): Agent;
  /** run_dir/status.json, or {} before the daemon wrote it. */
  status(): any;
  /** The KEY=VALUE attributes of every PUT /vm so far, in order. */
  puts(vmid?: string): Record<string, string>[];
  close(): Promise<void>;
}

const NO_METRICS = Object.fromEntries(collectors.map((c) => [c.name, { enabled: false }]));

/** Starts the harness; the simulator imitates `serverVersion` (default 6.10). */
export async function startHarness(serverVersion?: string): Promise<Harness> {
  const dir = tempDir('oga-daemon-');
  const sim = await startOneGate({ contextsDir: join(dir, 'ctx'), serverVersion });
  const agents: Agent[] = [];
  const attrs = join(dir, 'attrs.d');
  mkdirSync(attrs);
  return {
    sim,
    dir,
    attrs,
    setAttrs: (text) => writeFileSync(join(attrs, 'app.attrs'), text),
    config(extra = {}) {
      const base = {
        interval: 1,
        jitter: 0,
        state_dir: join(dir, 'state'),
        run_dir: join(dir, 'run'),
        metrics: NO_METRICS,
        attributes: { directory: '' },
        context: { poll: 1 },
        backoff: { base: 0.2, max: 1 },
      };
      const file = join(dir, 'agent.yaml');
      writeFileSync(file, dump({ ...base, ...extra, metrics: { ...NO_METRICS, ...(extra.metrics as object) } }));
      return file;
    },
    context(vars, vmid = 42) {
      const ctx = join(dir, `own-ctx-${vmid}`);
      mkdirSync(ctx, { recursive: true });
      const all = { ONEGATE_ENDPOINT: sim.url, VMID: String(vmid), TOKEN: 'YES', ...vars };
      writeFileSync(
        join(ctx, 'context.sh'),
        Object.entries(all)
          .map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'\n`)
          .join(''),
      );
      writeFileSync(join(ctx, 'token.txt'), `${sim.tokenFor(vmid)}\n`, { mode: 0o600 });
      return ctx;
    },
    run(args) {
      const child = spawn(process.execPath, [AGENT, 'run', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      const lines: string[] = [];
      let rest = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        const parts = (rest + chunk.toString()).split('\n');
        rest = parts.pop() ?? '';
        lines.push(...parts);
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const agent = { child, lines, exited };
      agents.push(agent);
      return agent;
    },
    status() {
      try {
        return JSON.parse(readFileSync(join(dir, 'run/status.json'), 'utf8'));
      } catch {
        return {};
      }
    },
    puts(vmid = '42') {
      return sim.requests
        .filter((r) => r.method === 'PUT' && r.path === '/vm' && r.vmid === vmid && r.status === 200)
        .map((r) =>
          Object.fromEntries(
            (new URLSearchParams(String(r.body)).get('data') ?? '').split('\n').map((l) => l.split(/=(.*)/s, 2) as [string, string]),
          ),
        );
    },
    async close() {
      for (const a of agents) if (a.child.exitCode === null) a.child.kill('SIGKILL');
      await sim.close();
    },
  };
}

/** Polls `check` every 50 ms until it returns truthy; fails after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false, ms = 8000, what = 'condition'): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `onegate-agent ARGS` to completion without blocking the event loop (the simulator runs in this process). */
export function runAgentCli(args: string[], nodeFlags: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeFlags, AGENT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
