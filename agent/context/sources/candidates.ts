// A candidate value for endpoint, VMID or token, with a human-readable origin for `onegate-agent context`.

/** Values one source offers; each is optional. */
export interface Candidates {
  /** ONEGATE_ENDPOINT, not yet validated. */
  endpoint?: Candidate;
  /** VMID, not yet validated. */
  vmid?: Candidate;
  /** The token, untrimmed. */
  token?: Candidate;
}

/** One value and where it came from. */
export interface Candidate {
  /** The raw value. */
  value: string;
  /** e.g. "environment ONEGATE_ENDPOINT", "ONEGATE_TOKEN in /dev/sr0:context.sh". */
  origin: string;
}

/** A candidate when `value` is a non-empty string. */
export function candidate(value: string | undefined, origin: string): Candidate | undefined {
  return value !== undefined && value !== '' ? { value, origin } : undefined;
}
