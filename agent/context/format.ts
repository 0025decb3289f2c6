// What `onegate-agent context` prints, as pure functions of a ResolvedContext. The token (and every context
// variable whose name says it holds a secret: ONEGATE_TOKEN, PASSWORD, ...) is shown as <redacted> unless asked for.
import { isSecretName, quoteInput, REDACTED } from '../redact';
import type { ResolvedContext } from './types';

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

/** The variables as printed: a secret-named variable's value is <redacted> unless showToken (empty stays empty). */
export function visibleVars(vars: Record<string, string>, showToken: boolean): Record<string, string> {
  if (showToken) return vars;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars)) out[name] = isSecretName(name) && value !== '' ? REDACTED : value;
  return out;
}

/** A value printed as is when that is unambiguous, else as an escaped JSON string (newlines as \n, and so on). */
export function showValue(value: string): string {
  const whole = quoteInput(value, Number.POSITIVE_INFINITY);
  const plain =
    value !== '' && whole === JSON.stringify(value) && !/[\x00-\x1f]/.test(value) && value.trim() === value && !value.startsWith('"');
  return plain ? value : whole;
}
