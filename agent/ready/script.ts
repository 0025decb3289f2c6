// The readiness check of REPORT_READY: READY_SCRIPT_PATH (a program in the guest) wins over
// READY_SCRIPT (shell text, run by /bin/sh as one-context does with eval).
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
export function readyCheckOf(vars: Record<string, string>): ReadyCheck | undefined {
  const path = vars.READY_SCRIPT_PATH?.trim();
  if (path) return { argv: [path], label: `READY_SCRIPT_PATH ${path}` };
  const script = vars.READY_SCRIPT;
  if (script !== undefined && script.trim() !== '') return { argv: ['/bin/sh', '-c', decodeReadyScript(script)], label: 'READY_SCRIPT' };
  return undefined;
}
