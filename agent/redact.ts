// The one way a message quotes input (context, configuration, attribute lines, arguments, state): never the
// value of a secret-carrying variable, never the password of a URL, never a byte that a terminal or the
// journal would act on, never more than a few dozen characters. A module that names bad input in an
// error or a log line goes through here (docs/daemon.md, "Messages and secrets").

import { printable } from './printable';

/** What a hidden value is shown as. */
export const REDACTED = '<redacted>';

// ONEGATE_TOKEN, TOKENTXT, TOKEN_PASSWORD, DB_PASSWORD, PASSWORD_BASE64, API_SECRET, AWS_ACCESS_KEY, ...
const SECRET_NAME = /TOKEN|PASSW|SECRET|KEY|CREDENTIAL|PRIVATE|PASSPHRASE|AUTH/;
// A public key is meant to be shown (SSH_PUBLIC_KEY is in most contexts).
const PUBLIC_KEY = /PUBLIC_?KEY|PUBKEY/;
const URL_PASSWORD = /(\/\/[^/:@\s]*:)[^/@\s]*@/g;

/** True when a variable or key of this name carries a secret, so its value is never quoted. */
export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAME.test(upper) && !PUBLIC_KEY.test(upper);
}

/**
 * `text` as a double-quoted string safe for one log line: control and reordering characters escaped
 * (JSON's \uXXXX, then agent/printable.ts), a URL's password and the value of a `--secret-name=value` or `SECRET_NAME=value` argument replaced, clipped to `max`
 * characters with "…".
 */
export function quoteInput(text: string, max = 40): string {
  return escapeUnsafe(JSON.stringify(clip(mask(text), max)));
}

/** A command-line argument for a message, unquoted as option parsers print them (`invalid option: --x`); else as quoteInput. */
export function redactArgument(arg: string, max = 80): string {
  return escapeUnsafe(clip(mask(arg), max));
}

function mask(text: string): string {
  // `--db-password=x` as an option, `DB_PASSWORD=x` as an assignment.
  const option = /^(--?[^=]+=|[A-Za-z_][A-Za-z0-9_]*=)/.exec(text);
  if (option && isSecretName(option[1])) return `${option[1]}${REDACTED}`;
  return text.replace(URL_PASSWORD, '$1***@');
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

// Zero-width characters move nothing on a terminal (printable keeps them), but in quoted input they hide
// that two values differ.
const ZERO_WIDTH = /[\u200b-\u200d]/g;

function escapeUnsafe(text: string): string {
  return printable(text, Number.POSITIVE_INFINITY).replace(ZERO_WIDTH, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/** The value of variable or key `name` for a message: {@link REDACTED} when the name is secret, else quoted. */
export function quoteValue(name: string, value: string, max?: number): string {
  return isSecretName(name) ? REDACTED : quoteInput(value, max);
}
