// Agent footprint benchmark: one agent (VM 42, a service member, unless AGENT_VMID says otherwise)
// against the simulator at a fast interval over a long run. Reports resident and private memory
// (/proc/PID/smaps_rollup), CPU time per cycle (/proc/PID/stat), and requests per VM-hour at a 60 s
// interval with steady metrics, counted at the simulator.
//
// What runs: `node dist/onegate-agent.cjs run` when the daemon is implemented; otherwise, or with
// AGENT_MODE=standin, a stand-in bundled from the library units that imitates the daemon's cycle
// (ticker -> collectors -> formatAttributes -> pusher -> puller -> hooks) without the daemon's state
// and status files. Steady metrics: push.threshold is so high that no numeric change counts, so only
// heartbeats push. Both run with the unit file's NODE_OPTIONS.
// Then, in the same conditions (machine load changes by the minute on a shared machine), a baseline:
// a bare node:http keep-alive loop doing GET /vm and PUT /vm once a second, the least any agent costs.
// Environment: AGENT_SECONDS (default 120), AGENT_INTERVAL_MS (stand-in only, default 250; the daemon's
// minimum is 1 s), AGENT_VMID (default 42; 7 is in no service), AGENT_NODE_FLAGS (e.g. --cpu-prof),
// AGENT_BASELINE=0 skips the baseline, AGENT_YAML appends lines to the daemon's agent.yaml (e.g.
// "pull:\n  enabled: false" to apportion the cycle), AGENT_NODE_OPTIONS replaces the unit's NODE_OPTIONS.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const SECONDS = Number(process.env.AGENT_SECONDS ?? 120);
const STANDIN_INTERVAL = Number(process.env.AGENT_INTERVAL_MS ?? 250);
const WARMUP_MS = 15_000; // CPU and memory are taken after start-up and the first cycles
const VMID = Number(process.env.AGENT_VMID ?? 42); // 42: a service member; 7: standalone
const NODE_OPTIONS = process.env.AGENT_NODE_OPTIONS ?? '--max-old-space-size=32 --max-semi-space-size=1 --v8-pool-size=1'; // as packaging's unit file
const EXTRA_FLAGS = (process.env.AGENT_NODE_FLAGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
const root = new URL('../../', import.meta.url).pathname;
const HZ = 100; // USER_HZ: /proc/PID/stat counts clock ticks of 10 ms on Linux

function daemonReady() {
  const r = spawnSync(process.execPath, [join(root, 'dist/onegate-agent.cjs'), 'run', '--help'], { encoding: 'utf8' });
  return r.status === 0 && !/not implemented/.test(r.stderr);
}

function startDaemon() {
  const creds = sim.credentials(VMID);
  writeFileSync(join(scratch, 'context.sh'), `ONEGATE_ENDPOINT='${creds.endpoint}'\nVMID='${VMID}'\nTOKEN='YES'\n`);
  writeFileSync(join(scratch, 'token.txt'), creds.token, { mode: 0o600 });
  writeFileSync(join(scratch, 'agent.yaml'), [
    'interval: 1', 'jitter: 0', 'log_level: warn', `state_dir: ${join(scratch, 'state')}`, `run_dir: ${runDir}`,
    `context:\n  dir: ${scratch}`, 'push:\n  threshold: 1000000000000', `hooks:\n  directory: ''`, process.env.AGENT_YAML ?? '', '',
  ].join('\n'));
  return spawn(process.execPath, [...EXTRA_FLAGS, join(root, 'dist/onegate-agent.cjs'), 'run', '--config', join(scratch, 'agent.yaml')],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_OPTIONS } });
}

// The daemon's cycle from the library units, bundled (minified, like dist/) into one file.
async function startStandIn() {
  const outfile = join(scratch, 'stand-in.cjs');
  await build({
    stdin: { contents: STANDIN, resolveDir: root, loader: 'ts', sourcefile: 'stand-in.ts' },
    outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, logLevel: 'warning',
    define: { __VERSION__: '"bench"' },
  });
  const config = { credentials: sim.credentials(VMID), intervalMs: STANDIN_INTERVAL, runDir };
  return spawn(process.execPath, [...EXTRA_FLAGS, outfile, JSON.stringify(config)], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_OPTIONS } });
}

