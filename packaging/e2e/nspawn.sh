#!/usr/bin/env bash
# nspawn.sh DEB CONTEXTS_DIR CONTROL_URL VMID: boots the Debian tree with the package installed under
# systemd-nspawn (systemd as PID 1, host network), the VM's context in /context as on LXC, and checks
# that the unit is active, `onegate-agent status` answers and the simulator got READY and metrics.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
deb="$1"; contexts="$2"; control="$3"; vmid="$4"
require_tool systemd-nspawn systemd-container
require_tool debootstrap debootstrap
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot, systemd-nspawn)"
base="$(bash "$here/rootfs.sh")"
work="$E2E_CACHE/work/nspawn"; root="$work/root"
new_guest_tree "$base" "$root" "$deb"

# The unit against the real tree: systemd-analyze exits 0 on unknown keys, so stderr must be empty.
verify_err="$(systemd-analyze verify --root="$root" --man=no /usr/lib/systemd/system/onegate-agent.service 2>&1 >/dev/null)" ||
  { echo "systemd-analyze verify failed: $verify_err"; exit 1; }
[ -z "$verify_err" ] || { echo "systemd-analyze verify printed: $verify_err"; exit 1; }
echo "ok   systemd-analyze verify --root (installed tree): no output"

# LXC-style context: the endpoint is the simulator's own loopback URL (nspawn shares the host network).
endpoint="$(sed -n "s/^ONEGATE_ENDPOINT='\(.*\)'$/\1/p" "$contexts/$vmid/context.sh")"
context_files "$contexts/$vmid" "$root/context" "$endpoint"
add_probe "$root" 90 1 /e2e-report.txt
log "booting the nspawn container (VM $vmid, $endpoint)"
# --register=no --keep-unit: the host has no systemd-machined or bus to register with.
rc=0
timeout --kill-after=10 240 systemd-nspawn -q --register=no --keep-unit -D "$root" -b --console=pipe \
  > "$work/console.log" 2>&1 < /dev/null || rc=$?
log "container exited with status $rc"
node "$here/assert.mjs" --log "$root/e2e-report.txt" --control "$control" --vmid "$vmid" --source directory
