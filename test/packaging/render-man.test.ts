import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

// packaging/man/render-man.mjs turns the programs' --help into man pages; a stand-in bundle prints help
// text with what roff would misread: a line starting with ".", a backslash and a hyphen.
describe('packaging/man/render-man.mjs', () => {
  const dir = tempDir('man-');
  const bundle = join(dir, 'fake.cjs');
  writeFileSync(
    bundle,
    `const a = process.argv.slice(2).filter((x) => x !== '--help');
process.stdout.write('Usage: ' + a.join(' ') + '\\n.hidden request\\nC:\\\\path --flag\\n');
if (a[1] === 'once') process.exitCode = 1;\n`,
  );
  execFileSync(process.execPath, ['packaging/man/render-man.mjs', bundle, dir, '9.9.9']);
  const agent = readFileSync(join(dir, 'onegate-agent.1'), 'utf8');
  const cli = readFileSync(join(dir, 'onegate.1'), 'utf8');

  it('writes a page per program with the version in the header', () => {
    expect(agent).toMatch(/^\.TH ONEGATE\\-AGENT 1 "" "onegate-agent 9\.9\.9" "User Commands"\n/);
    expect(cli).toMatch(/^\.TH ONEGATE 1 /);
    for (const section of ['NAME', 'SYNOPSIS', 'DESCRIPTION', 'FILES', 'EXIT STATUS', 'SEE ALSO']) {
      expect(agent).toContain(`.SH ${section}\n`);
    }
  });

  it('has a subsection with the --help of every agent command, also of one that exits non-zero', () => {
    for (const cmd of ['run', 'once', 'status', 'context', 'query', 'doctor'])
      expect(agent).toContain(`.SS ${cmd}\n.nf\nUsage: onegate\\-agent ${cmd}\n`);
  });

  it('renders onegate-sim(1) only when asked, from onegate-sim.cjs beside the bundle, and refuses an unknown page', () => {
    const only = join(dir, 'sim');
    writeFileSync(join(dir, 'onegate-sim.cjs'), "process.stdout.write('Usage: onegate-sim ' + process.argv.slice(2).join(' ') + '\\n');\n");
    execFileSync('mkdir', [only]);
    execFileSync(process.execPath, ['packaging/man/render-man.mjs', bundle, only, '9.9.9', 'onegate-sim']);
    expect(readdirSync(only)).toEqual(['onegate-sim.1']);
    const page = readFileSync(join(only, 'onegate-sim.1'), 'utf8');
    expect(page).toMatch(/^\.TH ONEGATE\\-SIM 1 "" "onegate-agent 9\.9\.9" /);
    expect(page).toContain('.PP\n.nf\nUsage: onegate\\-sim \\-\\-help\n.fi\n');
    expect(page).toContain('.SH SEE ALSO\n.BR onegate (1),\n.BR onegate\\-agent (1)\n');
    expect(agent).not.toContain('onegate\\-sim');
    const bad = spawnSync(process.execPath, ['packaging/man/render-man.mjs', bundle, only, '9.9.9', 'onegate-simulator'], {
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('render-man.mjs: no page onegate-simulator (onegate-agent, onegate, onegate-sim)\n');
  });

  it('escapes what roff would take as requests or escapes', () => {
    expect(agent).toContain('\n\\&.hidden request\n');
    expect(agent).toContain('C:\\epath \\-\\-flag');
    expect(agent).not.toMatch(/^\.hidden/m);
  });
});
