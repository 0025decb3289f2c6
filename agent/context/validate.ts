// Checks applied to the endpoint and VMID that discovery settles on; a bad value is an error naming its
// source, never silently ignored. The `onegate` CLI applies the same VMID check to its environment.
import { quoteInput } from '../redact';
import { ContextError } from './errors';

/** Returns the endpoint trimmed, or throws CONTEXT_INVALID when it is not an http(s) URL. */
export function checkEndpoint(value: string, source: string): string {
  const trimmed = value.trim();
  let url: URL | undefined;
  try {
    url = new URL(trimmed);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new ContextError('CONTEXT_INVALID', source, `endpoint ${quoteInput(value)} is not an http(s) URL`);
  }
  return trimmed;
}

/** Returns the VM ID trimmed, or throws CONTEXT_INVALID when it is not a non-negative decimal number. */
export function checkVmid(value: string, source: string): string {
  const trimmed = value.trim();
  if (!/^[0-9]{1,10}$/.test(trimmed)) {
    throw new ContextError('CONTEXT_INVALID', source, `VMID ${quoteInput(value)} is not a number`);
  }
  return trimmed;
}

/** A token as stored (base64 plus a newline): surrounding whitespace removed; empty means none. */
export function cleanToken(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
