#!/usr/bin/env bash
# coexist.sh DEB: installs the package next to a stand-in for OpenNebula's one-context package (which
# ships /usr/bin/onegate) in a chroot, in both orders, and checks that our onegate takes over through a
# dpkg diversion and that removing our package restores theirs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
deb="$1"
require_tool debootstrap debootstrap
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
base="$(bash "$here/rootfs.sh")"
work="$E2E_CACHE/work/coexist"; root="$work/root"
rm -rf "$work"; mkdir -p "$work/fake/DEBIAN" "$work/fake/usr/bin"
printf 'Package: one-context\nVersion: 6.10.0-1\nArchitecture: all\nMaintainer: test <test@example.invalid>\nDescription: stand-in for one-context\n' \
  > "$work/fake/DEBIAN/control"
printf '#!/bin/sh\necho one-context-onegate\n' > "$work/fake/usr/bin/onegate"; chmod 0755 "$work/fake/usr/bin/onegate"
dpkg-deb --root-owner-group -b "$work/fake" "$work/one-context.deb" >/dev/null
cp -a "$base" "$root"
cp "$deb" "$root/tmp/onegate-agent.deb"; cp "$work/one-context.deb" "$root/tmp/"
in_root() { chroot "$root" "$@"; }
failed=0
check() { # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: expected '$2', got '$3'"; failed=1; fi
}
theirs() { in_root /usr/bin/onegate 2>/dev/null | head -1; }
ours() { in_root /usr/bin/onegate --version 2>/dev/null | head -1 | cut -d' ' -f1; }

in_root dpkg -i /tmp/one-context.deb >/dev/null
check "one-context alone owns /usr/bin/onegate" one-context-onegate "$(theirs)"
in_root dpkg -i /tmp/onegate-agent.deb >/dev/null
check "after installing onegate-agent, onegate is ours" onegate "$(ours)"
check "theirs is kept as onegate.one-context" one-context-onegate "$(in_root /usr/bin/onegate.one-context)"
in_root dpkg -r onegate-agent >/dev/null
check "removing onegate-agent restores theirs" one-context-onegate "$(theirs)"
check "no diversion is left" "" "$(in_root dpkg-divert --list /usr/bin/onegate)"
# The other order: ours first, then one-context (its file lands on the diverted name), then removal.
in_root dpkg -r one-context >/dev/null
in_root dpkg -i /tmp/onegate-agent.deb >/dev/null
in_root dpkg -i /tmp/one-context.deb >/dev/null
check "one-context installed after us does not replace our onegate" onegate "$(ours)"
in_root dpkg --purge onegate-agent >/dev/null
check "purging onegate-agent restores theirs" one-context-onegate "$(theirs)"
rm -rf "$work"
exit "$failed"
