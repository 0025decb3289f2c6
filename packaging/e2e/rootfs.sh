#!/usr/bin/env bash
# Builds (once) the minimal Debian tree both end-to-end guests boot from, and prints its path.
# The tree is cached under $E2E_CACHE, keyed by a hash of everything that shapes it (suite, mirror,
# package list and this script), so a second run reuses it; a half-built tree is never reused
# because the ".complete" marker is written last.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"

suite="${E2E_SUITE:-bookworm}"
mirror="$(debian_mirror)"
# systemd as PID 1 (nspawn and qemu), udev for the CONTEXT label lookup, the cloud kernel whose initrd
# carries the virtio, sr and iso9660 modules.
packages="systemd,systemd-sysv,dbus,udev,linux-image-cloud-amd64,initramfs-tools"

key="$(printf '%s\n' "$suite" "$mirror" "$packages" "$(cat "$0")" | sha256sum | cut -c1-16)"
tree="$E2E_CACHE/rootfs-$suite-$key"
if [ -f "$tree/.complete" ]; then
  echo "$tree"
  exit 0
fi

require_tool debootstrap debootstrap >&2
rm -rf "$tree" "$tree.tmp"
mkdir -p "$E2E_CACHE"
log "debootstrap $suite ($packages) into $tree" >&2
timeout 900 debootstrap --variant=minbase --include="$packages" "$suite" "$tree.tmp" "$mirror" \
  > "$E2E_CACHE/debootstrap.log" 2>&1 || { tail -20 "$E2E_CACHE/debootstrap.log" >&2; exit 1; }
# Apt lists and the package cache only make the tree bigger; the guests never run apt.
rm -rf "$tree.tmp"/var/cache/apt/archives/*.deb "$tree.tmp"/var/lib/apt/lists/*
echo "e2e" > "$tree.tmp/etc/hostname"
mv "$tree.tmp" "$tree"
touch "$tree/.complete"
echo "$tree"
