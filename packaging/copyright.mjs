// Writes the machine-readable copyright file (Debian DEP-5), also shipped in the rpm, the apk and the
// tarballs: the project's own licence, then the Node.js runtime inside the executable (when one is
// embedded) and every npm package the bundles carry, each with its full licence text. PROGRAM_FILES names
// the installed files that hold the bundles (usr/bin/onegate-agent, or usr/lib/onegate-agent/* for the
// system-Node packages, which embed no runtime and therefore get no NODE_LICENSE_FILE).
//   node packaging/copyright.mjs PROGRAM_FILES [NODE_LICENSE_FILE] > copyright
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const repo = new URL('..', import.meta.url).pathname;
const [programFiles, nodeLicense] = process.argv.slice(2);
if (!programFiles) {
  process.stderr.write('usage: copyright.mjs PROGRAM_FILES [NODE_LICENSE_FILE]\n');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));

// DEP-5 continuation lines: one leading space, and " ." for an empty line.
const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => (l.trim() === '' ? ' .' : ` ${l.trimEnd()}`))
    .join('\n');

function licenseText(dir) {
  const name = readdirSync(dir).find((f) => /^(licen[cs]e|copying)([-.][a-z0-9.-]*)?$/i.test(f));
  if (!name) throw new Error(`${dir}: no LICENSE file to copy into the copyright file`);
  return readFileSync(join(dir, name), 'utf8');
}

const out = [
  'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
  'Upstream-Name: onegate-agent',
  '',
  'Files: *',
  'Copyright: onegate-agent developers',
  `License: ${pkg.license}`,
  ' On Debian systems the full text is in /usr/share/common-licenses/Apache-2.0.',
];
if (nodeLicense) {
  out.push(
    '',
    `Files: ${programFiles}`,
    'Copyright: Node.js contributors and the authors of the components listed in the licence below',
    'Comment: the executable embeds the official Node.js runtime; its LICENSE follows.',
    'License: Node.js',
    indent(readFileSync(nodeLicense, 'utf8')),
  );
}
// Production dependencies are bundled into the executable's script (dev ones never are).
for (const [path, info] of Object.entries(lock.packages)) {
  if (!path || info.dev) continue;
  const name = path.replace(/^.*node_modules\//, '');
  out.push(
    '',
    `Files: ${programFiles} (bundled npm package ${name} ${info.version})`,
    `Copyright: the authors of ${name}`,
    `License: ${info.license}`,
    indent(licenseText(join(repo, path))),
  );
}
process.stdout.write(`${out.join('\n')}\n`);
