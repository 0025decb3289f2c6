// Conformance: PUT /vm and PUT /vms/:id (update and escape_attr, onegate-server.rb l.512-625 at release-7.4.0).
import { describe, expect, it } from 'vitest';
import { perTest } from '../../support/per-test';
import { shippedConfig } from '../config/config';
import { call, form } from '../http/client';
import { startOneGate } from '../index';

// 6.10's texts; the 7.x differences are pinned by the tests below that start a 7.4 (or 7.0.0) simulator.
const sim = perTest(() => startOneGate({ serverVersion: '6.10' }));

const put = (data: string, type?: number, as = 42, path = '/vm') => call(sim, 'PUT', path, { as, ...form(data, type) });

describe('merge', () => {
  it('answers 200 with an empty body and stores escaped, upper-cased attributes', async () => {
    const r = await put('ready=YES\\nA=hello world\\nK=YWJj==');
    expect([r.status, r.body, r.headers['content-length']]).toEqual([200, '', '0']);
    expect(r.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(sim.vm(42).USER_TEMPLATE).toMatchObject({ READY: 'YES', A: 'hello world', K: 'YWJj==' });
  });

  it('replaces every previous value of a name; two lines of one name make an array', async () => {
    await put('TAG=x\nTAG=y\nAPP=[PORT=1]');
    expect(sim.vm(42).USER_TEMPLATE).toMatchObject({ TAG: ['x', 'y'], APP: { PORT: '1' } });
  });

  it('a CR reaches oned as LF (XML end-of-line handling of the XML-RPC call): K=1 CR LF L=2 stores K as "1" LF', async () => {
    // As the reference harness's oned recorded it behind the real 6.10.5 and 7.4.0: OneGate quotes K="1\r", the XML
    // parser turns that CR into LF.
    for (const serverVersion of ['6.10', '7.4']) {
      const s = await startOneGate({ serverVersion });
      expect((await call(s, 'PUT', '/vm', { as: 42, ...form('K=1\r\nL=2\nM=a\rb') })).status).toBe(200);
      expect(s.vm(42).USER_TEMPLATE).toMatchObject({ K: '1\n', L: '2', M: 'a\nb' });
      await s.close();
    }
  });

  it('takes data from the query string, and the raw body when there is no data parameter', async () => {
    expect((await call(sim, 'PUT', '/vm?data=Q%3D1', { as: 42 })).status).toBe(200);
    expect((await call(sim, 'PUT', '/vm', { as: 42, body: 'RAW=1 2' })).status).toBe(200);
    expect(sim.vm(42).USER_TEMPLATE).toMatchObject({ Q: '1', RAW: '1 2' });
  });

  it('reads data and type from a multipart/form-data body', async () => {
    const b = 'XyZ';
    const body =
      `--${b}\r\nContent-Disposition: form-data; name="data"\r\n\r\nMP=a b\r\n--${b}\r\nContent-Disposition: form-data; name="type"\r\n\r\n1\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="f"; filename="x"\r\n\r\nignored\r\n--${b}--\r\n`;
    const r = await call(sim, 'PUT', '/vm', { as: 42, body, headers: { 'Content-Type': `multipart/form-data; boundary=${b}` } });
    expect(r.status).toBe(200);
    expect(sim.vm(42).USER_TEMPLATE.MP).toBe('a b');
  });

  it('lets a form-typed raw body hijack the data/type parameters (Rack parses it)', async () => {
    await call(sim, 'PUT', '/vm', { as: 42, body: 'data=HIJACK%3D1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(sim.vm(42).USER_TEMPLATE).toMatchObject({ HIJACK: '1' });
  });

  it('reads a form-typed raw body as empty on 7.0.0 (#7239): 200 and nothing changes', async () => {
    const s = await startOneGate({ config: { ...shippedConfig(), ':simulator': { ':version': '7.0.0' } } });
    const r = await call(s, 'PUT', '/vm', { as: 42, body: 'LOST=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(r.status).toBe(200);
    expect(s.vm(42).USER_TEMPLATE.LOST).toBeUndefined();
    expect((await call(s, 'PUT', '/vm', { as: 42, body: 'KEPT=1', headers: { 'Content-Type': 'text/plain' } })).status).toBe(200);
    expect(s.vm(42).USER_TEMPLATE.KEPT).toBe('1');
    await s.close();
  });

  it('updates a peer through PUT /vms/:id and records the update', async () => {
    expect((await put('PEER=1', 1, 43, '/vms/42')).status).toBe(200);
    expect(sim.vm(42).USER_TEMPLATE.PEER).toBe('1');
    expect(sim.vm(42).updates.at(-1)).toMatchObject({ mode: 'merge', text: 'PEER="1"' });
  });
});

describe('errors', () => {
  it.each([
    ['SERVICE_ID=3', 1, 'Attribute (SERVICE_ID) cannot be modified'],
    ['role_name=x', 1, 'Attribute (role_name) cannot be modified'],
    ['A=1\nSCHED_REQUIREMENTS=x', 1, 'Attribute (SCHED_REQUIREMENTS) cannot be modified'],
    ['SERVICE_ID', 2, 'Attribute (SERVICE_ID) cannot be deleted'],
  ])('%j type %d is 403 %j', async (data, type, body) => {
    expect(await put(data, type).then((r) => [r.status, r.body])).toEqual([403, body]);
    expect(sim.vm(42).USER_TEMPLATE.SERVICE_ID).toBe('7');
  });

  it('lets "SERVICE_ID = 5" slip past the literal check (stored with a leading space)', async () => {
    expect((await put('SERVICE_ID = 5')).status).toBe(200);
    expect(sim.vm(42).USER_TEMPLATE.SERVICE_ID).toBe(' 5');
  });

  it.each([
    ['A=a,b,c', '[one.vm.update] Cannot update template. Parse error: syntax error at line 1, columns 6:7'],
    ['KEY-X=1', '[one.vm.update] Cannot update template. Parse error: syntax error at line 1, columns 5:6'],
    ['A=say "hi"', '[one.vm.update] Cannot update template. Parse error: syntax error at line 1, columns 11:12'],
  ])('%j is a 500 with the parser message', async (data, body) => {
    expect(await put(data).then((r) => [r.status, r.body])).toEqual([500, body]);
  });

  it('answers 500 for invalid UTF-8 in the data parameter (an exception: its message shows on 7.4)', async () => {
    const s74 = await startOneGate({ serverVersion: '7.4' });
    const r = await call(s74, 'PUT', '/vm', {
      as: 42,
      body: 'data=A%3D%FF%FE',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect([r.status, r.body]).toEqual([500, 'invalid byte sequence in UTF-8']);
    await s74.close();
  });

  it('answers 500 for a form body over 4 MiB', async () => {
    const r = await call(sim, 'PUT', '/vm', {
      as: 42,
      body: `data=A%3D${'x'.repeat(4 * 1024 * 1024)}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(500);
    expect(r.body).toMatch(/exceeds limit/);
  });
});

describe('erase', () => {
  it('removes the key, writes the rest back and drops empty values', async () => {
    sim.addVm({
      id: '90',
      uid: '2',
      stime: '1700000000',
      template: { CREATED_BY: '2' },
      user_template: { A: '1', EMPTY: '', V: { X: '', Y: '1' } },
    });
    expect((await put('A', 2, 90)).status).toBe(200);
    expect(sim.vm(90).USER_TEMPLATE).toEqual({ V: { Y: '1' } });
    expect(sim.vm(90).updates).toEqual([expect.objectContaining({ mode: 'erase', text: 'A' })]);
  });

  it('erases a vector sub-attribute with NAME/SUB', async () => {
    expect((await put('APP/PORT', 2)).status).toBe(200);
    expect(sim.vm(42).USER_TEMPLATE.APP).toEqual({ PROTO: 'http' });
  });

  it('answers 500 attribute not found for a missing or lower-case key', async () => {
    for (const key of ['NOPE', 'description'])
      expect(await put(key, 2).then((r) => [r.status, r.body])).toEqual([500, 'attribute not found']);
  });

  it('changes nothing for a type other than 1 and 2', async () => {
    expect((await put('DESCRIPTION', 0)).status).toBe(200);
    expect(sim.vm(42).USER_TEMPLATE.DESCRIPTION).toBe('frontend');
  });

  it('answers 500 with the XPath error for text that is not a path (an exception: its message shows on 7.4)', async () => {
    const s74 = await startOneGate({ serverVersion: '7.4' });
    const put74 = (data: string) => call(s74, 'PUT', '/vm', { as: 42, ...form(data, 2) });
    expect(await put74('A B').then((r) => [r.status, r.body])).toEqual([500, 'Invalid expression: USER_TEMPLATE/A B']);
    expect(await put74('A=b').then((r) => [r.status, r.body])).toEqual([500, 'node_set must be a Nokogiri::XML::NodeSet']);
    await s74.close();
  });
});
