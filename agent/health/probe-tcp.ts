// A tcp check: the service accepts connections. The connection is closed at once; nothing is sent.
import { openSocket, socketReason } from './probe-socket';
import type { ProbeResult } from './types';

/** Connects to host:port within the signal's life. */
export async function probeTcp(host: string, port: number, signal: AbortSignal): Promise<ProbeResult> {
  try {
    const socket = await openSocket({ host, port }, signal);
    socket.destroy();
    return { ok: true, reason: '' };
  } catch (err) {
    return { ok: false, reason: socketReason(err) };
  }
}
