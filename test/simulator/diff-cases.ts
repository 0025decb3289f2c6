// The requests diff-real.ts sends to the real server and to the simulator, in order (later cases
// see the changes of earlier ones on both sides).

/** One request. */
export interface DiffCase {
  method: string; path: string; headers?: Record<string, string>; body?: string; note?: string;
  /** Sends VM `as`'s VMID and token. */ as?: number;
  /** Sends only this VM's token (with `tokenPad` around it), no VMID unless in headers. */ tokenOf?: number; tokenPad?: string;
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'Content-Type': 'application/json' };
const put = (as: number, data: string, type?: number, path = '/vm'): DiffCase =>
  ({ method: 'PUT', path, as, headers: FORM, body: `data=${encodeURIComponent(data)}${type === undefined ? '' : `&type=${type}`}`, note: JSON.stringify(data) });
const act = (as: number, id: number, body: string, headers: Record<string, string> = JSON_TYPE): DiffCase => ({ method: 'POST', path: `/vms/${id}/action`, as, headers, body, note: body });

export const DIFF_CASES: DiffCase[] = [
  { method: 'GET', path: '/' }, { method: 'GET', path: '/', as: 42, headers: { Host: '10.1.2.3:5030' } },
  ...[7, 42, 43, 44, 50, 51, 60, 61, 62, 70, 12345].map((as) => ({ method: 'GET', path: '/vm', as })),
  { method: 'GET', path: '/vm', headers: { 'X-ONEGATE-VMID': '80', 'X-ONEGATE-TOKEN': 'x' } },
  { method: 'HEAD', path: '/vm', as: 42 }, { method: 'GET', path: '/vm/', as: 42 }, { method: 'DELETE', path: '/vm', as: 42 }, { method: 'GET', path: '/nope' },
  { method: 'GET', path: '/vms/42', as: 43 }, { method: 'GET', path: '/vms/44', as: 42 }, { method: 'GET', path: '/vms/42', as: 7 },
  { method: 'GET', path: '/vms/7', as: 42 }, { method: 'GET', path: '/vms/42', as: 60 }, { method: 'GET', path: '/vms/42', as: 61 },
  { method: 'GET', path: '/vms/51', as: 50 }, { method: 'GET', path: '/vms/42', as: 50 }, { method: 'GET', path: '/vms/abc', as: 42 },
  { method: 'GET', path: '/vms/99', as: 42 },
  { method: 'GET', path: '/service', as: 42 }, { method: 'GET', path: '/service?extended=false', as: 43 }, { method: 'GET', path: '/service', as: 7 },
  { method: 'GET', path: '/service', as: 60 }, { method: 'GET', path: '/service', as: 61 },
  { method: 'GET', path: '/vrouter', as: 50 }, { method: 'GET', path: '/vrouter', as: 42 },
  ...['0', '1', '2', '4', '5', '9', 'x', '1?extended=true', '0?extended=TRUE', '2?extended=true'].map((id) => ({ method: 'GET', path: `/vnet/${id}`, as: 50 })),
  { method: 'GET', path: '/vnet/1', as: 42 },
  put(42, 'READY=YES'), put(42, 'A=hello world\\nB=x=y'), put(42, 'A=a,b,c'), put(42, 'A=[B=1,C=2]'), put(42, 'A=say "hi"'), put(42, 'A='),
  put(42, 'APP_LOAD = 9.7'), put(42, 'KEY-X=1'), put(42, 'SERVICE_ID=3'), put(42, 'service_id=3'), put(42, 'lower=1'),
  put(42, 'role_name', 2), put(42, 'NOPE', 2), put(42, 'B', 2), put(42, 'APP/PORT', 2), put(42, 'B', 0), put(42, 'A=b', 2),
  { method: 'PUT', path: '/vm', as: 42, body: 'RAW=1 2' }, { method: 'PUT', path: '/vm?data=Q%3D1', as: 42 },
  put(43, 'PEER=1', 1, '/vms/42'), put(51, 'PEER=2', 1, '/vms/50'), put(7, 'PEER=1', 1, '/vms/42'),
  { method: 'GET', path: '/vm', as: 42, note: 'after the updates' },
  act(42, 43, 'x'), act(42, 43, ''), act(42, 43, '{"perform":"x"}'), act(42, 43, '{"action":{"perform":"reboot"}}'),
  act(42, 43, '{"action":{"perform":"REBOOT"}}'), act(42, 43, '{"action":{"perform":"dance"}}'), act(42, 43, '{"action":{"perform":"hold"}}'),
  act(42, 43, '{"action":{"perform":"chown"}}'), act(42, 43, '{"action":{"perform":"resched"}}'),
  act(42, 43, '{"action":{"perform":"poweroff"}}'), { method: 'GET', path: '/vms/43', as: 42 }, act(42, 43, '{"action":{"perform":"resume"}}'),
  act(42, 43, '{"action":{"perform":"suspend","params":true}}'), { method: 'GET', path: '/vms/43', as: 42 },
  act(12345, 12345, '{"action":{"perform":"poweroff"}}'), act(12345, 12345, '{"action":{"perform":"terminate","params":true}}'),
  { method: 'GET', path: '/vm', as: 12345 },
  { method: 'PUT', path: '/service/role/web', as: 42, headers: JSON_TYPE, body: '{"cardinality":3}' },
  { method: 'PUT', path: '/service/role/web', as: 42, headers: JSON_TYPE, body: '{"cardinality":"3"}' },
  { method: 'PUT', path: '/service/role/db', as: 42, headers: JSON_TYPE, body: '{"cardinality":2}' },
  { method: 'PUT', path: '/service/role/nope', as: 42, headers: JSON_TYPE, body: '{"cardinality":2}' },
  { method: 'PUT', path: '/service/role/web', as: 7, headers: JSON_TYPE, body: '{"cardinality":2}' },
  { method: 'GET', path: '/service', as: 44 },
  put(42, 'A\nB', 2), put(42, 'A B', 2), put(42, '*', 3),
  act(42, 43, '{"action":"perform"}'), act(42, 43, '{"action":null}'), act(42, 43, '[1]'), act(42, 43, '{"action":{"perform":"snapshot_create","params":"s1"}}'),
  act(42, 43, '{"action":{"perform":"rename","params":"renamed"}}'), act(42, 43, '{"action":{"perform":"detachnic","params":9}}'),
  act(42, 43, '{"action":{"perform":"deploy","params":0}}'), act(42, 43, '{"action":{"perform":"saveas"}}'),
  { method: 'GET', path: '/vms/43', as: 42 },
  { method: 'PUT', path: '/service/role/web', as: 42, headers: JSON_TYPE, body: 'nope' },
  { method: 'PUT', path: '/service/role/web', as: 42, headers: JSON_TYPE, body: '' },
  put(7, 'XMLA=1\n1B=2\nxmlc=3'), { method: 'GET', path: '/vm', as: 7 },
  { method: 'HEAD', path: '/vm' }, { method: 'HEAD', path: '/nope', as: 42 }, { method: 'HEAD', path: '/vms/99', as: 42 },
  { method: 'GET', path: '/?id=42', tokenOf: 42, headers: { Host: 'h' } }, { method: 'GET', path: '/vms/42', tokenOf: 42, note: 'VMID from :id for auth only' },
  { method: 'GET', path: '/vm', tokenOf: 42, tokenPad: ' \t', headers: { 'X-ONEGATE-VMID': '42abc' } },
  { method: 'GET', path: '/service?extended', as: 42 }, { method: 'GET', path: '/service?extended=', as: 42 }, { method: 'PUT', path: '/vm?data', as: 42, body: 'BARE=1' }, { method: 'GET', path: '/vnet/%20%31', as: 50 }, { method: 'GET', path: '/vms/0x2A', as: 42 },
  { method: 'PUT', path: '/vm', as: 42, headers: FORM, body: 'data=HIJACK%3D1' }, { method: 'PUT', path: '/vm', as: 42, headers: FORM, body: 'data=TYPED%3D1&type=01' },
  { method: 'PUT', path: '/vm', as: 42, headers: FORM, body: 'RAWFORM=1' },
  { method: 'PUT', path: '/vm', as: 42, headers: { 'Content-Type': 'multipart/form-data; boundary=B' },
    body: '--B\r\nContent-Disposition: form-data; name="data"\r\n\r\nMP=a b\r\n--B--\r\n', note: 'multipart' }, { method: 'GET', path: '/vm', as: 42 }, put(50, 'X=1', 1, '/vms/42'),
  act(51, 50, '{"action":{"perform":"poweroff","params":false}}'), { method: 'GET', path: '/vms/50', as: 51 }, { method: 'GET', path: '/vm', as: 42 },
  put(42, 'SERVICE_ID = 5'), { method: 'GET', path: '/service', as: 42, note: 'SERVICE_ID " 5" slipped past the check' },
];
