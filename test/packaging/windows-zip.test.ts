// packaging/windows/build-zip.sh on small stand-ins for the executable, Shawl and Node's licence, read back
// with Info-ZIP's unzip (not our writer); and the one service command line that install.ps1 registers, that
// README.txt gives for a manual install and that the wine end-to-end test registers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

const work = tempDir('winzip-');
const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const top = `onegate-agent-${version}-win-x64`;

function build(name: string): string {
  const file = join(work, `${name}.zip`);
  execFileSync('bash', ['packaging/windows/build-zip.sh', join(work, 'app.exe'), join(work, 'shawl'), join(work, 'NODE-LICENSE'), file], {
    stdio: 'pipe',
    timeout: 60_000,
  });
  return file;
}
const entry = (zip: string, name: string): Buffer => execFileSync('unzip', ['-p', zip, `${top}/${name}`], { maxBuffer: 1 << 26 });

let zip: string;
beforeAll(() => {
  writeFileSync(join(work, 'app.exe'), 'MZ stand-in for the single executable\n');
  mkdirSync(join(work, 'shawl'));
  writeFileSync(join(work, 'shawl/shawl.exe'), 'MZ stand-in for shawl\n');
  writeFileSync(join(work, 'shawl/legal.txt'), 'shawl licences\nline two\n');
  writeFileSync(join(work, 'NODE-LICENSE'), 'Node.js is licensed for use as follows:\n');
  zip = build('a');
});

describe('packaging/windows/build-zip.sh', () => {
  it('holds one folder with the executable, Shawl, the scripts and the licences, and no second copy as onegate.exe', () => {
    const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trimEnd().split('\n');
    expect(names).toEqual(
      [
        '',
        'COPYRIGHT.txt',
        'LICENSE.txt',
        'README.txt',
        'install.ps1',
        'onegate-agent.exe',
        'shawl-licenses.txt',
        'shawl.exe',
        'uninstall.ps1',
      ].map((n) => `${top}/${n}`),
    );
    expect(entry(zip, 'onegate-agent.exe').toString()).toBe('MZ stand-in for the single executable\n');
    expect(entry(zip, 'shawl.exe').toString()).toBe('MZ stand-in for shawl\n');
  });

  it('gives every text CRLF line ends', () => {
    for (const name of ['README.txt', 'install.ps1', 'uninstall.ps1', 'LICENSE.txt', 'COPYRIGHT.txt', 'shawl-licenses.txt']) {
      const text = entry(zip, name).toString('utf8');
      expect(text.split('\n').length, name).toBeGreaterThan(1);
      expect(text.match(/(?<!\r)\n/g), name).toBeNull();
    }
    expect(entry(zip, 'shawl-licenses.txt').toString()).toBe('shawl licences\r\nline two\r\n');
  });

  it("puts Node's licence and the bundled npm packages' into COPYRIGHT.txt", () => {
    const text = entry(zip, 'COPYRIGHT.txt').toString('utf8');
    expect(text).toContain('Files: onegate-agent.exe\r\n');
    expect(text).toContain(' Node.js is licensed for use as follows:\r\n');
  });

  it('makes the same bytes from the same input', () => {
    expect(readFileSync(build('b')).equals(readFileSync(zip))).toBe(true);
  });

  it('refuses a missing executable with one line', () => {
    expect(() =>
      execFileSync(
        'bash',
        ['packaging/windows/build-zip.sh', join(work, 'none.exe'), join(work, 'shawl'), join(work, 'NODE-LICENSE'), join(work, 'c.zip')],
        {
          stdio: 'pipe',
        },
      ),
    ).toThrow(/none\.exe is missing/);
  });
});

/** The Shawl command line with every path spelt out, from each of the three texts. */
const installDir = 'C:\\Program Files\\onegate-agent';
const serviceCommand = {
  'install.ps1': (): string => {
    const ps = readFileSync('packaging/windows/install.ps1', 'utf8');
    const expr = /^\$command = ([\s\S]*?)\n(?!\s*")/m.exec(ps)?.[1] ?? '';
    const vars: Record<string, string> = {
      shawl: `${installDir}\\shawl.exe`,
      agent: `${installDir}\\onegate-agent.exe`,
      name: 'onegate-agent',
      InstallDir: installDir,
      log: 'C:\\ProgramData\\onegate-agent\\log',
      programData: 'C:\\ProgramData',
    };
    // "..." + "..." with `" escapes and $variables.
    return [...expr.matchAll(/"((?:`"|[^"])*)"/g)]
      .map((m) => m[1])
      .join('')
      .replace(/`"/g, '"')
      .replace(/\$(\w+)/g, (_, v: string) => vars[v] ?? `$${v}`);
  },
  'README.txt': (): string => {
    const line =
      readFileSync('packaging/windows/README.txt', 'utf8')
        .split('\n')
        .find((l) => l.includes('sc create onegate-agent')) ?? '';
    return (/binPath= "(.*)"\s*$/.exec(line)?.[1] ?? '').replace(/\\"/g, '"');
  },
  'packaging/e2e/wine.sh': (): string => {
    const sh = readFileSync('packaging/e2e/wine.sh', 'utf8');
    const vars: Record<string, string> = { P: installDir, data: 'C:\\ProgramData\\onegate-agent' };
    const args = (/^shawl_args="(.*)"$/m.exec(sh)?.[1] ?? '')
      .replace(/\\(["\\])/g, '$1')
      .replace(/\$(\w+)/g, (_, v: string) => vars[v] ?? `$${v}`);
    return `"${installDir}\\shawl.exe" ${args}`;
  },
};

describe('the service command line', () => {
  it.each(Object.keys(serviceCommand))('%s registers the one install.ps1 registers', (file) => {
    const want =
      `"${installDir}\\shawl.exe" run --name onegate-agent --cwd "${installDir}" --log-dir "C:\\ProgramData\\onegate-agent\\log" ` +
      '--stop-timeout 10000 --no-restart --env "ProgramData=C:\\ProgramData" ' +
      '--env "NODE_OPTIONS=--max-old-space-size=32 --max-semi-space-size=1 --v8-pool-size=1" ' +
      `-- "${installDir}\\onegate-agent.exe" run`;
    expect(serviceCommand[file as keyof typeof serviceCommand]()).toBe(want);
  });
});
