// `npm start`: the OneGate simulator (default fixture, contexts written to a temporary directory) and the
// built agent running as VM 42, a node of service 7, at a 5 s interval. Shows, live, READY being reported,
// the attributes the agent pushed (read back from the simulator's control API) and the service document
// the agent pulled; scales the service's "web" role once so the pull shows the change. Ctrl-C stops both
// and removes the temporary directory. `--duration SECONDS` stops by itself (used by the smoke test).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const VMID = 42;
const durationArg = process.argv.indexOf('--duration');
const duration = durationArg > 0 ? Number(process.argv[durationArg + 1]) : 0;
const dir = mkdtempSync(join(tmpdir(), 'onegate-agent-demo-'));
const children = [];
let stopping = false;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function start(name, args, show) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let rest = '';
  child.stderr.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop();
    for (const line of lines) if (show(line)) console.log(`  [${name}] ${line.replace(/^<\d>/, '')}`);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.log(`${name} exited (${code ?? signal}); stopping`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

async function waitUntil(check, ms, what) {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function control(path, init) {
  const res = await fetch(`${controlUrl}${path}`, init);
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
  return res.status === 204 ? null : res.json();
}

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  clearInterval(ticker);
  for (const child of children.reverse()) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
  console.log('demo stopped');
  process.exit(code);
}

const [port, controlPort] = [await freePort(), await freePort()];
const controlUrl = `http://127.0.0.1:${controlPort}`;
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

console.log(`Starting the OneGate simulator on 127.0.0.1:${port} (control ${controlPort}), contexts in ${dir}/ctx`);
start(
  'simulator',
  [
    '--import',
    'tsx',
    'test/simulator/main.ts',
    '--listen',
    `127.0.0.1:${port}`,
    '--control',
    `127.0.0.1:${controlPort}`,
    '--contexts',
    join(dir, 'ctx'),
    '--quiet',
  ],
  () => true,
);
await waitUntil(async () => (await control('/health')).ok && existsSync(join(dir, `ctx/${VMID}/token.txt`)), 30_000, 'the simulator');

const config = join(dir, 'agent.yaml');
writeFileSync(
  config,
  [
    'interval: 5',
    'log_level: info',
    `state_dir: ${dir}/state`,
    `run_dir: ${dir}/run`,
    'context:',
    '  poll: 5',
    'attributes:',
    "  directory: ''",
    '  static:',
    '    DEMO: "yes"',
  ].join('\n') + '\n',
);
console.log(`Starting the agent as VM ${VMID} (context ${dir}/ctx/${VMID}, interval 5 s); Ctrl-C stops the demo\n`);
start('agent', ['dist/onegate-agent.cjs', 'run', '--config', config, '--context-dir', join(dir, `ctx/${VMID}`)], () => true);

let round = 0;
let lastShown = '';
async function show() {
  round++;
  const vm = await control(`/vms/${VMID}`);
  const ut = vm.USER_TEMPLATE ?? {};
  const pushed = Object.entries(ut).filter(([k]) => /^(READY|DEMO|CPU_|MEM_|SWAP_|LOAD|NET_|DISK_)/.test(k));
  const servicePath = join(dir, 'run/service.json');
  let roles = 'not pulled yet';
  if (existsSync(servicePath)) {
    const doc = JSON.parse(readFileSync(servicePath, 'utf8'));
    const list = doc?.SERVICE?.roles ?? [];
    roles = list.map((r) => `${r.name}: ${(r.nodes ?? []).map((n) => n.vm_info?.VM?.ID ?? n.deploy_id).join(', ')}`).join('; ');
  }
  const text =
    `READY=${ut.READY ?? '(not yet)'} | pushed: ${
      pushed
        .filter(([k]) => k !== 'READY')
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '(nothing yet)'
    }\n` + `  service 7 as pulled by the agent (${dir}/run/service.json): ${roles}`;
  if (text !== lastShown) console.log(`\n[${new Date().toISOString().slice(11, 19)}] ${text}`);
  lastShown = text;
  if (round === 8) {
    console.log('\nScaling role "web" of service 7 to 3 nodes through the simulator\'s control API...');
    await control('/services/7/roles/web', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cardinality: 3 }),
    });
  }
}
const ticker = setInterval(() => {
  show().catch((e) => console.log(`  (control API: ${e.message})`));
}, 2000);
if (duration > 0) setTimeout(() => void stop(0), duration * 1000);
