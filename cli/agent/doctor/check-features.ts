// features: which documents the server lets this VM read, by read-only probes (GET /service, /vrouter,
// /vnet/:id). The server checks its :permissions: flags before anything else, so a 403 names a route the
// administrator turned off, while "not a member" answers mean the route is allowed but has nothing for this VM.
import { innerOf } from '../../../agent/onegate/documents';
import { printable } from '../../../agent/printable';
import { classifyPullError } from '../../../agent/pull/classify-error';
import { serviceIdOf, vnetIdsOf } from '../../../agent/pull/documents';
import { type Check, ok, warn } from './types';

interface Probe {
  /** As shown: "service", "vrouter", "vnet/3". */
  name: string;
  /** allowed, refused (a 403), or failed (anything else unexpected). */
  outcome: 'allowed' | 'refused' | 'failed';
  /** What the answer said. */
  detail: string;
}

export const featuresCheck: Check = {
  name: 'features',
  title: 'features the server allows',
  needs: ['vm'],
  async run({ facts }) {
    const client = facts.client!;
    const probes: Probe[] = [];
    const sid = serviceIdOf(facts.vm!.doc);
    probes.push(
      await probe(
        'service',
        () => client.getService(),
        (doc) => `service ${String(innerOf(doc, 'SERVICE')?.id ?? sid ?? '?')}`,
      ),
    );
    let vrouter: unknown;
    probes.push(
      await probe(
        'vrouter',
        async () => (vrouter = await client.getVrouter()),
        (doc) => `router ${String(innerOf(doc, 'VROUTER')?.ID ?? '?')}`,
      ),
    );
    // The permission check comes first on the server: any ID tells whether the route is allowed.
    const vnet = vrouter ? (vnetIdsOf(vrouter)[0] ?? 0) : 0;
    probes.push(
      await probe(
        `vnet/${vnet}`,
        () => client.getVnet(vnet),
        () => 'readable',
      ),
    );
    const line = probes.map((p) => `${p.name}: ${p.outcome} (${p.detail})`).join('; ');
    const refused = probes.filter((p) => p.outcome === 'refused').map((p) => p.name.replace(/\/.*/, ''));
    if (refused.length > 0)
      return warn(
        line,
        `the OneGate administrator turned off ${refused.join(', ')} (:permissions: in onegate-server.conf): the agent's pull of ${refused.join(', ')} stays off; ask for it, or turn it off in pull.* to silence it`,
      );
    const failed = probes.filter((p) => p.outcome === 'failed');
    if (failed.length > 0) return warn(line, 'a read-only probe failed unexpectedly: see the answer quoted, and the OneGate server log');
    return ok(line);
  },
};

async function probe(name: string, call: () => Promise<unknown>, describe: (doc: unknown) => string): Promise<Probe> {
  try {
    return { name, outcome: 'allowed', detail: describe(await call()) };
  } catch (err) {
    const f = classifyPullError(err);
    const detail = printable(f.message, 120);
    if (f.kind === 'off' && (err as { status?: number }).status === 403) return { name, outcome: 'refused', detail };
    // Not a member, not a router, not found: the route is allowed, there is just nothing for this VM.
    if (f.kind === 'off' || f.kind === 'not-member' || f.kind === 'gone') return { name, outcome: 'allowed', detail };
    return { name, outcome: 'failed', detail };
  }
}
