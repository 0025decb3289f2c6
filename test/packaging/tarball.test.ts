// packaging/tarball/build-tarball.sh on a small stage, read back with GNU tar (not our writer): the
// simulator is a command of the linux tarballs (--simulator) and of nothing else, runs from where the
// tarball puts it (its built-in world beside its real path) and has its man page. dist/ is built by the
// global setup.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SimProcess, startSimProcess } from '../support/sim-process';
import { tempDir } from '../support/temp-dir';

const work = tempDir('tarball-');
const stage = join(work, 'stage');
const notes = join(work, 'INSTALL');
const root = join(work, 'root');

/** Builds a .tar.gz of the stage (with `extra` options); returns its path. */
function build(name: string, extra: string[]): string {
  const file = join(work, `${name}.tar.gz`);
  execFileSync('bash', ['packaging/tarball/build-tarball.sh', stage, file, notes, ...extra], { stdio: 'pipe', timeout: 60_000 });
  return file;
}

/** `tar -tv` of a tarball: path -> "mode owner/group -> link target". */
function listing(file: string): Map<string, string> {
  const lines = execFileSync('tar', ['-tvzf', file, '--numeric-owner'], { encoding: 'utf8' }).trimEnd().split('\n');
  return new Map(
    lines.map((line) => {
      const [mode, owner, , , , path, arrow, target] = line.split(/\s+/);
      return [path.replace(/^\.\//, ''), `${mode} ${owner}${arrow === '->' ? ` -> ${target}` : ''}`];
    }),
  );
}

let withSim: string;
let sim: SimProcess | undefined;
beforeAll(() => {
  mkdirSync(join(stage, 'usr/bin'), { recursive: true });
  writeFileSync(join(stage, 'usr/bin/onegate-agent'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(notes, 'notes\n');
  withSim = build('with-sim', ['--simulator']);
  mkdirSync(root);
  execFileSync('tar', ['-xzf', withSim, '-C', root]);
});
afterAll(() => {
  sim?.child.kill('SIGTERM');
});

describe('packaging/tarball/build-tarball.sh', () => {
  it('ships onegate-sim with --simulator: the bundle, its world, the command link and the man page, owned by root', () => {
    const files = listing(withSim);
    expect(files.get('usr/bin/onegate-sim')).toBe('lrwxrwxrwx 0/0 -> ../lib/onegate-agent/onegate-sim.cjs');
    expect(files.get('usr/lib/onegate-agent/onegate-sim.cjs')).toBe('-rwxr-xr-x 0/0');
    expect(files.get('usr/lib/onegate-agent/onegate-sim/default.yaml')).toBe('-rw-r--r-- 0/0');
    expect(files.get('usr/lib/onegate-agent/onegate-sim/')).toBe('drwxr-xr-x 0/0');
    expect(files.get('usr/share/man/man1/onegate-sim.1.gz')).toBe('-rw-r--r-- 0/0');
    expect(files.get('usr/bin/onegate-agent')).toBe('-rwxr-xr-x 0/0');
  });

  it('leaves the simulator out without --simulator (the Alpine tarball holds what the apk holds)', () => {
    const files = [...listing(build('plain', [])).keys()];
    expect(files.filter((f) => f.includes('onegate-sim'))).toEqual([]);
    expect(files).toContain('etc/init.d/onegate-agent');
  });

  it('refuses an unknown option', () => {
    expect(() => build('bad', ['--simulater'])).toThrow(/unknown option --simulater/);
  });

  it("renders onegate-sim(1) from the simulator's own --help", () => {
    const page = gunzipSync(readFileSync(join(root, 'usr/share/man/man1/onegate-sim.1.gz'))).toString();
    expect(page).toMatch(/^\.TH ONEGATE\\-SIM 1 /);
    expect(page).toContain('.SH NAME\nonegate\\-sim \\- OneGate simulator');
    expect(page).toContain('\\-\\-contexts DIR');
    expect(page).toContain('.SH EXIT STATUS\n0 stopped by SIGINT or SIGTERM, 2 bad options or a failed start.\n');
    expect(execFileSync(join(root, 'usr/bin/onegate-sim'), ['--help'], { encoding: 'utf8' })).toMatch(/^Usage: onegate-sim \[options\]/);
  });

  it('runs the unpacked onegate-sim, whose built-in world answers as VM 42', async () => {
    sim = await startSimProcess(join(root, 'usr/bin/onegate-sim'), join(work, 'contexts'));
    const token = readFileSync(join(work, 'contexts/42/token.txt'), 'utf8').trim();
    const res = await fetch(`${sim.url}/vm`, { headers: { 'X-ONEGATE-TOKEN': token, 'X-ONEGATE-VMID': '42' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { VM: { NAME: string } }).VM.NAME).toBe('web_0_(service_7)');
  });
});
