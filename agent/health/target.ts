// The targets of http and tcp checks as written in agent.yaml. Pure; validation and the daemon share them.

/** "host:port" or "[v6]:port" -> host (no brackets) and port; undefined when malformed. */
export function parseHostPort(text: string): { host: string; port: number } | undefined {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) return undefined;
  return { host: m[1] ?? m[2], port };
}

/** True for an http:// or https:// URL with a host and no user information. */
export function isCheckUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const u = new URL(text);
    return u.hostname !== '' && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
