// Types shared by the context discovery, the client and the daemon.

/** What a request to OneGate needs: where to send it and who the caller is. */
export interface Credentials {
  /** ONEGATE_ENDPOINT, e.g. "http://169.254.16.9:5030". */
  endpoint: string;
  /** The caller's VM ID, decimal. */
  vmid: string;
  /** The OneGate token (token.txt or ONEGATE_TOKEN), trimmed. Never log it. */
  token: string;
}
