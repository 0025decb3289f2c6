// Self-signed certificates made with openssl for the HTTPS tests; undefined (tests skip) without openssl.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from '../../../../agent/process/run-command';
import { tempDir } from '../../../support/temp-dir';

/** A key, its certificate and the certificate's path (usable as caFile). */
export interface TestCert {
  key: string;
  cert: string;
  certFile: string;
}

/** Makes a self-signed certificate for the given subjectAltName, e.g. "IP:127.0.0.1,DNS:localhost". */
export async function makeCert(san: string): Promise<TestCert | undefined> {
  const dir = tempDir('onegate-tls-');
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  const result = await runCommand({
    argv: [
      'openssl',
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=onegate-test',
      '-addext',
      `subjectAltName=${san}`,
    ],
    timeoutMs: 30_000,
  });
  if (result.code !== 0) return undefined;
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}
