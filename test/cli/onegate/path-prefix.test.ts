// ONEGATE_ENDPOINT with a path prefix behind a reverse proxy (one-apps#27): every request of the onegate commands keeps the
// prefix (the client library's default, docs/client.md), and the answers come back through the proxy, on each server version.
import { describe, expect, it } from 'vitest';
import { perSuite } from '../../support/per-test';
import { startPrefixProxy } from '../../support/prefix-proxy';
import { SERVER_VERSIONS } from '../../support/server-versions';
import { runCli, startWorld } from './helpers';

describe.each(SERVER_VERSIONS)('a path prefix behind a reverse proxy (OneGate %s)', (version) => {
  const world = perSuite(async () => {
    const sim = await startWorld(undefined, version);
    const proxy = await startPrefixProxy(sim.url);
    return { sim, proxy, close: () => proxy.close().then(() => sim.close()) };
  });
  const env = (vmid: number) => ({ ONEGATE_ENDPOINT: world.proxy.endpoint, VMID: String(vmid), TOKENTXT: world.sim.tokenFor(vmid) });

  it.each([
    [42, ['vm', 'show', '--json'], 'GET /vm'],
    [42, ['vm', 'update', '--data', 'VIA=proxy'], 'PUT /vm'],
    [42, ['vm', 'show', '43', '--json'], 'GET /vms/43'],
    [42, ['vm', 'suspend', '43'], 'POST /vms/43/action'],
    [42, ['service', 'show', '--extended', '--json'], 'GET /service?extended=true'],
    [42, ['service', 'scale', '--role', 'web', '--cardinality', '3'], 'PUT /service/role/web'],
    [50, ['vrouter', 'show', '--json'], 'GET /vrouter'],
    [50, ['vnet', 'show', '1', '--json'], 'GET /vnet/1'],
  ])('VM %i %j: %s under /onegate, answered through the proxy', async (vmid, args, request) => {
    const before = world.proxy.paths.length;
    const r = await runCli(args, env(vmid));
    expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    const [method, path] = request.split(' ');
    expect(world.proxy.paths.slice(before)).toEqual([`/onegate${path}`]);
    expect(world.sim.requests.at(-1)).toMatchObject({ method, path: path.split('?')[0], status: expect.any(Number) });
    expect(world.sim.requests.at(-1)!.status).toBeLessThan(300);
  });
});
