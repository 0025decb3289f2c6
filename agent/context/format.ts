// What `onegate-agent context` prints, as pure functions of a ResolvedContext. The token (and the context
// variables that hold it) are shown as <redacted> unless asked for.
import type { ResolvedContext } from './types';

export const REDACTED = '<redacted>';
/** Context variables whose value is the OneGate token itself. */
export const TOKEN_VARIABLES = new Set(['ONEGATE_TOKEN', 'TOKENTXT']);

/** The `--json` document: { endpoint, vmid, token, source, sources, vars }; null for a value not found. */
export function contextJson(ctx: ResolvedContext, showToken: boolean): object {
  return {
    endpoint: ctx.endpoint ?? null,
    vmid: ctx.vmid ?? null,
    token: ctx.token === undefined ? null : showToken ? ctx.token : REDACTED,
    source: ctx.source,
    sources: ctx.sources,
    vars: visibleVars(ctx.vars, showToken),
  };
}

/** The text form: one line per value with its origin, then every variable as NAME=value. */
export function contextText(ctx: ResolvedContext, showToken: boolean): string {
  const token = ctx.token === undefined ? undefined : showToken ? ctx.token : REDACTED;
  const rows: [string, string | undefined, string | undefined][] = [
    ['endpoint', ctx.endpoint, ctx.sources.endpoint],
    ['vmid', ctx.vmid, ctx.sources.vmid],
    ['token', token, ctx.sources.token],
    ['source', ctx.source, ctx.sources.vars],
  ];
  const lines = rows.map(([key, value, origin]) => `${`${key}:`.padEnd(10)}${value ?? '(not found)'}${origin ? `  (from ${origin})` : ''}`);
  const vars = Object.entries(visibleVars(ctx.vars, showToken)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  lines.push('', `variables (${vars.length}):`, ...vars.map(([name, value]) => `  ${name}=${showValue(value)}`));
  return `${lines.join('\n')}\n`;
}

function visibleVars(vars: Record<string, string>, showToken: boolean): Record<string, string> {
  if (showToken) return vars;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars)) out[name] = TOKEN_VARIABLES.has(name) && value !== '' ? REDACTED : value;
  return out;
}

/** A value printed as is when that is unambiguous, else as a JSON string (newlines as \n, and so on). */
export function showValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = value !== '' && !/[\x00-\x1f\x7f\u2028\u2029\u200b]/.test(value) && value.trim() === value && !value.startsWith('"');
  return plain ? value : JSON.stringify(value);
}
