// --contexts DIR: context.sh and token.txt as oned writes them, rewritten when a token changes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../../agent/context/discover';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { tempDir } from '../../support/temp-dir';
import { call } from '../http/client';
import { type Simulator, startOneGate } from '../index';

let dir: string;
let sim: Simulator;
describe.each(SERVER_VERSIONS)('OneGate %s', (version) => {
  beforeEach(async () => {
    dir = tempDir('sim-ctx-');
    sim = await startOneGate({ serverVersion: version, contextsDir: dir });
  });
  afterEach(async () => {
    await sim.close();
  });

  describe('context files', () => {
    it('writes context.sh with the simulator endpoint and token.txt (0600) for VMs that have a token', async () => {
      const ctx = readFileSync(join(dir, '42', 'context.sh'), 'utf8');
      expect(ctx).toContain(`ONEGATE_ENDPOINT='${sim.url}'`);
      expect(ctx).toContain("VMID='42'");
      expect(ctx).toContain("TOKEN='YES'");
      expect(ctx).toContain("SSH_PUBLIC_KEY='ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyMaterialForTestsOnly alice@laptop'");
      expect(readFileSync(join(dir, '42', 'token.txt'), 'utf8')).toBe('5QpnDSbE0Cx9QZ9VuIfpOQ==\n');
      expect(statSync(join(dir, '42', 'token.txt')).mode & 0o777).toBe(0o600);
      expect(existsSync(join(dir, '80'))).toBe(false);
      expect(existsSync(join(dir, '81'))).toBe(false);
    });

    it('authenticates with the written files, also as the agent discovers them (--context-dir)', async () => {
      const token = readFileSync(join(dir, '7', 'token.txt'), 'utf8');
      expect((await call(sim, 'GET', '/vm', { as: 7, token: token.trim() })).status).toBe(200);
      const creds = await resolveCredentials({ contextDir: join(dir, '62'), env: {} });
      expect(creds).toEqual({ endpoint: sim.url, vmid: '62', token: sim.tokenFor(62) });
    });

    it("rewrites token.txt when the creator's TOKEN_PASSWORD changes and follows added and removed VMs", async () => {
      const ctxBefore = statSync(join(dir, '42', 'context.sh')).mtimeMs;
      await sim.setTokenPassword('alice', 'b'.repeat(64));
      expect(readFileSync(join(dir, '42', 'token.txt'), 'utf8')).toBe(`${sim.tokenFor(42)}\n`);
      expect(readFileSync(join(dir, '62', 'token.txt'), 'utf8')).toBe(`${sim.tokenFor(62)}\n`);
      expect(statSync(join(dir, '42', 'context.sh')).mtimeMs).toBe(ctxBefore);
      sim.addVm({ id: '100', uid: '2', template: { CREATED_BY: '2', CONTEXT: { TOKEN: 'YES', NAME: "it's" } } });
      expect(readFileSync(join(dir, '100', 'context.sh'), 'utf8')).toContain("NAME='it'\\''s'");
      sim.removeVm(100);
      expect(existsSync(join(dir, '100'))).toBe(false);
    });
  });
});
