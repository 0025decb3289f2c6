#!/usr/bin/env bash
# qemu.sh cdrom|virtio DEB CONTEXTS_DIR CONTROL_URL SIM_PORT VMID: boots the Debian tree with the
# package installed as a real VM under qemu TCG with the cloud kernel. The VM's context goes on an
# ISO 9660 image labelled CONTEXT, attached as a cd-rom (KVM) or as a virtio disk (Firecracker). The
# guest reaches the simulator at the usual link-local 169.254.16.9:5030 through qemu user networking,
# whose guestfwd runs relay.cjs per connection to the simulator on the host's loopback.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
mode="$1"; deb="$2"; contexts="$3"; control="$4"; port="$5"; vmid="$6"
case "$mode" in cdrom|virtio) ;; *) echo "qemu.sh: mode must be cdrom or virtio" >&2; exit 2 ;; esac
require_tool qemu-system-x86_64 qemu-system-x86
require_tool genisoimage genisoimage
require_tool debootstrap debootstrap
require_tool mkfs.ext4 e2fsprogs
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
work="$E2E_CACHE/work/qemu"; mkdir -p "$work"

# The disk image is built once per package and shared by both modes (each boot uses snapshot=on).
stamp="$(sha256sum < "$deb" | cut -c1-16)-$(cat "$here/guest/"* "$here/lib.sh" | sha256sum | cut -c1-16)"
if [ "$(cat "$work/rootfs.stamp" 2>/dev/null)" != "$stamp" ]; then
  base="$(bash "$here/rootfs.sh")"
  root="$work/root"
  new_guest_tree "$base" "$root" "$deb"
  echo '/dev/vda / ext4 defaults 0 1' > "$root/etc/fstab"
  # DHCP on the virtio NIC from qemu's user network (169.254.16.0/24) with systemd-networkd.
  printf '[Match]\nName=en*\n\n[Network]\nDHCP=ipv4\n' > "$root/etc/systemd/network/80-e2e.network"
  ln -sf /lib/systemd/system/systemd-networkd.service "$root/etc/systemd/system/multi-user.target.wants/"
  mkdir -p "$root/etc/systemd/system/sockets.target.wants"
  ln -sf /lib/systemd/system/systemd-networkd.socket "$root/etc/systemd/system/sockets.target.wants/"
  # The serial console carries the probe's report; no login prompt on it.
  ln -sf /dev/null "$root/etc/systemd/system/serial-getty@ttyS0.service"
  add_probe "$root" 180 1
  cp "$root"/boot/vmlinuz-* "$work/vmlinuz"; cp "$root"/boot/initrd.img-* "$work/initrd.img"
  rm -f "$work/rootfs.img"; truncate -s 1536M "$work/rootfs.img"
  mkfs.ext4 -q -F -d "$root" "$work/rootfs.img"
  rm -rf "$root"
  echo "$stamp" > "$work/rootfs.stamp"
fi

# The CONTEXT image as oned builds it, with the endpoint the guest sees.
ctx="$work/context-$mode"; rm -rf "$ctx"
context_files "$contexts/$vmid" "$ctx" "http://169.254.16.9:5030"
genisoimage -quiet -o "$work/context-$mode.iso" -V CONTEXT -J -R "$ctx"
if [ "$mode" = cdrom ]; then
  context_drive="file=$work/context-$mode.iso,media=cdrom,readonly=on"
else
  context_drive="file=$work/context-$mode.iso,if=virtio,format=raw,readonly=on"
fi
# guestfwd's cmd: form may not contain commas; qemu runs it with /bin/sh -c per guest connection.
relay="cmd:$(command -v node) $here/relay.cjs 127.0.0.1 $port"
log "booting qemu ($mode CONTEXT, VM $vmid)"
rc=0
timeout --kill-after=10 "${E2E_QEMU_TIMEOUT:-900}" qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m 1024 -smp 2 \
  -kernel "$work/vmlinuz" -initrd "$work/initrd.img" -append "root=/dev/vda rw console=ttyS0 quiet" \
  -drive "file=$work/rootfs.img,if=virtio,format=raw,snapshot=on" -drive "$context_drive" \
  -netdev "user,id=n0,restrict=on,net=169.254.16.0/24,host=169.254.16.2,dhcpstart=169.254.16.15,guestfwd=tcp:169.254.16.9:5030-$relay" \
  -device virtio-net-pci,netdev=n0 -nographic -no-reboot -monitor none \
  > "$work/console-$mode.log" 2>&1 < /dev/null || rc=$?
log "qemu exited with status $rc"
source_name=cdrom; [ "$mode" = virtio ] && source_name=block
node "$here/assert.mjs" --log "$work/console-$mode.log" --control "$control" --vmid "$vmid" --source "$source_name"
