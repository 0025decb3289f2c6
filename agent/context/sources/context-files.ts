// Turns the files a source found (context.sh, token.txt) into variables and credential candidates.
import { parseContextSh } from '../context-sh';
import type { ContextFiles } from '../types';
import { type Candidates, candidate } from './candidates';

/** Parsed content of one context source. */
export interface ParsedContext extends Candidates {
  /** Every variable of context.sh. */
  vars: Record<string, string>;
  /** "context.sh on /dev/sr0", for messages. */
  label: string;
}

/** Parses context.sh (CONTEXT_INVALID when it is not one); the context's ONEGATE_TOKEN beats token.txt, as in one-context. */
export function parseContextFiles(files: ContextFiles): ParsedContext {
  const label = files.kind === 'file' ? files.origin : `context.sh on ${files.origin}`;
  const vars = parseContextSh(files.contextSh ?? '', label);
  const tokenLabel = files.kind === 'file' ? `token.txt beside ${files.origin}` : `token.txt on ${files.origin}`;
  return {
    vars,
    label,
    endpoint: candidate(vars.ONEGATE_ENDPOINT, `ONEGATE_ENDPOINT in ${label}`),
    vmid: candidate(vars.VMID, `VMID in ${label}`),
    token: candidate(vars.ONEGATE_TOKEN, `ONEGATE_TOKEN in ${label}`) ?? candidate(files.tokenTxt?.trim(), tokenLabel),
  };
}
