// Replaced at bundle time by esbuild's `define`; "dev" when run from source (tsx, vitest).
declare const __VERSION__: string | undefined;

/** The package version of onegate-agent and onegate. */
export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : 'dev';
