#!/usr/bin/env bash
# build-tarball.sh ARCH STAGE OUTDIR: onegate-agent-VERSION-linux-ARCH.tar.xz for distributions without
# deb or rpm: the staged tree plus the OpenRC script and install notes. Unpack with tar -C /.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
arch="$1"; stage="$2"; out="$3"
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
cp -a "$stage/." "$root/"
install -D -m 0755 "$pkgdir/openrc/onegate-agent" "$root/etc/init.d/onegate-agent"
install -D -m 0644 "$pkgdir/tarball/INSTALL" "$root/usr/share/doc/onegate-agent/INSTALL"
tarball="$out/onegate-agent-$VERSION-linux-$arch.tar.xz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(source_date_epoch)" \
  -C "$root" -cf - . | xz -6 -T0 > "$tarball"
say "$tarball: $(stat -c %s "$tarball") bytes"
