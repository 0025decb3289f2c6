// tls: for an https endpoint, the handshake succeeds and the certificate verifies against what the client
// trusts (onegate.ca_file, else the system store) for the endpoint's name. The handshake is made without
// rejecting, so a bad certificate is described (who it is for, who signed it) instead of only refused.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { printable } from '../../../agent/printable';
import { hostPort } from './hop';
import { type Check, type DoctorContext, type Finding, fail, ok, skip, warn } from './types';

const WHY: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is not trusted',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet (is the clock right?)',
};

export const tlsCheck: Check = {
  name: 'tls',
  title: 'TLS handshake and verification',
  needs: ['connect'],
  async run(ctx) {
    const { endpoint, hop, config } = ctx.facts;
    if (endpoint!.protocol !== 'https:') return skip('http endpoint: no TLS');
    if (hop!.via === 'proxy') return skip('TLS runs inside the proxy tunnel: GET /vm checks it');
    const caFile = config!.onegate.ca_file;
    let ca: Buffer | undefined;
    try {
      ca = caFile ? readFileSync(caFile) : undefined;
    } catch (err) {
      return fail(
        `cannot read onegate.ca_file ${caFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        'point onegate.ca_file at a readable PEM file with the CA that signed the OneGate certificate',
      );
    }
    const trust = caFile ? `onegate.ca_file ${caFile}` : 'the system CA store';
    let result: Handshake;
    try {
      result = await handshake(ctx, ca);
    } catch (err) {
      return fail(
        `TLS handshake with ${hostPort(endpoint!.hostname, endpoint!.port)} failed: ${printable((err as Error).message, 160)}`,
        'is that port an https server? If OneGate speaks plain http there, use http:// in ONEGATE_ENDPOINT',
      );
    }
    return judge(ctx, result, trust);
  },
};

interface Handshake {
  protocol: string;
  cert: PeerCertificate;
  /** The verification error code, undefined when the chain verifies. */
  chainError?: string;
  /** The name check's message, undefined when the certificate names the host. */
  nameError?: string;
}

function judge({ facts }: DoctorContext, h: Handshake, trust: string): Finding {
  const name = facts.endpoint!.hostname;
  const who = `${h.protocol}, certificate ${subjectOf(h.cert)} issued by ${issuerOf(h.cert)}, valid until ${h.cert.valid_to ?? '?'}`;
  const problem = h.chainError
    ? `not trusted by ${trust}: ${WHY[h.chainError] ?? h.chainError} (${h.chainError})`
    : h.nameError
      ? `not for ${name}: ${printable(h.nameError, 160)}`
      : undefined;
  if (!problem) return ok(`${who}; verified against ${trust} for ${name}`);
  const advice = h.chainError
    ? 'set onegate.ca_file to a PEM file with the CA that signed the OneGate certificate (onegate.insecure skips the check: only on a network you trust)'
    : `use a name the certificate lists in ONEGATE_ENDPOINT, or have the certificate reissued for ${name}`;
  if (facts.config!.onegate.insecure)
    return warn(`${who}; not verified (onegate.insecure is true), it would be ${problem}`, `${advice}; then turn onegate.insecure off`);
  return fail(`${who}; ${problem}`, advice);
}

function subjectOf(cert: PeerCertificate): string {
  const san = cert.subjectaltname ? ` (${printable(cert.subjectaltname, 80)})` : '';
  return `CN=${printable(String(cert.subject?.CN ?? '?'), 60)}${san}`;
}

function issuerOf(cert: PeerCertificate): string {
  return `CN=${printable(String(cert.issuer?.CN ?? '?'), 60)}`;
}

function handshake({ facts }: DoctorContext, ca: Buffer | undefined): Promise<Handshake> {
  const tls = process.getBuiltinModule('node:tls') as typeof import('node:tls');
  const name = facts.endpoint!.hostname;
  const { address } = facts.addresses![0]!;
  const ms = facts.config!.onegate.connect_timeout * 1000;
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = tls.connect({
      host: address,
      port: facts.endpoint!.port,
      servername: isIP(name) ? undefined : name,
      ca,
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => finish(new Error(`no handshake within ${ms} ms`)), ms);
    const finish = (err?: Error): void => {
      clearTimeout(timer);
      if (err) {
        socket.destroy();
        reject(err);
        return;
      }
      const cert = socket.getPeerCertificate();
      const authError = socket.authorizationError as unknown as { code?: string } | string | null;
      const chainError =
        socket.authorized || !authError ? undefined : typeof authError === 'string' ? authError : (authError.code ?? String(authError));
      const nameError = tls.checkServerIdentity(name, cert)?.message;
      const protocol = socket.getProtocol() ?? 'TLS';
      socket.destroy();
      resolve({ protocol, cert, chainError: chainError === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : chainError, nameError });
    };
    socket.once('secureConnect', () => finish());
    socket.once('error', (err) => finish(err));
  });
}
