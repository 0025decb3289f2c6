// `npm run bench` (or `node scripts/bench/cli.mjs [RUNS]` after `npm run build`): start-up cost of the
// bundled `onegate` CLI. Median wall time, median CPU time (user+sys, steadier than wall time on a busy
// machine) and peak RSS over RUNS runs (default 21) of `onegate vm show`, `vm show --json` and
// `vm update --data`, against the simulator on 127.0.0.1, beside `node -e 0` (the floor) and `--help`
// (start-up without HTTP). Commands are interleaved so that load changes hit all of them alike.
// Targets (issue 4): median <= 65 ms and peak RSS <= 45 MB on a machine where `node -e 0` takes ~50 ms.
// RSS and CPU come from GNU time (/usr/bin/time); without it only wall time is reported.
import { spawn } from 'node:child_process';
import { get } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('../../', import.meta.url).pathname;
const cli = join(repo, 'dist/onegate.cjs');
const runs = Number(process.argv[2] ?? 21);
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

function startSimulator(contexts) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/simulator/main.ts', '--listen', '127.0.0.1:0', '--contexts', contexts, '--quiet'],
    { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${err}`)), 60_000);
    child.stderr.setEncoding('utf8').on('data', (d) => {
      err += d;
      const m = /OneGate on (http:\/\/\S+?),?\s/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}: ${err}`)));
  });
}

/** One timed run: wall ms, and with GNU time CPU ms and max RSS KB. */
function timedRun(argv, env) {
  const [cmd, args] = hasTime ? [TIME, ['-f', '@@ %U %S %M', ...argv]] : [argv[0], argv.slice(1)];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => { err += d; });
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`));
      const m = /@@ ([\d.]+) ([\d.]+) (\d+)\s*$/.exec(err);
      resolve({ wall, cpu: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, rss: m ? Number(m[3]) / 1024 : NaN });
    });
  });
}

/** How long the simulator itself takes to answer GET /vm (fresh connection), to separate it from start-up. */
function serverTime(url, vmid, token) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    get(`${url}/vm`, { headers: { 'X-ONEGATE-VMID': vmid, 'X-ONEGATE-TOKEN': token }, agent: false }, (res) => {
      res.resume().on('end', () => resolve(Number(process.hrtime.bigint() - started) / 1e6));
    }).on('error', reject);
  });
}

// The least any Node program must do for `vm show`: node:http GET, JSON.parse, one line out. The gap between
// this and `onegate vm show` is what the CLI itself costs.
const BARE_GET = `const e=process.env;require('http').get(e.ONEGATE_ENDPOINT+'/vm',{headers:{'X-ONEGATE-VMID':e.VMID,` +
  `'X-ONEGATE-TOKEN':e.TOKENTXT}},(r)=>{let b='';r.setEncoding('utf8').on('data',(d)=>b+=d).on('end',()=>` +
  `process.stdout.write('VM '+JSON.parse(b).VM.ID+'\\n'))})`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const contexts = mkdtempSync(join(tmpdir(), 'onegate-bench-'));
const { child, url } = await startSimulator(contexts);
try {
  const token = readFileSync(join(contexts, '42', 'token.txt'), 'utf8').trim();
  const env = { PATH: process.env.PATH, ONEGATE_ENDPOINT: url, VMID: '42', TOKENTXT: token };
  const cases = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ['bare node:http GET /vm', [process.execPath, '-e', BARE_GET]],
    ['onegate --help', [process.execPath, cli, '--help']],
    ['onegate vm show', [process.execPath, cli, 'vm', 'show']],
    ['onegate vm show --json', [process.execPath, cli, 'vm', 'show', '--json']],
    ['onegate vm update --data', [process.execPath, cli, 'vm', 'update', '--data', 'BENCH=1']],
  ];
  const results = new Map(cases.map(([name]) => [name, []]));
  for (const [, argv] of cases) await timedRun(argv, env); // warm-up: page cache, simulator JIT
  const server = [];
  for (let i = 0; i < runs; i++) {
    for (const [name, argv] of cases) results.get(name).push(await timedRun(argv, env));
    server.push(await serverTime(url, '42', token));
  }
  console.log(`${runs} runs each, interleaved; node ${process.version}; simulator ${url}`);
  console.log('| command | median wall ms | median CPU ms | peak RSS MB |\n|---|---|---|---|');
  for (const [name, rs] of results) {
    const rss = Math.max(...rs.map((r) => r.rss));
    console.log(`| ${name} | ${median(rs.map((r) => r.wall)).toFixed(1)} | ${hasTime ? median(rs.map((r) => r.cpu)).toFixed(0) : 'n/a'} | ${hasTime ? rss.toFixed(1) : 'n/a'} |`);
  }
  console.log(`simulator answer to GET /vm on a fresh connection: median ${median(server).toFixed(1)} ms (included in the wall times above)`);
  if (!hasTime) console.log('(install GNU time as /usr/bin/time for CPU and RSS figures)');
} finally {
  child.kill('SIGTERM');
  rmSync(contexts, { recursive: true, force: true });
}
