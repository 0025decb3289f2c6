// The Alpine package read back without our writer: the gzip members split by zlib, the tars listed by GNU
// tar, the pax records read by a walk of the tar blocks written here. Checks what apk-tools checks on
// install (datahash, each file's APK-TOOLS.checksum.SHA1, the signature) and what the package promises
// (files, modes, owners, depends, scripts that parse).
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApk } from '../../packaging/apk/apk-v2';
import { tempDir } from '../support/temp-dir';

/** The concatenated gzip members of `file`, each as its compressed bytes and its content. */
function gzipMembers(file: Buffer): { raw: Buffer; content: Buffer }[] {
  const members: { raw: Buffer; content: Buffer }[] = [];
  let at = 0;
  while (at < file.length && members.length < 8) {
    expect(file.subarray(at, at + 3)).toEqual(Buffer.from([0x1f, 0x8b, 8]));
    expect(file[at + 3]).toBe(0); // no optional header fields: the deflate data starts at byte 10
    const { buffer, engine } = inflateRawSync(file.subarray(at + 10), { info: true }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    const end = at + 10 + engine.bytesWritten + 8;
    members.push({ raw: file.subarray(at, end), content: buffer });
    at = end;
  }
  expect(at).toBe(file.length);
  return members;
}

interface Member {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
  data: Buffer;
  pax: Record<string, string>;
}

/** The members of a tar (with or without end blocks), pax records attached to the member they precede. */
function tarMembers(tar: Buffer): Member[] {
  const out: Member[] = [];
  const field = (block: Buffer, start: number, length: number) =>
    block
      .subarray(start, start + length)
      .toString()
      .replace(/\0.*$/s, '');
  let pax: Record<string, string> = {};
  for (let at = 0; at + 512 <= tar.length && out.length < 1000; ) {
    const block = tar.subarray(at, at + 512);
    if (block.every((b) => b === 0)) break;
    const size = Number.parseInt(field(block, 124, 12), 8);
    const data = tar.subarray(at + 512, at + 512 + size);
    const type = String.fromCharCode(block[156] ?? 0);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      pax = Object.fromEntries([...data.toString().matchAll(/^\d+ ([^=]+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']));
      continue;
    }
    const num = (start: number, length: number) => Number.parseInt(field(block, start, length), 8);
    out.push({
      name: field(block, 0, 100),
      type,
      mode: num(100, 8),
      uid: num(108, 8),
      gid: num(116, 8),
      linkname: field(block, 157, 100),
      data,
      pax,
    });
    pax = {};
  }
  return out;
}

const repo = join(__dirname, '../..');
const out = tempDir('apk-');
let apk: Buffer;
let members: { raw: Buffer; content: Buffer }[];
let control: Member[];
let data: Member[];
let pkginfo: Record<string, string[]>;

beforeAll(() => {
  if (!existsSync(join(repo, 'dist/onegate-agent.cjs'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo });
  execFileSync('bash', ['packaging/apk/build-apk.sh', out], { cwd: repo, stdio: 'pipe', timeout: 120_000 });
  expect(readdirSync(out).sort()).toEqual(['onegate-agent-0.1.0-alpine.tar.gz', 'onegate-agent-0.1.0-r1.apk']);
  apk = readFileSync(join(out, 'onegate-agent-0.1.0-r1.apk'));
  members = gzipMembers(apk);
  control = tarMembers(members[0]?.content ?? Buffer.alloc(0));
  data = tarMembers(members[1]?.content ?? Buffer.alloc(0));
  pkginfo = {};
  for (const line of control[0]?.data.toString().split('\n') ?? []) {
    const m = /^(\w+) = (.*)$/.exec(line);
    if (m?.[1]) pkginfo[m[1]] = [...(pkginfo[m[1]] ?? []), m[2] ?? ''];
  }
}, 150_000);

describe('onegate-agent.apk (packaging/apk/build-apk.sh)', () => {
  it('is an unsigned control stream followed by a data stream, and reads as one tar', () => {
    expect(members).toHaveLength(2);
    // The control tar is cut (no end blocks), so the whole file lists as one archive: what apk relies on.
    const listing = execFileSync('tar', ['-tzf', '-', '--warning=no-unknown-keyword'], { input: apk, encoding: 'utf8' }).split('\n');
    expect(listing.slice(0, 2)).toEqual(['.PKGINFO', '.pre-install']);
    expect(listing).toContain('usr/lib/onegate-agent/onegate-agent.cjs');
    expect(members[0]?.content.length).toBe(control.reduce((n, m) => n + 512 + Math.ceil(m.data.length / 512) * 512, 0));
  });

  it('has the .PKGINFO apk needs, with the sha256 of the compressed data stream as datahash', () => {
    expect(control[0]?.name).toBe('.PKGINFO');
    expect(pkginfo.pkgname).toEqual(['onegate-agent']);
    expect(pkginfo.pkgver).toEqual(['0.1.0-r1']);
    expect(pkginfo.arch).toEqual(['noarch']);
    const engines = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).engines.node;
    expect(engines).toMatch(/^>=\d+\.\d+\.\d+$/);
    expect(pkginfo.depend).toEqual([`nodejs${engines}`]);
    expect(pkginfo.datahash).toEqual([
      createHash('sha256')
        .update(members[1]?.raw ?? '')
        .digest('hex'),
    ]);
    const fileBytes = data.filter((m) => m.type === '0').reduce((n, m) => n + m.data.length, 0);
    expect(pkginfo.size).toEqual([String(fileBytes)]);
    for (const key of ['pkgdesc', 'url', 'builddate', 'license', 'origin']) expect(pkginfo[key], key).toHaveLength(1);
  });

  it('carries the SHA-1 apk checks on every file and link target, everything owned by root', () => {
    for (const m of data) {
      expect([m.uid, m.gid], m.name).toEqual([0, 0]);
      if (m.type === '0') expect(m.pax['APK-TOOLS.checksum.SHA1'], m.name).toBe(createHash('sha1').update(m.data).digest('hex'));
      if (m.type === '2') expect(m.pax['APK-TOOLS.checksum.SHA1'], m.name).toBe(createHash('sha1').update(m.linkname).digest('hex'));
    }
    expect(data.filter((m) => m.type === '0').length).toBeGreaterThan(5);
  });

  it('installs the programs, the OpenRC service, the configuration and the man pages with their modes', () => {
    const byName = new Map(data.map((m) => [m.name, m]));
    const expected: [string, string, number][] = [
      ['usr/lib/onegate-agent/onegate-agent.cjs', '0', 0o755],
      ['usr/lib/onegate-agent/onegate.cjs', '0', 0o755],
      ['usr/bin/onegate-agent', '2', 0o777],
      ['etc/init.d/onegate-agent', '0', 0o755],
      ['etc/onegate-agent/agent.yaml', '0', 0o644],
      ['etc/onegate-agent/hooks.d/', '5', 0o755],
      ['usr/share/man/man1/onegate-agent.1.gz', '0', 0o644],
      ['usr/share/man/man1/onegate.1.gz', '0', 0o644],
      ['usr/share/doc/onegate-agent/copyright', '0', 0o644],
    ];
    for (const [name, type, mode] of expected) {
      expect(byName.get(name)?.type, name).toBe(type);
      expect(byName.get(name)?.mode, name).toBe(mode);
    }
    expect(byName.get('usr/bin/onegate-agent')?.linkname).toBe('../lib/onegate-agent/onegate-agent.cjs');
    expect(byName.get('usr/lib/onegate-agent/onegate.cjs')?.data.subarray(0, 16).toString()).toBe('#!/usr/bin/node\n');
    // one-context's apk owns /usr/bin/onegate when installed: ours is laid by post-install, never shipped.
    expect(byName.has('usr/bin/onegate')).toBe(false);
    expect([...byName.keys()].filter((n) => n.includes('systemd') || n.includes('sysusers'))).toEqual([]);
  });

  it('has install scripts and an OpenRC script that sh parses, and enables the service the Alpine way', () => {
    const scripts = control.slice(1);
    expect(scripts.map((m) => m.name)).toEqual([
      '.pre-install',
      '.post-install',
      '.post-upgrade',
      '.pre-deinstall',
      '.post-deinstall',
      '.trigger',
    ]);
    const openrc = data.find((m) => m.name === 'etc/init.d/onegate-agent');
    for (const m of [...scripts, ...(openrc ? [openrc] : [])]) {
      expect(m.mode, m.name).toBe(0o755);
      execFileSync('sh', ['-n'], { input: m.data });
    }
    expect(openrc?.data.toString()).toMatch(/^#!\/sbin\/openrc-run\n/);
    expect(scripts[1]?.data.toString()).toContain('rc-update add onegate-agent default');
    expect(pkginfo.triggers).toEqual(['/usr/bin']);
  });
});

describe('onegate-agent-VERSION-alpine.tar.gz', () => {
  it('holds the files of the apk, root-owned, and the install notes', () => {
    const listing = execFileSync('tar', ['-tvzf', join(out, 'onegate-agent-0.1.0-alpine.tar.gz'), '--numeric-owner'], { encoding: 'utf8' });
    const names = listing
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[5]?.replace(/^\.\//, '') ?? '')
      .filter((name) => name !== '');
    expect(listing.split('\n').filter((l) => l && !/^\S+ 0\/0 /.test(l))).toEqual([]);
    const apkNames = data.map((m) => m.name);
    expect(names.filter((n) => !apkNames.includes(n))).toEqual(['usr/share/doc/onegate-agent/INSTALL']);
    expect(apkNames.filter((n) => !names.includes(n))).toEqual([]);
  });
});

describe('buildApk signing', () => {
  it('prepends a .SIGN.RSA stream whose signature verifies over the compressed control stream', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signed = buildApk({
      info: {
        pkgname: 'x',
        pkgver: '1-r0',
        pkgdesc: 'x',
        url: 'u',
        builddate: 0,
        packager: 'p',
        arch: 'noarch',
        license: 'MIT',
        depends: [],
        triggers: [],
      },
      scripts: {},
      files: [{ name: 'a', type: 'file', mode: 0o644, mtime: 0, data: Buffer.from('a\n') }],
      signingKey: { key: privateKey, name: 'test-1.rsa.pub' },
    });
    const [signature, controlStream] = gzipMembers(signed);
    const [sign] = tarMembers(signature?.content ?? Buffer.alloc(0));
    expect(sign?.name).toBe('.SIGN.RSA.test-1.rsa.pub');
    expect(verify('sha1', controlStream?.raw ?? Buffer.alloc(0), publicKey, sign?.data ?? Buffer.alloc(0))).toBe(true);
  });
});
