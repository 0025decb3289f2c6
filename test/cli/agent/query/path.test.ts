import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, QueryPathError, shownPath } from '../../../../cli/agent/query/path';

describe('parsePath', () => {
  it.each([
    ['vm', { root: 'vm', segments: [] }],
    ['VM.ID', { root: 'vm', segments: [{ text: 'ID' }] }],
    ['vm.USER_TEMPLATE.ROLE_NAME', { root: 'vm', segments: [{ text: 'USER_TEMPLATE' }, { text: 'ROLE_NAME' }] }],
    ['vm.TEMPLATE.NIC.0.IP', { root: 'vm', segments: [{ text: 'TEMPLATE' }, { text: 'NIC' }, { text: '0', index: 0 }, { text: 'IP' }] }],
    ['service.roles.web.nodes', { root: 'service', segments: [{ text: 'roles' }, { text: 'web' }, { text: 'nodes' }] }],
    ['vnet.12', { root: 'vnet', segments: [{ text: '12', index: 12 }] }],
    ['context.ETH0_IP', { root: 'context', segments: [{ text: 'ETH0_IP' }] }],
    ['vm.USER_TEMPLATE."app.version"', { root: 'vm', segments: [{ text: 'USER_TEMPLATE' }, { text: 'app.version' }] }],
    ['vm."0"', { root: 'vm', segments: [{ text: '0' }] }],
    ['vm."a\\"b\\\\c"', { root: 'vm', segments: [{ text: 'a"b\\c' }] }],
    ['vm."".x', { root: 'vm', segments: [{ text: '' }, { text: 'x' }] }],
    ['vm.a b', { root: 'vm', segments: [{ text: 'a b' }] }],
    ['vm."a\\n"', { root: 'vm', segments: [{ text: 'a\\n' }] }],
  ])('%s', (text, expected) => {
    expect(parsePath(text)).toEqual(expected);
  });

  it.each([
    ['', '"": empty key at character 1'],
    ['host.name', '"host.name": starts with neither vm, service, vrouter, vnet, context'],
    ['"vm".ID', '"\\"vm\\".ID": starts with neither vm, service, vrouter, vnet, context'],
    ['vm.', '"vm.": empty key at character 4'],
    ['vm..ID', '"vm..ID": empty key at character 4'],
    ['.vm', '".vm": empty key at character 1'],
    ['vm.a"b"', '"vm.a\\"b\\"": a quote inside a key at character 5 (quote the whole key)'],
    ['vm."ab', '"vm.\\"ab": the quote at character 4 is not closed'],
    ['vm."a"b', '"vm.\\"a\\"b": expected "." after the quoted key at character 7'],
    ['ONEGATE_TOKEN=s3cret', '"ONEGATE_TOKEN=<redacted>": starts with neither vm, service, vrouter, vnet, context'],
    ['vm.\u001b[2J."', '"vm.\\u001b[2J.\\"": the quote at character 9 is not closed'],
  ])('refuses %j', (text, message) => {
    expect(() => parsePath(text)).toThrow(QueryPathError);
    expect(() => parsePath(text)).toThrow(message);
  });

  it('formats back what it parses, quoting keys that need it', () => {
    for (const text of ['vm.TEMPLATE.NIC.0.IP', 'vm.USER_TEMPLATE."app.version"', 'vm."0"', 'vm."a\\"b"', 'vm.""'])
      expect(formatPath(parsePath(text).root, parsePath(text).segments)).toBe(text);
  });

  it('shows a path in a message escaped and with a SECRET=value masked', () => {
    const p = parsePath('context.\u001b[2J.ONEGATE_TOKEN=abc');
    expect(shownPath(p.root, p.segments)).toBe('context.\\x1b[2J.ONEGATE_TOKEN=<redacted>');
  });
});
