// Finds the line of a key path in block-style YAML, so that a validation error can name the line.
// js-yaml returns plain values without positions; configuration files are block style, which an
// indentation scan locates reliably. Flow-style parts fall back to the nearest located parent.

/** 1-based line of `path` in `text`, or of its deepest located parent; undefined when nothing matches. */
export function locateKey(text: string, path: (string | number)[]): number | undefined {
  const lines = text.split(/\r?\n/);
  let start = 0;
  let parentIndent = -1;
  let found: number | undefined;
  for (const segment of path) {
    const hit = typeof segment === 'number' ? findItem(lines, start, parentIndent, segment) : findKey(lines, start, parentIndent, segment);
    if (hit === undefined) return found;
    found = hit.line + 1;
    start = hit.line;
    parentIndent = hit.indent;
    if (typeof segment === 'number') {
      // The item's first key sits on the dash line: blank the dash so it reads as a deeper key.
      lines[hit.line] = lines[hit.line].replace(/^(\s*)-(\s)/, '$1 $2');
      start = hit.line;
    } else {
      start = hit.line + 1;
    }
  }
  return found;
}

interface Hit {
  line: number;
  indent: number;
}

function meaningful(line: string): boolean {
  const t = line.trim();
  return t !== '' && !t.startsWith('#');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function findKey(lines: string[], start: number, parentIndent: number, key: string): Hit | undefined {
  const pattern = new RegExp(`^\\s*(?:-\\s+)?(["']?)${escapeForMessage(key)}\\1\\s*:(\\s|$)`);
  for (let i = start; i < lines.length; i++) {
    if (!meaningful(lines[i])) continue;
    const indent = indentOf(lines[i]);
    if (indent <= parentIndent) return undefined;
    if (pattern.test(lines[i])) return { line: i, indent };
  }
  return undefined;
}

function findItem(lines: string[], start: number, parentIndent: number, index: number): Hit | undefined {
  let seen = -1;
  let itemIndent: number | undefined;
  for (let i = start; i < lines.length; i++) {
    if (!meaningful(lines[i])) continue;
    const indent = indentOf(lines[i]);
    if (indent < parentIndent || (indent === parentIndent && !lines[i].trimStart().startsWith('-'))) return undefined;
    if (!/^\s*-(\s|$)/.test(lines[i])) continue;
    itemIndent ??= indent;
    if (indent !== itemIndent) continue;
    if (++seen === index) return { line: i, indent };
  }
  return undefined;
}

function escapeForMessage(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
