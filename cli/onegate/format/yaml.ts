// `--yaml`: a small YAML 1.2 emitter for JSON documents (maps, lists, strings, numbers, booleans, null),
// in js-yaml's block style. Written here rather than bundling js-yaml, whose mere presence in the bundle
// costs ~5 ms of start-up on every call, --yaml or not (docs/cli.md, "Start-up"). Strings stay plain only
// when no YAML 1.1 or 1.2 reader can take them for anything else; all others are double-quoted with JSON
// escapes (valid YAML), so every reader gets the server's strings back unchanged.

type Doc = Record<string, unknown>;

const SPECIAL_WORD = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const PLAIN = /^[A-Za-z_/][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]*$/;
const NOT_PRINTABLE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

function isMap(value: unknown): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlock(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : isMap(value) && Object.keys(value).length > 0;
}

/** A string as a plain or double-quoted YAML scalar. */
export function yamlString(text: string): string {
  const plain = PLAIN.test(text) && !SPECIAL_WORD.test(text) && !/: |:$| #|\s$/.test(text);
  if (plain) return text;
  return JSON.stringify(text).replace(NOT_PRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  return 'null';
}

function blockLines(value: unknown, pad: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => itemLines(item, pad));
  return Object.entries(value as Doc).flatMap(([key, v]) =>
    isBlock(v) ? [`${pad}${yamlString(key)}:`, ...blockLines(v, `${pad}  `)] : [`${pad}${yamlString(key)}: ${scalar(v)}`],
  );
}

function itemLines(item: unknown, pad: string): string[] {
  if (!isBlock(item)) return [`${pad}- ${scalar(item)}`];
  const lines = blockLines(item, `${pad}  `);
  lines[0] = `${pad}- ${lines[0]!.slice(pad.length + 2)}`;
  return lines;
}

/** The document as YAML, ending with a newline. */
export function toYaml(value: unknown): string {
  return isBlock(value) ? `${blockLines(value, '').join('\n')}\n` : `${scalar(value)}\n`;
}
