// `npm run bench` (or `node scripts/bench/hostile.mjs [RUNS]` after `npm run build`): peak RSS of the bundled
// `onegate vm show` and `onegate-agent once` against the worst hostile servers of test/hostile/ (endless 1-byte
// chunks, an endless head, an endless body: each runs until the client's limit refuses it), beside `node -e 0`
// in the same run. Target (issue 18): <= 64 MB whatever the server sends. Peak RSS is the process's own
// maxRSS (getrusage), written at exit by a preloaded hook, so it needs no GNU time. Reports the maximum over RUNS
// runs (default 3) per row.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('../../', import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 3);
const dir = mkdtempSync(join(tmpdir(), 'onegate-bench-hostile-'));
const preload = join(dir, 'rss.cjs');
writeFileSync(preload, "process.on('exit', () => require('node:fs').writeSync(2, `\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");

const WORST = {
  'endless 1-byte chunks': ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n', '1\r\na\r\n'.repeat(128 * 1024)],
  'endless head': ['HTTP/1.1 200 OK\r\nX-Big: ', 'a'.repeat(16 * 1024)],
  'endless body': ['HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n', 'a'.repeat(256 * 1024)],
};

/** A server answering every request head with `first`, then `piece` as fast as the socket drains. */
async function hostile([first, piece]) {
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {}).on('close', () => sockets.delete(socket));
    socket.once('data', () => {
      const pump = () => {
        while (!socket.destroyed && socket.write(piece));
      };
      socket.write(first);
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

/** Peak RSS in MB of `node -r preload ARGS`, and its last stderr line that is not the hook's. */
function peak(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', preload, ...args], {
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', () => {
      clearTimeout(timer);
      const kb = Number(/MAXRSS_KB=(\d+)/.exec(err)?.[1] ?? Number.NaN);
      const said =
        err
          .split('\n')
          .filter((l) => l !== '' && !l.startsWith('MAXRSS_KB='))
          .at(-1) ?? '';
      resolve({ mb: kb / 1024, said });
    });
  });
}

function agentFiles(url) {
  const ctx = join(dir, 'ctx');
  mkdirSync(ctx, { recursive: true });
  writeFileSync(join(ctx, 'context.sh'), `ONEGATE_ENDPOINT='${url}'\nVMID='42'\nTOKEN='YES'\n`);
  writeFileSync(join(ctx, 'token.txt'), 'dG9rZW4=\n', { mode: 0o600 });
  const config = join(dir, 'agent.yaml');
  writeFileSync(
    config,
    `state_dir: ${join(dir, 'state')}\nrun_dir: ${join(dir, 'run')}\nattributes:\n  directory: ''\n  static:\n    ROLE: db\n`,
  );
  return { ctx, config };
}

const rows = [];
async function row(name, measure) {
  let worst = { mb: 0, said: '' };
  for (let i = 0; i < runs; i++) {
    const r = await measure();
    if (!(r.mb <= worst.mb)) worst = r;
  }
  rows.push({ name, ...worst });
}

try {
  await row('node -e 0 (baseline)', () => peak(['-e', '0']));
  for (const [name, answer] of Object.entries(WORST)) {
    const server = await hostile(answer);
    try {
      const env = { ONEGATE_ENDPOINT: server.url, VMID: '42', TOKENTXT: 'dG9rZW4=', ONEGATE_CONTEXT_ROOT: dir };
      await row(`onegate vm show, ${name}`, () => peak([join(repo, 'dist/onegate.cjs'), 'vm', 'show'], env));
      const { ctx, config } = agentFiles(server.url);
      await row(`onegate-agent once, ${name}`, () =>
        peak([join(repo, 'dist/onegate-agent.cjs'), 'once', '--config', config, '--context-dir', ctx]),
      );
    } finally {
      await server.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(`peak RSS, max of ${runs} runs (target <= 64 MB)`);
for (const r of rows) console.log(`${r.name.padEnd(44)} ${r.mb.toFixed(1).padStart(6)} MB  ${r.said.slice(0, 90)}`);
const over = rows.filter((r) => !(r.mb <= 64)).map((r) => r.name);
console.log(over.length === 0 ? 'all within 64 MB' : `over 64 MB: ${over.join('; ')}`);
