// Renders the schema as the packaged sample agent.yaml and as the key table of docs/daemon.md.
// Tests compare both with the committed files; UPDATE_GOLDEN=1 rewrites them.
import { dump } from 'js-yaml';
import type { AnyKey, Keys } from '../schema/keys';
import { schema } from './schema';

const HEADER = [
  '# onegate-agent configuration: every key with its default value.',
  '# Generated from agent/config/schema.ts (docs/daemon.md explains each part).',
  '# Keys marked "context: NAME" can be overridden per VM by that context variable.',
];

/** The sample configuration file: every key, active, set to its default, with its description above it. */
export function renderSample(): string {
  const lines = [...HEADER];
  renderKeys(schema, '', lines);
  return `${lines.join('\n')}\n`;
}

function renderKeys(keys: Keys, indent: string, lines: string[]): void {
  for (const [name, key] of Object.entries(keys)) {
    if (indent === '' || !lines[lines.length - 1].endsWith(':')) lines.push('');
    lines.push(`${indent}# ${key.description}${key.context ? ` (context: ${key.context})` : ''}`);
    if (key.kind === 'section') {
      lines.push(`${indent}${name}:`);
      renderKeys(key.keys, `${indent}  `, lines);
      continue;
    }
    if (key.kind === 'map' || key.kind === 'list') {
      lines.push(...exampleLines(name, key.example, indent));
      lines.push(`${indent}${name}: ${key.kind === 'map' ? '{}' : '[]'}`);
      continue;
    }
    if ((key.kind === 'string-list' || key.kind === 'string-map') && key.example) {
      lines.push(...exampleLines(name, key.example, indent));
    }
    if (key.kind === 'string' && key.values) lines.push(`${indent}# One of: ${key.values.join(', ')}.`);
    lines.push(`${indent}${name}: ${inline(key.default)}`);
  }
}

function exampleLines(name: string, example: unknown, indent: string): string[] {
  if (example === undefined) return [];
  const body = dump({ [name]: example }, { lineWidth: 120 })
    .trimEnd()
    .split('\n');
  return [`${indent}# For example:`, ...body.map((l) => `${indent}#   ${l}`)];
}

function inline(value: unknown): string {
  return dump(value, { flowLevel: 0, lineWidth: -1 }).trimEnd();
}

/** Markdown table of every key: name, type, default, context variable, description. */
export function renderKeyTable(): string {
  const rows = ['| Key | Type | Default | Context variable | Description |', '|---|---|---|---|---|'];
  const walk = (keys: Keys, prefix: string): void => {
    for (const [name, key] of Object.entries(keys)) {
      const full = `${prefix}${name}`;
      rows.push(
        `| \`${full}\` | ${typeName(key)} | ${defaultText(key)} | ${key.context ? `\`${key.context}\`` : ''} | ${key.description} |`,
      );
      if (key.kind === 'section') walk(key.keys, `${full}.`);
      if (key.kind === 'map' && key.value.kind === 'section') walk(key.value.keys, `${full}.<name>.`);
      if (key.kind === 'list') walk(key.item.keys, `${full}[].`);
    }
  };
  walk(schema, '');
  return `${rows.join('\n')}\n`;
}

function typeName(key: AnyKey): string {
  switch (key.kind) {
    case 'integer':
      return `integer ${key.min}..${key.max}`;
    case 'number':
      return `number ${key.min}..${key.max}`;
    case 'string':
      return key.values ? key.values.join(' \\| ') : 'string';
    case 'map':
      return 'mapping';
    default:
      return key.kind;
  }
}

function defaultText(key: AnyKey): string {
  if (key.kind === 'section') return '';
  if (key.kind === 'map') return '`{}`';
  if (key.kind === 'list') return '`[]`';
  return `\`${inline(key.default)}\``;
}
