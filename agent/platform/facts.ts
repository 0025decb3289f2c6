// The facts about the running OS that the agent's choices depend on, gathered in one place so that the
// pure functions of this folder (paths, how a script is run) are tested with Windows facts on Linux.

/** What the platform choices read from the OS. */
export interface OsFacts {
  /** process.platform: 'win32' selects the Windows layout and interpreters, anything else the POSIX one. */
  platform: NodeJS.Platform;
  /** The environment (ProgramData, SystemRoot, ComSpec on Windows). */
  env: Readonly<Record<string, string | undefined>>;
}

/** The facts of this process. */
export function hostFacts(): OsFacts {
  return { platform: process.platform, env: process.env };
}

/** True on Windows. */
export function isWindows(facts: OsFacts): boolean {
  return facts.platform === 'win32';
}

/**
 * An environment variable by its Windows name. process.env ignores case on Windows, but an injected
 * object does not, so the usual spellings are tried.
 */
export function envOf(facts: OsFacts, name: string): string | undefined {
  return facts.env[name] ?? facts.env[name.toUpperCase()] ?? facts.env[name.toLowerCase()];
}
