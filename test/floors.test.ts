// The floors of the tree (docs/architecture.md, "Floors of the tree"): every import between two folders of
// agent/ and cli/ goes to a lower floor. The table is read from the page, so the page and the code agree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');

/** Place (a folder ending in "/", or a file) -> floor, from the page's table. */
function floorsFromPage(): Map<string, number> {
  const page = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const section = page.slice(page.indexOf('## Floors of the tree'));
  const floors = new Map<string, number>();
  for (const line of section.split('\n')) {
    const row = /^\| (\d+) \| ([^|]+) \|/.exec(line);
    if (!row) continue;
    for (const [, place] of row[2].matchAll(/`([^`]+)`/g)) floors.set(place, Number(row[1]));
  }
  return floors;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

// The table's place a file belongs to: the file itself, else its folder under agent/ or cli/.
function placeOf(file: string, floors: Map<string, number>): string | undefined {
  if (floors.has(file)) return file;
  const [top, second] = file.split('/');
  const folder = `${top}/${second}/`;
  return floors.has(folder) ? folder : undefined;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const specs = [...text.matchAll(/(?:from |require\()'(\.[^']+)'/g)].map((m) => m[1]);
  return specs.map((spec) => {
    const target = normalize(join(dirname(file), spec));
    for (const candidate of [`${target}.ts`, join(target, 'index.ts'), target]) {
      try {
        if (statSync(join(ROOT, candidate)).isFile()) return relative('.', candidate);
      } catch {
        /* try the next form */
      }
    }
    return target;
  });
}

describe('floors of the tree', () => {
  const floors = floorsFromPage();
  const files = [...sources('agent'), ...sources('cli')];

  it('has a floor for every file of agent/ and cli/', () => {
    expect(floors.size).toBeGreaterThan(10);
    expect(files.filter((f) => placeOf(f, floors) === undefined)).toEqual([]);
  });

  it('imports only from lower floors', () => {
    const upward: string[] = [];
    for (const file of files) {
      const from = placeOf(file, floors)!;
      for (const target of importsOf(file)) {
        const to = placeOf(target, floors);
        if (to === undefined || to === from) continue;
        if (floors.get(to)! >= floors.get(from)!) upward.push(`${file} (floor ${floors.get(from)}) -> ${target} (floor ${floors.get(to)})`);
      }
    }
    expect(upward).toEqual([]);
  });
});
