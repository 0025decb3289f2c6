import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';

// packaging/copyright.mjs writes the DEP-5 copyright file of every package: the project's licence,
// the embedded Node runtime's LICENSE and each production npm package the bundle carries.
describe('packaging/copyright.mjs', () => {
  const dir = tempDir('copyright-');
  const nodeLicense = join(dir, 'LICENSE');
  writeFileSync(nodeLicense, 'Node.js is licensed for use as follows:\n\n"""\nCopyright Node.js contributors.\n"""\n');
  const copyright = (...args: string[]) => execFileSync(process.execPath, ['packaging/copyright.mjs', ...args], { encoding: 'utf8' });
  const text = copyright('usr/bin/onegate-agent', nodeLicense);
  const paragraphs = text.trimEnd().split(/\n\n/);

  it('starts with the DEP-5 header', () => {
    expect(paragraphs[0]).toMatch(
      /^Format: https:\/\/www\.debian\.org\/doc\/packaging-manuals\/copyright-format\/1\.0\/\nUpstream-Name: onegate-agent$/,
    );
  });

  it('gives every Files paragraph a Copyright and a License, with continuation lines indented', () => {
    for (const p of paragraphs.slice(1)) {
      expect(p).toMatch(/^Files: .+\nCopyright: .+\n(Comment: .+\n)?License: \S+/);
      for (const line of p.split('\n').slice(3)) expect(line).toMatch(/^( .*\S.*| \.|License: .+|Comment: .+)$/);
    }
  });

  it('carries the Node LICENSE and every production dependency of package-lock.json', () => {
    expect(text).toContain(' Copyright Node.js contributors.');
    const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { dev?: boolean; version: string }> };
    const prod = Object.entries(lock.packages).filter(([path, info]) => path && !info.dev);
    expect(prod.length).toBeGreaterThan(0);
    for (const [path, info] of prod) {
      expect(text).toContain(`bundled npm package ${path.replace(/^.*node_modules\//, '')} ${info.version})`);
    }
    expect(text).not.toContain('bundled npm package vitest');
  });

  it('names the given program files and leaves the Node section out when no runtime is embedded (apk)', () => {
    const systemNode = copyright('usr/lib/onegate-agent/*');
    expect(systemNode).not.toContain('Node.js contributors');
    expect(systemNode).toMatch(/^Files: usr\/lib\/onegate-agent\/\* \(bundled npm package js-yaml /m);
    expect(systemNode).not.toContain('usr/bin/onegate-agent');
  });
});
