// `npm run bench hostile` (or `node scripts/bench/hostile.mjs [RUNS]` after `npm run build`): peak RSS of the
// bundled `onegate vm show`, `onegate-agent once` and the daemon (`onegate-agent run` for DAEMON_SECONDS, default
// 8, with the unit file's NODE_OPTIONS and MALLOC_TRIM_THRESHOLD_, then SIGTERM) against the worst hostile servers of test/hostile/, beside
// `node -e 0` in the same run. Target (issue 18): <= 64 MB whatever the server sends. Peak RSS is the process's
// own maxRSS (getrusage), written at exit by a preloaded hook, so it needs no GNU time. Reports the maximum over
// RUNS runs (default 3) per row. The last rows are the largest realistic document: `onegate service show
// --extended` (text and --json) on the simulator's service 7 scaled to BIG_NODES nodes (default 1000), with its
// size, under a 4 MiB limit. HOSTILE_ONLY=REGEX measures only the matching rows; BENCH_CAP_MIB=N runs every
// program with a body limit of N MiB (and near-limit answers just under it) instead of the default 1 MiB.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UNIT_ENV } from './lib/unit-env.mjs';

const repo = new URL('../../', import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 3);
const DAEMON_MS = Number(process.env.DAEMON_SECONDS ?? 8) * 1000;
const BIG_NODES = Number(process.env.BIG_NODES ?? 1000);
// The default maxResponseBytes (agent/onegate/options.ts; BENCH_CAP_MIB for another): near-cap answers are just under it.
const CAP = Number(process.env.BENCH_CAP_MIB ?? 1) * 1024 * 1024;
const capEnv = process.env.BENCH_CAP_MIB ? { ONEGATE_MAX_RESPONSE_MIB: process.env.BENCH_CAP_MIB } : {};
const dir = mkdtempSync(join(tmpdir(), 'onegate-bench-hostile-'));
const preload = join(dir, 'rss.cjs');
writeFileSync(preload, "process.on('exit', () => require('node:fs').writeSync(2, `\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");

