// qemu guestfwd relay: `guestfwd=tcp:169.254.16.9:5030-cmd:node relay.cjs 127.0.0.1 PORT`.
// qemu runs this once per guest connection with the guest's socket on stdin/stdout; it copies bytes
// both ways to a fresh TCP connection on the host. (The "-tcp:" form of guestfwd opens one host
// connection at qemu start and hangs every later guest connection.) Nothing else may reach stdout.
'use strict';
const net = require('node:net');

const [host, port] = process.argv.slice(2);
if (!host || !/^\d+$/.test(port ?? '')) {
  process.stderr.write('usage: relay.cjs HOST PORT\n');
  process.exit(2);
}
const upstream = net.connect({ host, port: Number(port) });
process.stdin.pipe(upstream);
upstream.pipe(process.stdout, { end: false });
// The guest closed its side: pass the half-close on, the server still answers.
process.stdin.on('end', () => upstream.end());
// The server closed: flush what is left to the guest, then close by exiting.
upstream.on('end', () => process.stdout.write('', () => process.exit(0)));
upstream.on('error', (err) => {
  process.stderr.write(`relay: ${host}:${port}: ${err.message}\n`);
  process.exit(1);
});
