// OneGate token scheme (oned's src/vm/VirtualMachineContext.cc makes it, src/cloud/common/CloudAuth/OneGateCloudAuth.rb checks it, at release-7.4.0): base64(AES-256-CBC(key = first 32 chars of the creator's
// TOKEN_PASSWORD, IV = 16 zero bytes, PKCS#7, "<VMID>:<STIME>")). oned makes it, OneGate checks it.
import { createCipheriv, createDecipheriv } from 'node:crypto';

const ZERO_IV = Buffer.alloc(16);

/** The token oned writes to token.txt for a VM. Throws when the password is shorter than 32 bytes. */
export function makeToken(tokenPassword: string, vmid: string | number, stime: string | number): string {
  const cipher = createCipheriv('aes-256-cbc', keyOf(tokenPassword), ZERO_IV);
  return Buffer.concat([cipher.update(`${vmid}:${stime}`, 'utf8'), cipher.final()]).toString('base64');
}

/** Decrypts a token the way OneGate does; throws on a bad key, bad padding or empty input. */
export function decryptToken(tokenPassword: string, token: string): string {
  const decipher = createDecipheriv('aes-256-cbc', keyOf(tokenPassword), ZERO_IV);
  const data = lenientBase64(token);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

// Ruby's Base64.decode64 skips every character outside the alphabet (whitespace, newlines).
function lenientBase64(text: string): Buffer {
  return Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
}

// OpenSSL (Ruby) refuses a key that is not exactly 32 bytes after taking [0..31].
function keyOf(tokenPassword: string): Buffer {
  const key = Buffer.from(tokenPassword.slice(0, 32), 'utf8');
  if (key.length !== 32) throw new Error(`key must be 32 bytes, got ${key.length}`);
  return key;
}
