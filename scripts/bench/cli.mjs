// `npm run bench` (or `node scripts/bench/cli.mjs [RUNS]` after `npm run build`): start-up cost of the
// bundled `onegate` CLI. Median wall time, median CPU time (user+sys, steadier than wall time on a busy
// machine) and peak RSS over RUNS runs (default 21) of `onegate vm show`, `vm show --json` and
// `vm update --data`, against the simulator on 127.0.0.1, beside `node -e 0` (the floor) and `--help`
// (start-up without HTTP). Commands are interleaved so that load changes hit all of them alike.
// Targets (issue 4): median <= 65 ms and peak RSS <= 45 MB on a machine where `node -e 0` takes ~50 ms.
// CPU time comes from bash's `times` (children's user+sys, 1 ms resolution: GNU time's 10 ms steps hide
// the few-ms differences that matter here); peak RSS from GNU time (/usr/bin/time) when installed.
// When the single executable dist/onegate-agent-linux-x64 exists (`npm run package -- --arch x64 --formats
// sea`), its `vm show`, `vm show --json` and `vm update --data` run too, through a link named `onegate` as
// installed, beside `node -e 0` of the pinned Node 22 it is made from (its floor). BENCH_SEA=FILE[:FILE...]
// names other executables instead (to compare builds; each row carries the file's directory). Their page
// cache is dropped first, as after a boot: right after postject wrote it, the same executable peaks at
// 55-58 MB RSS instead of 41 MB, as each page fault maps far more of the file (docs/packaging.md).
// BENCH_RUBY_ONEGATE=FILE (one-apps' context-linux onegate.rb, e.g. from the reference harness) runs the real Ruby
// client's `vm show --json` in the same rounds and prints the issue 15 ratio: the single executable's (else the
// bundle's) median wall time over Ruby's, after checking that both print the same bytes.
// BENCH_COLD=1 drops the whole page cache before every run (root only: /proc/sys/vm/drop_caches), as at
// the first command after a boot.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

const repo = new URL('../../', import.meta.url).pathname;
const cli = join(repo, 'dist/onegate.cjs');
const runs = Number(process.argv[2] ?? 21);
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const COLD = process.env.BENCH_COLD === '1';
const seas = process.env.BENCH_SEA ? process.env.BENCH_SEA.split(':') : [join(repo, 'dist/onegate-agent-linux-x64')].filter(existsSync);

function startSimulator(contexts) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/simulator/main.ts', '--listen', '127.0.0.1:0', '--contexts', contexts, '--quiet'],
    { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] },
  );
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

// Runs "$@", then prints the children's CPU times (the second line of `times`, e.g. "0m0.052s 0m0.012s").
const TIMES = 'exec 3>&2 2>/dev/null; "$@"; s=$?; times >&3; exit $s';

