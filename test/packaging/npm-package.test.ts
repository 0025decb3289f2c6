// The npm package as a user gets it: packed from the built tree, installed into an empty project, its three
// commands run and its library imported (CommonJS, ESM and TypeScript), against the packaged simulator.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTypes } from '../../scripts/build.mjs';
import { type SimProcess, startSimProcess } from '../support/sim-process';
import { tempDir } from '../support/temp-dir';

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

const repo = resolve('.');
const work = tempDir('npm-package-');
const project = join(work, 'project');
const bin = (name: string): string => join(project, 'node_modules', '.bin', name);
const run = (file: string, args: string[], env: NodeJS.ProcessEnv = {}): string =>
  execFileSync(file, args, { cwd: project, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });

let packed: PackResult;
let sim: SimProcess | undefined;
let simUrl: string;

beforeAll(async () => {
  // dist/ is built by the global setup; npm pack's prepack would rebuild it under the other tests' feet.
  buildTypes();
  [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: repo, encoding: 'utf8' }),
  ) as PackResult[];
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(work, packed.filename)], {
    cwd: project,
    stdio: 'pipe',
    timeout: 120_000,
  });
  sim = await startSimProcess(bin('onegate-sim'), join(work, 'contexts'));
  simUrl = sim.url;
}, 180_000);

afterAll(() => {
  sim?.child.kill('SIGTERM');
});

describe('npm package', () => {
  it('ships the bundles, declarations, docs and licence, and no sources or tests', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/onegate.cjs',
        'bin/onegate-agent.cjs',
        'dist/onegate-sim.cjs',
        'dist/onegate-sim/default.yaml',
        'dist/lib.cjs',
        'dist/types/agent/index.d.ts',
        'LICENSE',
        'README.md',
        'docs/client.md',
      ]),
    );
    expect(paths.filter((p) => /^(test|agent|cli|scripts|packaging)\//.test(p) || (p.endsWith('.ts') && !p.endsWith('.d.ts')))).toEqual([]);
    // The single executables and other build products in dist/ stay out.
    expect(
      paths.filter(
        (p) => p.startsWith('dist/') && !/^dist\/(onegate|onegate-agent|onegate-sim|lib)\.cjs$|^dist\/(types|onegate-sim)\//.test(p),
      ),
    ).toEqual([]);
    expect(packed.size).toBeLessThan(400_000);
  });

  it('installs onegate and onegate-agent, which print their version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(run(bin('onegate-agent'), ['--version'])).toBe(`onegate-agent ${version}\n`);
    expect(run(bin('onegate'), ['--version'])).toContain(version);
  });

  it('installs onegate-sim, whose default world answers the installed onegate as VM 42', () => {
    const token = readFileSync(join(work, 'contexts', '42', 'token.txt'), 'utf8').trim();
    const env = { ONEGATE_ENDPOINT: simUrl, VMID: '42', TOKENTXT: token };
    const vm = JSON.parse(run(bin('onegate'), ['vm', 'show', '--json'], env)) as { VM: { ID: string } };
    expect(vm.VM.ID).toBe('42');
  });

  it('exports the client library to require() and to import', () => {
    const script = `
      const client = new OneGateClient({ credentials: { endpoint: process.env.URL, vmid: '42', token: process.env.TOKEN } });
      client.getVm().then((doc) => { console.log(doc.VM.ID, typeof parseContextSh, VERSION); client.close(); });`;
    const env = { URL: simUrl, TOKEN: readFileSync(join(work, 'contexts', '42', 'token.txt'), 'utf8').trim() };
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    writeFileSync(join(project, 'use.cjs'), `const { OneGateClient, parseContextSh, VERSION } = require('onegate-agent');${script}`);
    writeFileSync(join(project, 'use.mjs'), `import { OneGateClient, parseContextSh, VERSION } from 'onegate-agent';${script}`);
    expect(run(process.execPath, ['use.cjs'], env)).toBe(`42 function ${version}\n`);
    expect(run(process.execPath, ['use.mjs'], env)).toBe(`42 function ${version}\n`);
  });

  it('gives TypeScript programs the declarations, which catch a wrong call', { timeout: 120_000 }, () => {
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const options = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--typeRoots',
      join(repo, 'node_modules', '@types'),
      '--types',
      'node',
    ];
    writeFileSync(
      join(project, 'good.mts'),
      `import { OneGateClient, type VmDocument } from 'onegate-agent';\n` +
        `const client = new OneGateClient({ credentials: { endpoint: 'http://127.0.0.1:1', vmid: '1', token: 't' } });\n` +
        `const doc: VmDocument = await client.getVm();\nconsole.log(doc.VM.ID);\n`,
    );
    writeFileSync(join(project, 'bad.mts'), `import { OneGateClient } from 'onegate-agent';\nnew OneGateClient({ credentials: 42 });\n`);
    // One compiler run for both files (it takes seconds): only the wrong call may be reported.
    const checked = spawnSync(process.execPath, [tsc, ...options, 'good.mts', 'bad.mts'], {
      cwd: project,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const errors = checked.stdout.split('\n').filter((line) => /error TS/.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^bad\.mts\(2,.*error TS\d+:.*not assignable/);
  });
});
