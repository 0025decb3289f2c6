// node --import tsx packaging/apk/build-apk.ts TREE OUT.apk
// Writes the Alpine package of an install tree (laid out by packaging/apk/build-apk.sh): the files of TREE
// in name order, owned by root, with the scripts of packaging/apk/scripts/. Time stamps and builddate come
// from SOURCE_DATE_EPOCH, so the same tree gives the same bytes. With ONEGATE_APK_KEY (an RSA private key,
// PEM) the package is signed; ONEGATE_APK_KEY_NAME is the name its public half has in /etc/apk/keys
// (default: onegate-agent.rsa.pub).
import { createPrivateKey } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ApkInput, buildApk, SCRIPT_NAMES, type SigningKey } from './apk-v2';
import type { TarEntry } from './tar';

const here = __dirname;
const repo = join(here, '../..');

/** The entries of `root`, parents before children, names sorted byte-wise. */
export function readTree(root: string, mtime: number, rel = ''): TarEntry[] {
  const entries: TarEntry[] = [];
  for (const name of readdirSync(join(root, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    const st = lstatSync(join(root, path));
    const mode = st.mode & 0o7777;
    if (st.isDirectory()) {
      entries.push({ name: path, type: 'dir', mode, mtime }, ...readTree(root, mtime, path));
    } else if (st.isSymbolicLink()) {
      entries.push({ name: path, type: 'symlink', mode: 0o777, mtime, linkname: readlinkSync(join(root, path)) });
    } else if (st.isFile()) {
      entries.push({ name: path, type: 'file', mode, mtime, data: readFileSync(join(root, path)) });
    } else {
      throw new Error(`${join(root, path)}: neither a file, a directory nor a symbolic link`);
    }
  }
  return entries;
}

function signingKey(env: NodeJS.ProcessEnv): SigningKey | undefined {
  if (!env.ONEGATE_APK_KEY) return undefined;
  return { key: createPrivateKey(readFileSync(env.ONEGATE_APK_KEY)), name: env.ONEGATE_APK_KEY_NAME ?? 'onegate-agent.rsa.pub' };
}

function main(argv: string[], env: NodeJS.ProcessEnv): void {
  const [tree, out] = argv;
  if (!tree || !out) throw new Error('usage: build-apk.ts TREE OUT.apk');
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
    engines: { node: string };
  };
  const builddate = Number(env.SOURCE_DATE_EPOCH ?? Math.floor(Date.now() / 1000));
  const scripts: ApkInput['scripts'] = {};
  for (const name of SCRIPT_NAMES) {
    const file = join(here, 'scripts', name);
    if (existsSync(file)) scripts[name] = readFileSync(file, 'utf8');
  }
  const apk = buildApk({
    info: {
      pkgname: 'onegate-agent',
      pkgver: `${pkg.version}-r${env.APK_RELEASE ?? '1'}`,
      pkgdesc: 'OneGate agent and onegate CLI for OpenNebula guests',
      url: 'https://github.com/OpenNebula/one',
      builddate,
      packager: 'onegate-agent maintainers <maintainers@users.noreply.r-seed-961559d3.example>',
      arch: 'noarch',
      license: `${pkg.license} AND MIT`,
      // The bundles need package.json's engines.node (">=X"); Alpine's nodejs provides /usr/bin/node.
      depends: [`nodejs${pkg.engines.node}`],
      triggers: ['/usr/bin'],
    },
    scripts,
    files: readTree(tree, builddate),
    signingKey: signingKey(env),
  });
  writeFileSync(out, apk);
}

main(process.argv.slice(2), process.env);