// One cycle a second: GET /vm, then PUT /vm of one attribute; nothing else.
const BASELINE = `
const http = require('node:http');
const { endpoint, token, vmid } = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const url = new URL(endpoint);
const headers = { 'X-ONEGATE-TOKEN': token, 'X-ONEGATE-VMID': vmid };
const call = (method, path, body) => new Promise((resolve) => {
  const req = http.request({ host: url.hostname, port: url.port, path: url.pathname.replace(/\\/$/, '') + path, method, agent,
    headers: body ? { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' } : headers }, (res) => { res.resume(); res.on('end', resolve); });
  req.on('error', resolve);
  req.end(body);
});
let n = 0;
const timer = setInterval(async () => { await call('GET', '/vm'); await call('PUT', '/vm?type=1', 'data=' + encodeURIComponent('BENCH=' + (n++ % 2))); }, 1000);
process.on('SIGTERM', () => { clearInterval(timer); agent.destroy(); process.exit(0); });
`;

const STANDIN = `
import { collectors, createCollectors, collectAll } from './agent/collect/index';
import { formatAttributes } from './agent/attrs/format';
import { createPusher } from './agent/push/pusher';
import { emptyState } from './agent/state/types';
import { createPuller } from './agent/sync/puller';
import { DEFAULT_PULLER_OPTIONS } from './agent/sync/options';
import { createHookRunner } from './agent/hooks/run-hooks';
import { DEFAULT_HOOKS_OPTIONS } from './agent/hooks/types';
import { createTicker } from './agent/schedule/ticker';
import { OneGateClient } from './agent/onegate/client';
import { createLogger } from './agent/log';
const { credentials, intervalMs, runDir } = JSON.parse(process.argv[2]);
const log = createLogger({ level: 'warn' });
const client = new OneGateClient({ credentials, log });
const active = createCollectors(collectors, { procRoot: '/proc', sysRoot: '/sys', log, now: Date.now, options: {} });
const state = emptyState();
const pusher = createPusher({ client, state: state.push, log, options: {
  heartbeatCycles: 10, threshold: 1e12, backoff: { baseMs: 1000, factor: 2, maxMs: 300000 }, logEveryMs: intervalMs, maxPending: 1000 } });
const runHook = createHookRunner({ options: { ...DEFAULT_HOOKS_OPTIONS, directory: '' }, log });
const puller = createPuller({ client, options: DEFAULT_PULLER_OPTIONS, runDir, log, runHook, isOwnAttribute: (n) => pusher.owns(n) });
const ticker = createTicker({ intervalMs, phaseKey: credentials.vmid, jitter: 0, log, onTick: async () => {
  const { values } = await collectAll(active, log);
  await pusher.cycle(formatAttributes(values).attributes);
  await puller.pullOnce();
} });
ticker.start();
process.on('SIGTERM', () => { ticker.stop(); ticker.idle().then(() => { client.close(); process.exit(0); }); });
`;

// Samples memory every second and CPU at the window's ends; counts requests at the simulator.
async function observe(child) {
  const pid = child.pid;
  const started = Date.now();
  const samples = [];
  let cpuAtWarmup;
  let requestsAtWarmup;
  let warmedAt;
  sim.requests.splice(0);
  const counts = {};
  const drain = () => { for (const r of sim.requests.splice(0)) if (r.vmid === String(VMID)) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1; };
  while (Date.now() - started < SECONDS * 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    if (child.exitCode !== null) throw new Error(`the agent exited early with ${child.exitCode}`);
    drain();
    if (cpuAtWarmup === undefined && Date.now() - started >= WARMUP_MS) {
      cpuAtWarmup = cpuTicks(pid);
      requestsAtWarmup = { ...counts };
      warmedAt = Date.now();
    }
    if (cpuAtWarmup !== undefined) samples.push(memory(pid));
  }
  const cpuEnd = cpuTicks(pid);
  const windowMs = Date.now() - warmedAt;
  drain();
  child.kill('SIGTERM');
  await new Promise((r) => child.on('close', r));
  const window = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v - (requestsAtWarmup[k] ?? 0)]));
  const ms = (k) => ((cpuEnd[k] - cpuAtWarmup[k]) * 1000) / HZ;
  return { samples, cpuMs: ms('user') + ms('system'), systemMs: ms('system'), window, total: counts, windowMs };
}