/** A valid GET /vm answer of exactly `size` bytes whose VM carries `fill` repeated (a string or small values). */
function nearCap(size, open, unit, close) {
  const head = `{"VM":{"ID":"42","NAME":"web_0","STATE":"3","LCM_STATE":"3","TEMPLATE":{"NIC":[]},"USER_TEMPLATE":{"X":${open}`;
  const room = size - head.length - close.length - 3;
  const body = head + unit.repeat(Math.floor(room / unit.length)) + close + '}}}';
  return `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

// Each: the first bytes, then a piece repeated for ever (as fast as the socket drains, or every `everyMs`),
// or a whole answer (`once`).
const WORST = {
  'endless 1-byte chunks': { first: 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', piece: '1\r\na\r\n'.repeat(128 * 1024) },
  'endless body': { first: 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n', piece: 'a'.repeat(256 * 1024) },
  'endless head': { first: 'HTTP/1.1 200 OK\r\nX-Big: ', piece: 'a'.repeat(16 * 1024) },
  'many headers': { first: 'HTTP/1.1 200 OK\r\n', piece: 'X-A: 1\r\n'.repeat(2048) },
  'slowloris head': { first: 'HTTP/1.1 200 OK\r\nX-Slow: ', piece: 'a', everyMs: 50 },
  'near-cap JSON string': { once: nearCap(CAP - 64, '"', 'a', '"') },
  'near-cap JSON of small values': { once: nearCap(CAP - 64, '[', '{},', '{}]') },
};

/** A server answering every request head with `first` and then `piece`s, or with `once`. */
async function hostile({ first, piece, everyMs, once }) {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    let timer;
    socket
      .on('error', () => {})
      .on('close', () => {
        sockets.delete(socket);
        clearInterval(timer);
      });
    socket.on('data', () => {
      if (once) return void socket.write(once);
      if (timer || socket.listenerCount('drain') > 0) return;
      socket.write(first);
      if (everyMs) {
        timer = setInterval(() => socket.write(piece), everyMs);
        return;
      }
      const pump = () => {
        while (!socket.destroyed && socket.write(piece));
      };
      socket.on('drain', pump);
      pump();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

/** Peak RSS in MB of `node -r preload ARGS`, and its last stderr line that is not the hook's ('accepted' on 0). */
function peak(args, { env = {}, stopAfterMs } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', preload, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => {
      err += d;
    });
    const stop = stopAfterMs && setTimeout(() => child.kill('SIGTERM'), stopAfterMs);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearTimeout(stop);
      const kb = Number(/MAXRSS_KB=(\d+)/.exec(err)?.[1] ?? Number.NaN);
      const lines = err.split('\n').filter((l) => l !== '' && !l.startsWith('MAXRSS_KB='));
      const said = lines.find((l) => /bad answer|error|fatal|heap/i.test(l)) ?? lines.at(-1) ?? '';
      resolve({ mb: kb / 1024, said: said || (code === 0 ? 'accepted' : `exit ${code}`) });
    });
  });
}

function agentFiles(url, name) {
  const ctx = join(dir, `ctx-${name}`);
  mkdirSync(ctx, { recursive: true });
  writeFileSync(join(ctx, 'context.sh'), `ONEGATE_ENDPOINT='${url}'\nVMID='42'\nTOKEN='YES'\n`);
  writeFileSync(join(ctx, 'token.txt'), 'dG9rZW4=\n', { mode: 0o600 });
  const config = join(dir, `agent-${name}.yaml`);
  writeFileSync(
    config,
    [
      `state_dir: ${join(dir, `state-${name}`)}`,
      `run_dir: ${join(dir, `run-${name}`)}`,
      'log_level: warn',
      'interval: 2',
      'jitter: 0',
      `onegate:\n  timeout: 5${process.env.BENCH_CAP_MIB ? `\n  max_response_size: ${process.env.BENCH_CAP_MIB}` : ''}`,
      "hooks:\n  directory: ''",
      "attributes:\n  directory: ''\n  static:\n    ROLE: db",
      '',
    ].join('\n'),
  );
  return { ctx, config };
}

// HOSTILE_ONLY=REGEX measures only the rows whose name matches (the baseline always).
const only = process.env.HOSTILE_ONLY ? new RegExp(process.env.HOSTILE_ONLY) : undefined;
const rows = [];
async function row(name, measure) {
  if (only && !only.test(name) && !name.startsWith('node -e 0')) return;
  let worst = { mb: 0, said: '' };
  for (let i = 0; i < runs; i++) {
    const r = await measure();
    if (!(r.mb <= worst.mb)) worst = r;
  }
  rows.push({ name, ...worst });
}

/** The simulator bundle with service 7's role web scaled to `nodes`; the size of its extended service document. */
async function bigService(nodes) {
  const sim = spawn(
    process.execPath,
    [join(repo, 'dist/onegate-sim.cjs'), '--listen', '127.0.0.1:0', '--control', '127.0.0.1:0', '--contexts', join(dir, 'sim'), '--quiet'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  for (const stream of [sim.stdout, sim.stderr])
    stream.setEncoding('utf8').on('data', (d) => {
      out += d;
    });
  const deadline = Date.now() + 15_000;
  while (!/control/i.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const [url, control] = [...out.matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
  await fetch(`${control}/services/7/roles/web`, { method: 'PUT', body: JSON.stringify({ cardinality: nodes }) });
  return { url, sim };
}

try {
  await row('node -e 0 (baseline)', () => peak(['-e', '0']));
  for (const [name, answer] of Object.entries(WORST)) {
    const server = await hostile(answer);
    try {
      const env = { ONEGATE_ENDPOINT: server.url, VMID: '42', TOKENTXT: 'dG9rZW4=', ONEGATE_CONTEXT_ROOT: dir, ...capEnv };
      await row(`onegate vm show, ${name}`, () => peak([join(repo, 'dist/onegate.cjs'), 'vm', 'show', '--timeout', '5'], { env }));
      const { ctx, config } = agentFiles(server.url, name.replace(/\W+/g, '-'));
      const agent = join(repo, 'dist/onegate-agent.cjs');
      await row(`onegate-agent once, ${name}`, () => peak([agent, 'once', '--config', config, '--context-dir', ctx]));
      await row(`daemon (run, unit environment), ${name}`, () =>
        peak([agent, 'run', '--config', config, '--context-dir', ctx], {
          env: UNIT_ENV,
          stopAfterMs: DAEMON_MS,
        }),
      );
    } finally {
      await server.close();
    }
  }
  const { url, sim } = await bigService(BIG_NODES);
  try {
    const token = (await import('node:fs')).readFileSync(join(dir, 'sim/42/token.txt'), 'utf8').trim();
    // Over the default limit: as a user would ask for it.
    const env = { ONEGATE_ENDPOINT: url, VMID: '42', TOKENTXT: token, ONEGATE_CONTEXT_ROOT: dir, ONEGATE_MAX_RESPONSE_MIB: '4' };
    const doc = await fetch(`${url}/service?extended=true`, { headers: { 'X-ONEGATE-TOKEN': token, 'X-ONEGATE-VMID': '42' } });
    const bytes = (await doc.arrayBuffer()).byteLength;
    const size = `${BIG_NODES} nodes (${(bytes / 1024 / 1024).toFixed(2)} MB), 4 MiB limit`;
    await row(`onegate service show --extended --json, ${size}`, () =>
      peak([join(repo, 'dist/onegate.cjs'), 'service', 'show', '--extended', '--json'], { env }),
    );
    await row(`onegate service show --extended, ${size}`, () =>
      peak([join(repo, 'dist/onegate.cjs'), 'service', 'show', '--extended'], { env }),
    );
  } finally {
    sim.kill();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`peak RSS, max of ${runs} runs (target <= 64 MB; near-cap answers ${CAP - 64} bytes)`);
for (const r of rows) console.log(`${r.name.padEnd(62)} ${r.mb.toFixed(1).padStart(6)} MB  ${r.said.slice(0, 100)}`);
const over = rows.filter((r) => !(r.mb <= 64)).map((r) => r.name);
console.log(over.length === 0 ? 'all within 64 MB' : `over 64 MB: ${over.join('; ')}`);
