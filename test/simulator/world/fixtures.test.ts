import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getText, templateToHash } from '../template/template';
import { loadFixtures } from './fixtures';

describe('loadFixtures', () => {
  it('loads the default fixture with every scalar as a string', () => {
    const w = loadFixtures();
    expect([...w.vms.keys()]).toEqual([7, 42, 43, 44, 50, 51, 60, 61, 62, 70, 80, 81, 12345]);
    const vm = w.vms.get(42)!;
    expect([vm.stime, vm.uid, vm.gid, vm.state]).toEqual([1700000000, 2, 1, 3]);
    expect(templateToHash(vm.userTemplate).TAG).toEqual(['a', 'b']);
    expect(getText(vm.template, 'VMID')).toBe('42');
    expect(w.services.get(7)!.roles!.map((r) => [r.name, r.nodes, r.maxVms])).toEqual([
      ['web', [42, 43], 4],
      ['db', [44], 1],
    ]);
    expect(w.vnets.get(2)!.parent).toBe(1);
  });

  // The reference harness (docs/simulator.md) is outside the repository: ONEGATE_REFERENCE_DIR names it.
  const harness = `${process.env.ONEGATE_REFERENCE_DIR ?? '/nonexistent'}/fixtures.yaml`;
  it.skipIf(!existsSync(harness))('loads the reference harness fixture to the same world (ONEGATE_REFERENCE_DIR)', () => {
    const ours = loadFixtures();
    const theirs = loadFixtures(harness);
    expect(JSON.stringify([...theirs.vms.values()])).toBe(JSON.stringify([...ours.vms.values()]));
  });

  it.each([
    [{ vms: [{ name: 'x' }] }, /vms\[0\]\.id: "" is not an integer/],
    [{ vms: {} }, /vms: must be a list/],
    [{ vms: [{ id: 1, template: ['x'] }] }, /a template must be a map/],
    [{ services: [{ id: 1, name: 's', roles: [{ name: 'r', nodes: ['a'] }] }] }, /roles\[0\]\.nodes\[0\]: "a" is not an integer/],
    [['a list'], /not a YAML map/],
  ])('names the bad field of %j', (doc, message) => {
    expect(() => loadFixtures(doc)).toThrow(message);
  });

  it('names a missing file', () => {
    expect(() => loadFixtures('/nonexistent/fixture.yaml')).toThrow(/\/nonexistent\/fixture\.yaml/);
  });
});
