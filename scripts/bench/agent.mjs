// Agent footprint benchmark: the built daemon (VM 42, a service member, unless AGENT_VMID says otherwise)
// against the simulator at a 1 s interval over a long run. Reports resident and private memory
// (/proc/PID/smaps_rollup), CPU time per cycle (/proc/PID/stat), and requests per VM-hour at a 60 s
// interval with steady metrics, counted at the simulator. Steady metrics: push.threshold is so high that no
// numeric change counts, so only heartbeats push. Everything runs with the unit file's NODE_OPTIONS.
// Runs, one after the other (machine load changes by the minute on a shared machine, so the floor is
// measured in the same sitting):
//   1. `node dist/onegate-agent.cjs run`, push and adaptive pull (the daemon as configured by default, with
//      pull.max_interval 5 s standing for 300 s at 60 s);
//   2. the same with pull.enabled: false: the collection and push cycle alone (`interval`'s cycle);
//   5. the same with pull.max_interval: 0: a pull every cycle (the CPU of a cycle with pull);
//   3. when dist/onegate-agent-linux-x64 exists, the single executable (Node 22), as packages install it;
//   4. a baseline: a bare node:http keep-alive loop doing GET /vm and PUT /vm once a second;
//   6. the runtime's floor: `node -e 'setInterval(() => {}, 1000)'` with the same NODE_OPTIONS, on this Node
//      and on each of AGENT_FLOOR_NODE=FILE[:FILE...] (e.g. the Node 22 inside the single executable).
// Environment: AGENT_SECONDS per run (default 90), AGENT_VMID (default 42; 7 is in no service),
// AGENT_NODE_FLAGS (e.g. --cpu-prof), AGENT_YAML appends lines to every daemon's agent.yaml,
// AGENT_NODE_OPTIONS replaces the unit's NODE_OPTIONS, AGENT_RUNS picks runs by number (e.g. "1,4"),
// AGENT_EXE=FILE[:FILE...] runs these executables as run 3 instead (each labelled by its directory's name).
// RSS drift: the last sample less the first after warm-up (the soak of scripts/bench/runtime.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { NODE_OPTIONS, TRIM, UNIT_ENV } from './lib/unit-env.mjs';

