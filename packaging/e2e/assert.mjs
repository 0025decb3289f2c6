// Checks one end-to-end boot: the probe's "E2E <name> <status> <base64>" console lines in LOG and,
// with --vmid, what the simulator's control API recorded for that VM. Prints one line per check and
// exits 1 when any fails.
//   node assert.mjs --log FILE [--control URL --vmid N] [--source cdrom|block|directory] [--windows]
// --windows (packaging/e2e/wine.sh): the service is Shawl's, so no systemd sandbox is checked, and a stop is
// checked instead of the drain at poweroff (Windows has no shutdown marker, docs/packaging.md).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values: opt } = parseArgs({
  options: {
    log: { type: 'string' },
    control: { type: 'string' },
    vmid: { type: 'string' },
    source: { type: 'string' },
    windows: { type: 'boolean' },
  },
});
if (!opt.log) throw new Error('--log is required');

/** name -> { rc, out } from the probe's lines; serial consoles may add CR or noise around them. */
const results = new Map();
for (const line of readFileSync(opt.log, 'latin1').split(/\r?\n/)) {
  const m = /E2E (\S+) (\d+) ([A-Za-z0-9+/=]*)\s*$/.exec(line);
  if (m) results.set(m[1], { rc: Number(m[2]), out: Buffer.from(m[3], 'base64').toString('utf8') });
}

let failed = 0;
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail.slice(-1500)}`}`);
  if (!ok) failed++;
}
const got = (name) => results.get(name) ?? { rc: -1, out: '(no report from the guest)' };
// The sandbox's exposure in the running guest must not grow as the daemon gains units (docs/packaging.md).
const MAX_EXPOSURE = 1.9;

check('the guest probe ran to the end', results.has('done'), `log ${opt.log}`);
check('the unit is active', got('is-active').out.trim() === 'active', `${got('is-active').out}\n${got('journal').out}`);
const status = got('status');
let statusJson;
try {
  statusJson = JSON.parse(status.out);
} catch {
  statusJson = undefined;
}
check('onegate-agent status answers healthy (exit 0)', status.rc === 0, `exit ${status.rc}: ${status.out}\n${got('journal').out}`);
check('onegate-agent status --json prints JSON', typeof statusJson === 'object' && statusJson !== null, status.out);
// The systemd sandbox; a Windows service has none (docs/packaging.md, "Windows").
if (!opt.windows) {
  const security = got('security');
  const exposure = Number(/exposure level for onegate-agent\.service:\s*([\d.]+)/.exec(security.out)?.[1]);
  check(
    `systemd-analyze security: exposure ${Number.isNaN(exposure) ? '?' : exposure} (at most ${MAX_EXPOSURE})`,
    exposure <= MAX_EXPOSURE,
    security.out,
  );
  const journal = got('journal').out;
  check(
    'SIGUSR1 was logged and ignored, no inspector opened',
    journal.includes('SIGUSR1: ignored') && !/Debugger listening/.test(journal),
    journal,
  );
  let doctor;
  try {
    doctor = JSON.parse(got('doctor').out);
  } catch {
    doctor = undefined;
  }
  check(
    'onegate-agent doctor finds no broken link (exit 0 or 1)',
    got('doctor').rc <= 1 && doctor !== undefined && doctor.result !== 'fail' && doctor.firstFailure === null,
    `exit ${got('doctor').rc}: ${got('doctor').out}`,
  );
}
if (opt.source) {
  const context = got('context');
  let source;
  try {
    source = JSON.parse(context.out).source;
  } catch {
    source = undefined;
  }
  check(`onegate-agent context finds the context on "${opt.source}"`, source === opt.source, context.out);
}

if (opt.control && opt.vmid) {
  const vm = await (await fetch(`${opt.control}/vms/${opt.vmid}`)).json();
  const user = vm.USER_TEMPLATE ?? {};
  // The probe saw READY=YES from inside the guest before it powered off; the server recorded the PUT
  // that said it; and the shutdown's drain (docs/lifecycle.md) erased it again before the guest went.
  check('the guest saw READY=YES while it ran', got('ready').rc === 0, got('ready').out);
  const recorded = await (await fetch(`${opt.control}/requests`)).json();
  const puts = (recorded.requests ?? recorded).filter((r) => String(r.vmid) === String(opt.vmid) && r.method === 'PUT' && r.path === '/vm');
  // PUT /vm bodies are forms: data=<attributes, one per line>&type=1 (set) or type=2 (erase one).
  const forms = puts.map((r) => new URLSearchParams(String(r.body)));
  const sent = (type, line) => forms.some((f) => f.get('type') === type && (f.get('data') ?? '').split('\n').includes(line));
  check(
    `the simulator recorded READY=YES from VM ${opt.vmid}`,
    sent('1', 'READY=YES'),
    JSON.stringify(puts.map((r) => r.body)).slice(0, 1500),
  );
  if (opt.windows) {
    const ready = got('ready-ran');
    check('READY_SCRIPT_PATH (a .cmd on the CONTEXT drive) ran', ready.rc === 0 && ready.out.includes('ready script ran'), ready.out);
    // The vm hook of the first pull: EVENT OLD NEW, with NUL for the old document that never was.
    const hook = got('hook-ran');
    check(
      'the .cmd hook in hooks.d\\vm ran with "vm NUL <run dir>\\vm.json"',
      hook.rc === 0 && /^vm NUL C:\\ProgramData\\onegate-agent\\run\\vm\.json\s*$/.test(hook.out),
      hook.out,
    );
    check('the service stopped on Ctrl-C with exit 0', got('stop').rc === 0, `${got('stop').out}\n${got('journal').out}`);
  } else {
    check(
      `the drain at poweroff erased READY for VM ${opt.vmid}`,
      sent('2', 'READY') && user.READY === undefined,
      JSON.stringify({ puts: puts.map((r) => r.body), user }).slice(0, 1500),
    );
  }
  const metrics = Object.keys(user).filter((k) => /^(CPU_USAGE|MEM_USED|LOAD1|UPTIME|SWAP_USED|NET_RX_BPS)$/.test(k));
  check(`the simulator shows metric attributes from VM ${opt.vmid}`, metrics.length > 0, JSON.stringify(user));
  if (!opt.windows) {
    const query = got('query');
    check(
      'onegate-agent query vm.ID answers from the cache',
      query.rc === 0 && query.out.trim() === String(opt.vmid),
      `exit ${query.rc}: ${query.out}`,
    );
  }
  const show = got('vm-show');
  check('onegate vm show works inside the guest', show.rc === 0 && show.out.includes(String(vm.NAME)), `exit ${show.rc}: ${show.out}`);
  const json = got('vm-show-json');
  let doc;
  try {
    doc = JSON.parse(json.out);
  } catch {
    doc = undefined;
  }
  check('onegate vm show --json returns this VM', String(doc?.VM?.ID) === String(opt.vmid), `exit ${json.rc}: ${json.out}`);
}
process.exit(failed ? 1 : 0);
