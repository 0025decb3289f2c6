// Windows guests: the CONTEXT cd-rom is a drive letter whose volume label is CONTEXT, the test
// addon-context-windows makes (src/context.ps1, waitForContext: Win32_Volume where Label -eq "CONTEXT").
// Node has no call for a volume label, so `cmd /d /c vol X:` is asked, with a timeout, for each drive that
// has a context.sh at its root (usually one, so one short spawn per discovery). Inactive off Windows.
import { win32 } from 'node:path';
import { envOf, hostFacts, isWindows, type OsFacts } from '../../platform/facts';
import type { RunCommandResult } from '../../process/run-command';
import { runLazily } from '../../process/run-lazily';
import type { ContextFiles, SourceContext } from '../types';
import type { Source } from './source';

// A and B were floppy drives; C is the system drive.
const LETTERS = 'DEFGHIJKLMNOPQRSTUVWXYZ';
const LABEL = 'CONTEXT';

/** What the source asks the OS; tests replace it. */
export interface DriveCalls {
  /** The output of `vol X:` for a drive root. */
  vol(root: string, facts: OsFacts): Promise<RunCommandResult>;
}

/**
 * True when the first line of `vol` names the label CONTEXT. The sentence around it is translated on
 * other languages of Windows ("Volume in drive D is CONTEXT", "Datenträger in Laufwerk D: ist CONTEXT"),
 * so the label is looked for as a word of that line rather than at a fixed place.
 */
export function labelIsContext(volOutput: string): boolean {
  const first = volOutput.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return first.trim().split(/\s+/).includes(LABEL);
}

/** X:\context.sh and X:\token.txt of every drive letter from D to Z. */
export function driveFiles(): { root: string; contextSh: string; tokenTxt: string }[] {
  return [...LETTERS].map((l) => ({ root: `${l}:\\`, contextSh: `${l}:\\context.sh`, tokenTxt: `${l}:\\token.txt` }));
}

const nodeDriveCalls: DriveCalls = {
  vol: (root, facts) =>
    runLazily({
      argv: [
        envOf(facts, 'ComSpec') ?? win32.join(envOf(facts, 'SystemRoot') ?? 'C:\\Windows', 'System32', 'cmd.exe'),
        '/d',
        '/c',
        'vol',
        root.slice(0, 2),
      ],
      timeoutMs: 5000,
    }),
};

/** The source for the OS of `facts`. */
export function windowsDriveSource(facts: OsFacts, calls: DriveCalls = nodeDriveCalls): Source {
  return {
    name: `drive labelled ${LABEL}`,
    priority: 15,
    kinds: ['cdrom'],
    async read(ctx: SourceContext): Promise<ContextFiles | undefined> {
      if (!isWindows(facts)) return undefined;
      for (const drive of driveFiles()) {
        const contextSh = await ctx.readOptional(drive.contextSh);
        if (contextSh === undefined) continue;
        const vol = await calls.vol(drive.root, facts);
        if (vol.code !== 0 || !labelIsContext(vol.stdout)) {
          const why =
            vol.code === 0
              ? `vol said ${JSON.stringify(vol.stdout.trim())}`
              : `vol failed: ${vol.spawnError?.message ?? vol.stderr.trim() ?? vol.code}`;
          ctx.log.debug(`context: ${drive.root} has context.sh but no label ${LABEL} (${why})`);
          continue;
        }
        return { kind: 'cdrom', origin: drive.root, contextSh, tokenTxt: await ctx.readOptional(drive.tokenTxt) };
      }
      return undefined;
    },
    watch: { files: () => (isWindows(facts) ? driveFiles().flatMap((d) => [d.contextSh, d.tokenTxt]) : []) },
  };
}

/** This process's source. */
export const windowsDrive = windowsDriveSource(hostFacts());