const SECONDS = Number(process.env.AGENT_SECONDS ?? 90);
const WARMUP_MS = 15_000; // CPU and memory are taken after start-up and the first cycles
const VMID = Number(process.env.AGENT_VMID ?? 42); // 42: a service member; 7: standalone
const EXTRA_FLAGS = (process.env.AGENT_NODE_FLAGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
const root = new URL('../../', import.meta.url).pathname;
const EXECUTABLES = process.env.AGENT_EXE ? process.env.AGENT_EXE.split(':') : [join(root, 'dist/onegate-agent-linux-x64')];
const HZ = 100; // USER_HZ: /proc/PID/stat counts clock ticks of 10 ms on Linux

/** Starts the daemon with these `pull` keys, as `node dist/...cjs` or as the executable. */
function startDaemon(name, pull, executable) {
  const dir = mkdtempSync(join(scratch, `${name}-`));
  const creds = sim.credentials(VMID);
  writeFileSync(join(dir, 'context.sh'), `ONEGATE_ENDPOINT='${creds.endpoint}'\nVMID='${VMID}'\nTOKEN='YES'\n`);
  writeFileSync(join(dir, 'token.txt'), creds.token, { mode: 0o600 });
  writeFileSync(
    join(dir, 'agent.yaml'),
    [
      'interval: 1',
      'jitter: 0',
      'log_level: warn',
      `state_dir: ${join(dir, 'state')}`,
      `run_dir: ${mkdtempSync(join(runRoot, `${name}-`))}`,
      `context:\n  dir: ${dir}`,
      'push:\n  threshold: 1000000000000',
      `hooks:\n  directory: ''`,
      // 5 s at a 1 s interval stands for the default 300 s at 60 s.
      `pull:\n${Object.entries({ max_interval: 5, ...pull })
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
      process.env.AGENT_YAML ?? '',
      '',
    ].join('\n'),
  );
  const args = ['run', '--config', join(dir, 'agent.yaml')];
  const env = { ...process.env, ...UNIT_ENV };
  return executable
    ? spawn(executable, args, { stdio: ['ignore', 'ignore', 'inherit'], env, argv0: 'onegate-agent' })
    : spawn(process.execPath, [...EXTRA_FLAGS, join(root, 'dist/onegate-agent.cjs'), ...args], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env,
      });
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
  const drain = () => {
    for (const r of sim.requests.splice(0))
      if (r.vmid === String(VMID)) counts[`${r.method} ${r.path}`] = (counts[`${r.method} ${r.path}`] ?? 0) + 1;
  };
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
  return {
    rss: kb('Rss', text),
    pss: kb('Pss', text),
    private: kb('Private_Clean', text) + kb('Private_Dirty', text),
    anon: kb('Anonymous', text),
  };
}

function cpuTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]), system: Number(fields[12]) }; // utime, stime
}

// Cycles are counted by time (one per interval), not by requests: a configuration may pull nothing.
function report({ samples, cpuMs, systemMs, window, total, windowMs }) {
  const mb = (kb) => (kb / 1024).toFixed(1);
  const last = samples[samples.length - 1];
  const max = (k) => Math.max(...samples.map((s) => s[k]));
  const cycles = Math.round(windowMs / 1000); // one cycle per second: every run has interval 1 s
  console.log('\n| measure | last | max |');
  console.log('|---|---|---|');
  for (const [k, label] of [
    ['rss', 'RSS (MB)'],
    ['pss', 'PSS (MB)'],
    ['private', 'private, Private_Clean + Private_Dirty (MB)'],
    ['anon', 'anonymous (MB)'],
  ]) {
    console.log(`| ${label} | ${mb(last[k])} | ${mb(max(k))} |`);
  }
  console.log(
    `\nCPU: ${cpuMs.toFixed(0)} ms over ${cycles} cycles after warm-up = **${(cpuMs / cycles).toFixed(2)} ms per cycle** (target <= 3 ms), of which ${(systemMs / cycles).toFixed(2)} ms in the kernel`,
  );
  const perCycle = Object.entries(window)
    .sort()
    .map(([k, v]) => `${k} ${(v / cycles).toFixed(2)}`)
    .join(', ');
  const perHour = (Object.values(window).reduce((a, b) => a + b, 0) / cycles) * 60;
  console.log(`requests per cycle: ${perCycle}`);
  console.log(`requests per VM-hour at a 60 s interval, steady metrics: **${perHour.toFixed(0)}** (whole run: ${JSON.stringify(total)})`);
  console.log(
    `memory targets: RSS <= 50 MB ${last.rss / 1024 <= 50 ? 'met' : 'NOT met'}, private <= 15 MB ${last.private / 1024 <= 15 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  return {
    rss: mb(last.rss),
    private: mb(last.private),
    anon: mb(last.anon),
    cpu: (cpuMs / cycles).toFixed(2),
    kernel: (systemMs / cycles).toFixed(2),
    perHour: perHour.toFixed(0),
    drift: mb(last.rss - samples[0].rss),
  };
}

const RUNS = [
  { n: 1, label: 'daemon (node dist/onegate-agent.cjs), push and adaptive pull (defaults)', start: () => startDaemon('full', {}) },
  {
    n: 2,
    label: 'daemon, collection and push cycle alone (pull.enabled: false)',
    start: () => startDaemon('push', { enabled: false }),
  },
  {
    n: 5,
    label: 'daemon, push and pull every cycle (pull.max_interval: 0)',
    start: () => startDaemon('every', { max_interval: 0 }),
  },
  ...EXECUTABLES.map((file) => ({
    n: 3,
    label: `single executable${process.env.AGENT_EXE ? ` (${basename(dirname(file))})` : ' (Node 22)'}, push and adaptive pull (defaults)`,
    start: () => startDaemon('exe', {}, file),
    when: () => existsSync(file),
    // Read back from disk, as after a boot: freshly written by postject, its pages would count as private
    // and RSS would read ~20 MB high (docs/packaging.md).
    before: () => execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']),
  })),
  {
    n: 4,
    label: 'baseline: bare node:http GET /vm + PUT /vm every second, keep-alive',
    start: () =>
      spawn(process.execPath, ['-e', BASELINE, JSON.stringify(sim.credentials(VMID))], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, ...UNIT_ENV },
      }),
  },
];
for (const node of [process.execPath, ...(process.env.AGENT_FLOOR_NODE ?? '').split(':').filter(Boolean)]) {
  RUNS.push({
    n: 6,
    label: `floor: ${node === process.execPath ? process.version : node} -e 'setInterval(() => {}, 1000)'`,
    start: () =>
      spawn(node, ['-e', 'setInterval(() => {}, 1000)'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...UNIT_ENV } }),
  });
}
const picked = process.env.AGENT_RUNS ? new Set(process.env.AGENT_RUNS.split(',').map(Number)) : undefined;

const { startOneGate } = await tsImport(new URL('test/simulator/index.ts', `file://${root}`).href, import.meta.url);
const sim = await startOneGate();
const scratch = mkdtempSync(join(tmpdir(), 'onegate-bench-agent-'));
// run_dir lives on tmpfs as /run does in a guest (ext4 makes every replace-by-rename flush the data).
const shm = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/onegate-bench-run-') : undefined;
const runRoot = shm ?? scratch;
const summary = [];
try {
  console.log(
    `VM ${VMID}; ${SECONDS} s per run; node ${process.version}; NODE_OPTIONS="${NODE_OPTIONS}"; MALLOC_TRIM_THRESHOLD_=${TRIM || 'unset'}`,
  );
  for (const run of RUNS) {
    if ((picked && !picked.has(run.n)) || (run.when && !run.when())) continue;
    console.log(`\n### ${run.n}. ${run.label}`);
    run.before?.();
    const r = await observe(run.start());
    summary.push({ label: run.label, ...report(r) });
  }
  // Private counts the executable's own file pages when no other process maps that file (the single
  // executable); anonymous memory is what the process itself allocated.
  console.log(
    '\n| run | RSS MB | RSS drift MB | private MB | anonymous MB | CPU ms per cycle (kernel) | requests per VM-hour at 60 s |\n|---|---|---|---|---|---|---|',
  );
  for (const s of summary)
    console.log(`| ${s.label} | ${s.rss} | ${s.drift} | ${s.private} | ${s.anon} | ${s.cpu} (${s.kernel}) | ${s.perHour} |`);
} finally {
  await sim.close();
  rmSync(scratch, { recursive: true, force: true });
  if (shm) rmSync(shm, { recursive: true, force: true });
}