/** One timed run: wall ms, CPU ms (user+sys), and with GNU time max RSS MB. */
function timedRun(argv, env) {
  if (COLD) writeFileSync('/proc/sys/vm/drop_caches', '3');
  const timed = ['/bin/bash', '-c', TIMES, 'bash', ...argv];
  const [cmd, args] = hasTime ? [TIME, ['-f', '@@ %M', ...timed]] : [timed[0], timed.slice(1)];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0) return reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`));
      const t = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*(?:@@ \d+\s*)?$/.exec(err);
      const m = /@@ (\d+)\s*$/.exec(err);
      const cpu = t ? (Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4])) * 1000 : NaN;
      resolve({ wall, cpu, rss: m ? Number(m[1]) / 1024 : NaN });
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

// A node:http GET, JSON.parse, one line out: what a Node client on Node's own HTTP client costs (the CLI's
// floor until it spoke HTTP itself).
const BARE_GET =
  `const e=process.env;require('http').get(e.ONEGATE_ENDPOINT+'/vm',{headers:{'X-ONEGATE-VMID':e.VMID,` +
  `'X-ONEGATE-TOKEN':e.TOKENTXT}},(r)=>{let b='';r.setEncoding('utf8').on('data',(d)=>b+=d).on('end',()=>` +
  `process.stdout.write('VM '+JSON.parse(b).VM.ID+'\\n'))})`;

// The least any Node client can do at all: HTTP/1.0 by hand on node:net, read to the end, one line out. The
// CLI speaks HTTP/1.1 on node:net too (agent/onegate/transport/wire.ts), so this is its floor.
const BARE_NET =
  `const e=process.env;const u=new URL(e.ONEGATE_ENDPOINT);const s=require('net').connect(+u.port,u.hostname,()=>` +
  `s.write('GET /vm HTTP/1.0\\r\\nHost: '+u.host+'\\r\\nX-ONEGATE-VMID: '+e.VMID+'\\r\\nX-ONEGATE-TOKEN: '+e.TOKENTXT+'\\r\\n\\r\\n'));` +
  `const c=[];s.on('data',(d)=>c.push(d)).on('end',()=>{const b=Buffer.concat(c).toString();` +
  `process.stdout.write('VM '+JSON.parse(b.slice(b.indexOf('\\r\\n\\r\\n')+4)).VM.ID+'\\n')})`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const contexts = mkdtempSync(join(tmpdir(), 'onegate-bench-'));
const { child, url } = await startSimulator(contexts);
try {
  const token = readFileSync(join(contexts, '42', 'token.txt'), 'utf8').trim();
  const env = { PATH: process.env.PATH, ONEGATE_ENDPOINT: url, VMID: '42', TOKENTXT: token };
  // Scripts run from files, as the CLI is (`node -e` loads the ES module loader on top).
  const scripts = join(contexts, 'scripts');
  mkdirSync(scripts);
  writeFileSync(join(scripts, 'empty.cjs'), '');
  writeFileSync(join(scripts, 'bare-get.cjs'), BARE_GET);
  writeFileSync(join(scripts, 'bare-net.cjs'), BARE_NET);
  // The CLI's fallback when neither the environment nor one_env has the credentials: discovery finds the
  // simulator's context.sh and token.txt in /context (as in an LXC guest). No blkid on PATH, so that the
  // figure is the agent's own cost, not a program's start.
  const root = join(contexts, 'root');
  mkdirSync(join(root, 'context'), { recursive: true });
  for (const file of ['context.sh', 'token.txt']) writeFileSync(join(root, 'context', file), readFileSync(join(contexts, '42', file)));
  const discoveryEnv = { PATH: '/nonexistent', ONEGATE_CONTEXT_ROOT: root };
  const cases = [
    ['node -e 0', [process.execPath, '-e', '0']],
    ['node empty.cjs', [process.execPath, join(scripts, 'empty.cjs')]],
    ['bare node:http GET /vm', [process.execPath, join(scripts, 'bare-get.cjs')]],
    ['bare node:net GET /vm (HTTP/1.0 by hand)', [process.execPath, join(scripts, 'bare-net.cjs')]],
    ['onegate --help', [process.execPath, cli, '--help']],
    ['onegate vm show', [process.execPath, cli, 'vm', 'show']],
    ['onegate vm show --json', [process.execPath, cli, 'vm', 'show', '--json']],
    ['onegate vm update --data', [process.execPath, cli, 'vm', 'update', '--data', 'BENCH=1']],
    ['onegate vm show, credentials by discovery (/context)', [process.execPath, cli, 'vm', 'show'], discoveryEnv],
  ];
  if (seas.length > 0) {
    const node22 = execFileSync('bash', [join(repo, 'packaging/sea/fetch-node.sh'), 'x64'], { encoding: 'utf8' }).trim();
    for (const file of [node22, ...seas]) execFileSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0', 'status=none']);
    cases.push([
      `node ${execFileSync(node22, ['--version'], { encoding: 'utf8' }).trim()} -e 0 (the single executable's runtime)`,
      [node22, '-e', '0'],
    ]);
    seas.forEach((sea, i) => {
      const link = join(contexts, `sea-${i}`, 'onegate');
      mkdirSync(dirname(link));
      symlinkSync(sea, link);
      const label = `single executable${seas.length > 1 ? ` (${basename(dirname(sea))})` : ''}: onegate`;
      cases.push(
        [`${label} vm show`, [link, 'vm', 'show']],
        [`${label} vm show --json`, [link, 'vm', 'show', '--json']],
        [`${label} vm update --data`, [link, 'vm', 'update', '--data', 'BENCH=1']],
      );
    });
  }
  const ruby = process.env.BENCH_RUBY_ONEGATE;
  const RUBY_CASE = 'the real Ruby onegate.rb vm show --json';
  if (ruby) cases.push([RUBY_CASE, ['ruby', ruby, 'vm', 'show', '--json']]);
  const results = new Map(cases.map(([name]) => [name, []]));
  for (const [, argv, caseEnv] of cases) await timedRun(argv, caseEnv ?? env); // warm-up: page cache, simulator JIT
  const server = [];
  for (let i = 0; i < runs; i++) {
    for (const [name, argv, caseEnv] of cases) results.get(name).push(await timedRun(argv, caseEnv ?? env));
    server.push(await serverTime(url, '42', token));
  }
  console.log(
    `${runs} runs each, interleaved, ${COLD ? 'cold' : 'warm'} page cache; node ${process.version}; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]} at the end; simulator ${url}`,
  );
  console.log('| command | median wall ms | median CPU ms | peak RSS MB |\n|---|---|---|---|');
  for (const [name, rs] of results) {
    const rss = Math.max(...rs.map((r) => r.rss));
    console.log(
      `| ${name} | ${median(rs.map((r) => r.wall)).toFixed(1)} | ${median(rs.map((r) => r.cpu)).toFixed(0)} | ${hasTime ? rss.toFixed(1) : 'n/a'} |`,
    );
  }
  console.log(
    `simulator answer to GET /vm on a fresh connection: median ${median(server).toFixed(1)} ms (included in the wall times above)`,
  );
  if (ruby) {
    const ours = cases.findLast(([name]) => name.endsWith('onegate vm show --json'));
    const same = execFileSync(ours[1][0], ours[1].slice(1), { env }).equals(execFileSync('ruby', [ruby, 'vm', 'show', '--json'], { env }));
    const wall = (name) => median(results.get(name).map((r) => r.wall));
    console.log(
      `ratio to Ruby (issue 15, target <= 0.30): ${ours[0]} / ${RUBY_CASE} = ${(wall(ours[0]) / wall(RUBY_CASE)).toFixed(2)}; ${same ? 'identical' : 'DIFFERENT'} bytes`,
    );
  }
  if (!hasTime) console.log('(install GNU time as /usr/bin/time for the RSS figures)');
} finally {
  child.kill('SIGTERM');
  rmSync(contexts, { recursive: true, force: true });
}