function memory(pid) {
  const kb = (name, text) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  return { rss: kb('Rss', text), pss: kb('Pss', text), private: kb('Private_Clean', text) + kb('Private_Dirty', text), anon: kb('Anonymous', text) };
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) }; // utime, stime
}

// Cycles are counted by time (one per interval), not by requests: a configuration may pull nothing.
function report({ samples, cpuMs, systemMs, window, total, windowMs }, intervalMs) {
  const mb = (kb) => (kb / 1024).toFixed(1);
  const last = samples[samples.length - 1];
  const max = (k) => Math.max(...samples.map((s) => s[k]));
  const cycles = Math.round(windowMs / intervalMs);
  console.log('\n| measure | last | max |');
  console.log('|---|---|---|');
  for (const [k, label] of [['rss', 'RSS (MB)'], ['pss', 'PSS (MB)'], ['private', 'private, Private_Clean + Private_Dirty (MB)'], ['anon', 'anonymous (MB)']]) {
    console.log(`| ${label} | ${mb(last[k])} | ${mb(max(k))} |`);
  }
  console.log(`\nCPU: ${cpuMs.toFixed(0)} ms over ${cycles} cycles after warm-up = **${(cpuMs / cycles).toFixed(2)} ms per cycle** (target <= 3 ms), of which ${(systemMs / cycles).toFixed(2)} ms in the kernel`);
  const perCycle = Object.entries(window).sort().map(([k, v]) => `${k} ${(v / cycles).toFixed(2)}`).join(', ');
  const perHour = (Object.values(window).reduce((a, b) => a + b, 0) / cycles) * 60;
  console.log(`requests per cycle: ${perCycle}`);
  console.log(`requests per VM-hour at a 60 s interval, steady metrics: **${perHour.toFixed(0)}** (whole run: ${JSON.stringify(total)})`);
  console.log(`memory targets: RSS <= 50 MB ${last.rss / 1024 <= 50 ? 'met' : 'NOT met'}, private <= 15 MB ${last.private / 1024 <= 15 ? 'met' : 'NOT met'}`);
  console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`);
}

// Runs last: the stand-in's source above must be initialised first.
const { startOneGate } = await tsImport(new URL('test/simulator/index.ts', `file://${root}`).href, import.meta.url);
const sim = await startOneGate();
const scratch = mkdtempSync(join(tmpdir(), 'onegate-bench-agent-'));
// run_dir lives on tmpfs as /run does in a guest (ext4 makes every replace-by-rename flush the data).
const shm = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/onegate-bench-run-') : undefined;
const runDir = shm ?? join(scratch, 'run');
try {
  const daemon = process.env.AGENT_MODE !== 'standin' && daemonReady();
  const child = daemon ? startDaemon() : await startStandIn();
  console.log(`${daemon ? 'daemon: node dist/onegate-agent.cjs run, interval 1 s' : `stand-in for the daemon's cycle, interval ${STANDIN_INTERVAL} ms`}; ` +
    `VM ${VMID}; ${SECONDS} s; NODE_OPTIONS="${NODE_OPTIONS}"`);
  const result = await observe(child);
  report(result, daemon ? 1000 : STANDIN_INTERVAL);
  if (process.env.AGENT_BASELINE !== '0') {
    console.log(`\nbaseline: bare node:http GET /vm + PUT /vm every second, keep-alive, same NODE_OPTIONS, ${SECONDS} s`);
    const baseline = spawn(process.execPath, ['-e', BASELINE, JSON.stringify(sim.credentials(VMID))], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_OPTIONS } });
    report(await observe(baseline), 1000);
  }
} finally {
  await sim.close();
  rmSync(scratch, { recursive: true, force: true });
  if (shm) rmSync(shm, { recursive: true, force: true });
}
