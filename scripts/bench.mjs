// `npm run bench`: runs every benchmark under scripts/bench/ in name order; each prints its own figures.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv[2];
const dir = new URL('./bench/', import.meta.url);
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n## ${file}`);
  const r = spawnSync(process.execPath, [new URL(file, dir).pathname], { stdio: 'inherit' });
  if (r.status !== 0) process.exitCode = 1;
}
