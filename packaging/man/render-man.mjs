// Renders man pages from the programs' own --help output (the bundles, run with the node that builds), so
// the pages never drift from the code. PAGE is onegate-agent, onegate (both by default, from the multicall
// bundle) or onegate-sim (from dist/onegate-sim.cjs beside it; the tarball ships the simulator):
//   node packaging/man/render-man.mjs DIST_MULTICALL OUTDIR VERSION [PAGE...]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [bundle, outDir, version, ...wanted] = process.argv.slice(2);
if (!bundle || !outDir || !version) {
  process.stderr.write('usage: render-man.mjs DIST_MULTICALL OUTDIR VERSION [PAGE...]\n');
  process.exit(2);
}

/** The output of `node script args... --help`; a command that is not written yet still yields its message. */
function run(script, args) {
  try {
    return execFileSync(process.execPath, [script, ...args, '--help'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (err) {
    return `${err.stdout ?? ''}${err.stderr ?? ''}`;
  }
}
const help = (program, args) => run(bundle, [program, ...args]);

// roff: a line starting with "." or "'" is a request, and a backslash is an escapeRoff.
const escapeRoff = (text) =>
  text
    .replace(/\\/g, '\\e')
    .replace(/^([.'])/gm, '\\&$1')
    .replace(/-/g, '\\-');
const verbatim = (text) => `.nf\n${escapeRoff(text.trimEnd())}\n.fi\n`;

// top and sections are functions: only the pages asked for run their program.
const pages = {
  'onegate-agent': {
    summary: 'in-guest OneGate agent for OpenNebula virtual machines',
    synopsis: 'onegate-agent run|once|status|context|query|doctor [options]',
    description:
      "onegate-agent reports READY to OneGate, pushes metrics and custom attributes to the VM's " +
      'user template, pulls the VM, service, virtual router and network documents and runs hooks when they change. ' +
      'It finds the OneGate endpoint, VM ID and token in the VM context (CONTEXT cd-rom or disk, /context, ' +
      'VMware guestinfo, one_env or the environment); query answers from the pulled documents without a request. ' +
      'The same executable answers as onegate(1).',
    sections: () => ['run', 'once', 'status', 'context', 'query', 'doctor'].map((cmd) => [cmd, help('onegate-agent', [cmd])]),
    top: () => help('onegate-agent', []),
    files: [
      ['/etc/onegate-agent/agent.yaml', 'configuration, every key with its default'],
      ['/etc/onegate-agent/attributes.d/', '*.attrs files of custom attributes'],
      ['/etc/onegate-agent/hooks.d/', 'hook programs, one directory per event'],
      ['/var/lib/onegate-agent/', 'persistent state'],
      ['/run/onegate-agent/', 'status file and pulled documents'],
      ['/usr/lib/systemd/system/onegate-agent.service', 'the systemd unit'],
    ],
    seeAlso: ['onegate', 'systemctl'],
    exit:
      'run: 0 after a clean stop, 1 on an error. once: 0 sent (or printed), 1 failure. ' +
      'status: 0 healthy, 1 degraded, 2 not running; with --wait: 0 READY reported, 1 never will be, 2 timeout. ' +
      'context: 0 endpoint, VMID and token found, 1 one missing, 2 bad input. ' +
      'query: 0 found, 1 a PATH absent or refused, 2 no cache or bad arguments. ' +
      'doctor: 0 all ok, 1 warnings, 2 a failure or bad arguments.',
  },
  onegate: {
    summary: 'OneGate command-line client (drop-in for the Ruby onegate)',
    synopsis: 'onegate vm|service|vrouter|vnet COMMAND [options]',
    description:
      'onegate talks to the OneGate server of the VM it runs in: shows and updates the VM, ' +
      'runs VM actions, shows and scales the service, shows the virtual router and virtual networks. ' +
      'It reads the endpoint, VM ID and token from the VM context, as onegate-agent(1) does.',
    sections: () => [],
    top: () => help('onegate', []),
    files: [
      ['/run/one-context/one_env', 'context environment written by one-context, if installed'],
      [
        '/run/onegate-agent/wake',
        "touched after a successful vm update, VM action or service scale, so the agent's pull sees the change (ONEGATE_AGENT_RUN_DIR)",
      ],
    ],
    exit: '0 on success, 1 on a usage error, 255 on an error reported by the server (as the Ruby onegate).',
    seeAlso: ['onegate-agent', 'systemctl'],
  },
  'onegate-sim': {
    summary: 'OneGate simulator for testing appliances, boot scripts and agents without a cloud',
    synopsis: 'onegate-sim [--listen HOST:PORT] [--control HOST:PORT] [--contexts DIR] [options]',
    description:
      "onegate-sim serves OneGate's API as OpenNebula's onegate-server does, with a built-in world of VMs, a " +
      'service, a virtual router and networks, or your own fixture YAML; it writes a context directory per VM ' +
      '(context.sh and token.txt) for onegate(1) and onegate-agent(1), and its control API scales roles, rotates ' +
      'tokens, sets VM states and injects faults. It needs Node.js 20.16 or later; docs/simulator.md of the ' +
      'project has a five-minute walkthrough.',
    sections: () => [],
    top: () => run(join(dirname(bundle), 'onegate-sim.cjs'), []),
    files: [['/usr/lib/onegate-agent/onegate-sim/default.yaml', 'the built-in world (fixture YAML)']],
    exit: '0 stopped by SIGINT or SIGTERM, 2 bad options or a failed start.',
    seeAlso: ['onegate', 'onegate-agent'],
  },
};

for (const name of wanted.length > 0 ? wanted : ['onegate-agent', 'onegate']) {
  const page = pages[name];
  if (!page) {
    process.stderr.write(`render-man.mjs: no page ${name} (${Object.keys(pages).join(', ')})\n`);
    process.exit(2);
  }
  let roff = `.TH ${name.toUpperCase().replace(/-/g, '\\-')} 1 "" "onegate-agent ${version}" "User Commands"\n`;
  roff += `.SH NAME\n${escapeRoff(name)} \\- ${escapeRoff(page.summary)}\n`;
  roff += `.SH SYNOPSIS\n.B ${escapeRoff(page.synopsis)}\n`;
  roff += `.SH DESCRIPTION\n${escapeRoff(page.description)}\n.PP\n${verbatim(page.top())}`;
  for (const [cmd, text] of page.sections()) roff += `.SS ${escapeRoff(cmd)}\n${verbatim(text)}`;
  roff += '.SH FILES\n' + page.files.map(([f, d]) => `.TP\n.I ${escapeRoff(f)}\n${escapeRoff(d)}\n`).join('');
  roff += `.SH EXIT STATUS\n${escapeRoff(page.exit)}\n`;
  roff += `.SH SEE ALSO\n${page.seeAlso.map((p) => `.BR ${escapeRoff(p)} (1)`).join(',\n')}\n`;
  writeFileSync(join(outDir, `${name}.1`), roff);
}
