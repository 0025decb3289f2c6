// The readiness check of REPORT_READY: READY_SCRIPT_PATH (a program in the guest) wins over
// READY_SCRIPT (shell text, run by /bin/sh as one-context does with eval). On Windows READY_SCRIPT is
// PowerShell text and READY_SCRIPT_PATH runs by its extension (.ps1, .cmd, .bat, .exe), as
// addon-context-windows runs its START_SCRIPT and init scripts (platform/programs.ts).
//
// READY_SCRIPT is base64-decoded only when (1) the whole value, without whitespace, is valid base64
// (alphabet, padding, length a multiple of 4) and (2) the decoded bytes are UTF-8 text (no NUL, no
// control characters other than tab, CR, LF). one-context decodes on (1) alone, which turns plain
// commands that happen to be base64-shaped ("true", "echo", "date") into garbage; (2) keeps them as written.

/** How the readiness check is run. */
export interface ReadyCheck {
  /** argv for runCommand. */
  argv: string[];
  /** For logs: "READY_SCRIPT_PATH /opt/ready.sh" or "READY_SCRIPT". */
  label: string;
}

import { hostFacts, isWindows, type OsFacts } from '../platform/facts';
import { powershellTextArgv, programArgv } from '../platform/programs';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** READY_SCRIPT as it must run: decoded when it is base64 of text, else unchanged. */
export function decodeReadyScript(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (compact === '' || !BASE64.test(compact)) return value;
  const bytes = Buffer.from(compact, 'base64');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
  return CONTROL.test(text) ? value : text;
}

/** The check the context asks for, or undefined when READY needs none. */
export function readyCheckOf(vars: Record<string, string>, facts: OsFacts = hostFacts()): ReadyCheck | undefined {
  const path = vars.READY_SCRIPT_PATH?.trim();
  // A Windows file of another type is tried as it is: its failure to start is reported like any other.
  if (path) return { argv: programArgv(path, facts) ?? [path], label: `READY_SCRIPT_PATH ${path}` };
  const script = vars.READY_SCRIPT;
  if (script === undefined || script.trim() === '') return undefined;
  const text = decodeReadyScript(script);
  return { argv: isWindows(facts) ? powershellTextArgv(text, facts) : ['/bin/sh', '-c', text], label: 'READY_SCRIPT' };
}
