// How a hook or READY_SCRIPT_PATH program is started. On Linux the file itself is executed (its #! line
// and mode bits decide). Windows has neither, so the extension picks the interpreter, as Explorer does:
// .exe and .com run themselves, .cmd and .bat run under cmd.exe, .ps1 under Windows PowerShell (the
// shell addon-context-windows runs its START_SCRIPT and init scripts with, src/context.ps1 runScripts).
// Any other file is not a program there.
import { win32 } from 'node:path';
import { envOf, isWindows, type OsFacts } from './facts';

/** The extensions Windows runs hooks with, lower case. */
export const WINDOWS_PROGRAM_EXTENSIONS = ['.bat', '.cmd', '.com', '.exe', '.ps1'] as const;

/** argv that runs the program at `path` (arguments go after it), or undefined when the OS cannot run it. */
export function programArgv(path: string, facts: OsFacts): string[] | undefined {
  if (!isWindows(facts)) return [path];
  const ext = win32.extname(path).toLowerCase();
  if (ext === '.exe' || ext === '.com') return [path];
  // /d: no AutoRun commands from the registry; the script decides its own exit code.
  if (ext === '.cmd' || ext === '.bat') return [commandShell(facts), '/d', '/c', path];
  if (ext === '.ps1') return [...powershell(facts), '-File', path];
  return undefined;
}

/**
 * argv that runs PowerShell text (READY_SCRIPT on Windows). -EncodedCommand takes the text as base64 of
 * UTF-16LE, so no quoting of cmd.exe or of the C runtime can change a character of it.
 */
export function powershellTextArgv(text: string, facts: OsFacts): string[] {
  return [...powershell(facts), '-EncodedCommand', Buffer.from(text, 'utf16le').toString('base64')];
}

/** Windows PowerShell 5.1, present on every Windows since Server 2016, without profile or prompts. */
function powershell(facts: OsFacts): string[] {
  const exe = win32.join(systemRoot(facts), 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
  // Bypass only for this process: the machine's policy stays as it is.
  return [exe, '-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass'];
}

function commandShell(facts: OsFacts): string {
  return envOf(facts, 'ComSpec') ?? win32.join(systemRoot(facts), 'System32', 'cmd.exe');
}

function systemRoot(facts: OsFacts): string {
  return envOf(facts, 'SystemRoot') ?? 'C:\\Windows';
}
