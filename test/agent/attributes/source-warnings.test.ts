// Attribute sources in trouble (issue 18 item 9), one row per reason: each gives one warning naming the source
// and the reason, and a source that could not answer is unsure (its attributes are kept, not erased). The
// programs and files are under test/fixtures/attribute-sources/<case>/; modes git does not keep (world-writable)
// are set on a copy, and an unreadable directory is a symlink loop, since root reads any mode.
import { chmodSync, cpSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgentConfig, defaultConfig } from '../../../agent/config/schema';
import { gatherAttributes } from '../../../agent/daemon/gather';
import { silentLogger } from '../../../agent/log';
import { tempDir } from '../../support/temp-dir';

const FIXTURES = resolve('test/fixtures/attribute-sources');
const probe = (name: string) => join(FIXTURES, name, 'probe.sh');

/** A copy of the case's attrs.d in a temp dir, which the test may chmod. */
function attrsCopy(name: string): string {
  const dir = join(tempDir('oga-sources-'), 'attrs.d');
  cpSync(join(FIXTURES, name, 'attrs.d'), dir, { recursive: true });
  return dir;
}

interface Case {
  name: string;
  /** Sets attributes.* on the configuration; returns the directory when the case has one. */
  setup(c: AgentConfig): string | undefined;
  source: (dir: string | undefined) => string;
  reason: (dir: string | undefined) => string | RegExp;
  /** Could not answer (its attributes kept); otherwise it answered, less its bad lines. */
  unsure: boolean;
}

const command =
  (name: string, timeout = 5) =>
  (c: AgentConfig) => {
    c.attributes.commands = [{ command: ['/bin/sh', probe(name)], timeout }];
    return undefined;
  };
const commandSource = (name: string) => () => `command:/bin/sh ${probe(name)}`;

const CASES: Case[] = [
  { name: 'hang', setup: command('hang', 0.3), source: commandSource('hang'), reason: () => 'killed after 300 ms', unsure: true },
  {
    name: 'exit-status',
    setup: command('exit-status'),
    source: commandSource('exit-status'),
    reason: () => 'exit status 3: db unreachable',
    unsure: true,
  },
  { name: 'killed', setup: command('killed'), source: commandSource('killed'), reason: () => 'killed by SIGTERM', unsure: true },
  {
    name: 'too-much',
    setup: command('too-much'),
    source: commandSource('too-much'),
    reason: () => 'wrote more than 65536 bytes',
    unsure: true,
  },
  {
    name: 'bad-lines',
    setup: command('bad-lines'),
    source: commandSource('bad-lines'),
    reason: () => '1 bad line skipped, the first line 2: no "=" in "not a pair"',
    unsure: false,
  },
  {
    name: 'missing-program',
    setup: (c) => {
      c.attributes.commands = [{ command: ['/nonexistent/attribute-probe'], timeout: 5 }];
      return undefined;
    },
    source: () => 'command:/nonexistent/attribute-probe',
    reason: () => /^cannot start \(.*ENOENT.*\)$/,
    unsure: true,
  },
  {
    name: 'bad-lines-file',
    setup: (c) => {
      c.attributes.directory = join(FIXTURES, 'bad-lines-file', 'attrs.d');
      return c.attributes.directory;
    },
    source: () => 'file:app.attrs',
    reason: () => '1 bad line skipped, the first line 2: no "=" in "not a pair"',
    unsure: false,
  },
  {
    name: 'world-writable-file',
    setup: (c) => {
      c.attributes.directory = attrsCopy('world-writable-file');
      chmodSync(join(c.attributes.directory, 'app.attrs'), 0o666);
      return c.attributes.directory;
    },
    source: () => 'file:app.attrs',
    reason: (dir) => `${dir}/app.attrs: writable by everyone`,
    unsure: true,
  },
  {
    name: 'world-writable-dir',
    setup: (c) => {
      c.attributes.directory = attrsCopy('world-writable-dir');
      chmodSync(c.attributes.directory, 0o777);
      return c.attributes.directory;
    },
    source: () => 'file:*',
    reason: (dir) => `${dir}: writable by everyone; ignored`,
    unsure: true,
  },
  {
    name: 'unreadable-dir',
    setup: (c) => {
      c.attributes.directory = join(tempDir('oga-sources-'), 'attrs.d');
      symlinkSync(c.attributes.directory, c.attributes.directory); // ELOOP on every read
      return c.attributes.directory;
    },
    source: () => 'file:*',
    reason: (dir) => new RegExp(`^${dir}: ELOOP`),
    unsure: true,
  },
];

describe('attribute sources in trouble', () => {
  it.each(CASES)('$name: one warning naming the source and the reason', async (row) => {
    const config = defaultConfig();
    for (const m of Object.values(config.metrics)) m.enabled = false;
    config.attributes = { ...config.attributes, static: { ROLE: 'db' }, directory: '', commands: [] };
    const dir = row.setup(config);
    const gathered = await gatherAttributes(config, [], silentLogger);
    const source = row.source(dir);
    expect(Object.keys(gathered.warnings)).toEqual([source]);
    const reason = row.reason(dir);
    if (typeof reason === 'string') expect(gathered.warnings[source]).toBe(reason);
    else expect(gathered.warnings[source]).toMatch(reason);
    expect(gathered.sources.unsure.includes(source)).toBe(row.unsure);
    expect(gathered.attributes).toMatchObject({ ROLE: 'db' });
    // What a source in trouble still gave: the good lines of one that answered, nothing of one that did not.
    const rest = Object.keys(gathered.attributes).filter((n) => n !== 'ROLE');
    expect(rest.length > 0).toBe(!row.unsure);
  });

  it('gives no warning for sources that answer, a missing directory or a file that is gone', async () => {
    const config = defaultConfig();
    for (const m of Object.values(config.metrics)) m.enabled = false;
    config.attributes = {
      ...config.attributes,
      static: { ROLE: 'db' },
      directory: join(tempDir('oga-sources-'), 'absent.d'),
      commands: [{ command: ['/bin/echo', 'QUEUE=3'], timeout: 5 }],
    };
    const gathered = await gatherAttributes(config, [], silentLogger);
    expect(gathered.warnings).toEqual({});
    expect(gathered.attributes).toEqual({ ROLE: 'db', QUEUE: '3' });
  });
});
