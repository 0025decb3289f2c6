// What `onegate-agent query` writes, as pure functions of its answers: plain values for scripts (one line
// per PATH), JSON with --json, and the listing of the cache when no PATH is given.
import { ago } from '../status-text';

/** The answer to one PATH. */
export interface Answer {
  /** The PATH as given. */
  path: string;
  /** False: absent or refused (its line is on stderr). */
  found: boolean;
  value?: unknown;
}

/** One cached document in the listing. */
export interface ListedDocument {
  /** The root a path starts with: vm, service, vrouter, vnet.<id>. */
  path: string;
  /** Its file. */
  file: string;
  /** Epoch ms of its last change (the file's mtime). */
  changedMs: number;
}

/** What the listing shows. */
export interface Listing {
  runDir: string;
  documents: ListedDocument[];
  /** ISO time of the daemon's last successful pull (status.json), when known. */
  lastPull?: string;
  /** The context as discovered now, or why it could not be. */
  context: { source: string; origin?: string; variables: number } | { error: string };
  /** Epoch ms the ages are counted from. */
  now: number;
}

/**
 * Plain: a string as it is, a number, boolean or null as JSON writes it, a structure as one line of JSON;
 * with several PATHs an absent one keeps its line, empty, so line N answers PATH N.
 * --json: one indented JSON text per found value, in PATH order (a stream, as jq prints).
 */
export function renderAnswers(answers: readonly Answer[], json: boolean): string {
  if (json)
    return answers
      .filter((a) => a.found)
      .map((a) => `${JSON.stringify(a.value, null, 2)}\n`)
      .join('');
  if (answers.length === 1 && !answers[0].found) return '';
  return answers.map((a) => `${a.found ? plain(a.value) : ''}\n`).join('');
}

function plain(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The listing as text: the run directory and last pull, one line per document with its age, the context. */
export function renderListing(listing: Listing): string {
  const { now } = listing;
  const pulled = listing.lastPull ? `last successful pull ${ago(listing.lastPull, now)}` : 'no successful pull recorded';
  const lines = [`cache:   ${listing.runDir} (${pulled})`];
  for (const d of listing.documents) lines.push(`${d.path.padEnd(9)}changed ${ago(new Date(d.changedMs).toISOString(), now)}  ${d.file}`);
  if (listing.documents.length === 0) lines.push('(no documents cached)');
  const c = listing.context;
  lines.push(
    'error' in c
      ? `context: not available: ${c.error}`
      : `context: ${c.source}${c.origin ? ` (${c.origin})` : ''}, ${c.variables} variable${c.variables === 1 ? '' : 's'}, read now`,
  );
  return `${lines.join('\n')}\n`;
}

/** The listing as the --json document: ages in whole seconds. */
export function listingJson(listing: Listing): object {
  return {
    runDir: listing.runDir,
    lastPull: listing.lastPull ?? null,
    documents: listing.documents.map((d) => ({
      path: d.path,
      file: d.file,
      changed: new Date(d.changedMs).toISOString(),
      ageSeconds: Math.round((listing.now - d.changedMs) / 1000),
    })),
    context: listing.context,
  };
}
