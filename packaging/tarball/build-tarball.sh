#!/usr/bin/env bash
# build-tarball.sh STAGE FILE INSTALL_NOTES: a plain tarball of a staged tree for systems without a
# package manager we build for, plus the OpenRC script and the install notes. FILE ends in .tar.xz or
# .tar.gz (busybox tar on Alpine reads gzip everywhere). Unpack with tar -C /.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
stage="$1"; tarball="$2"; notes="$3"
case "$tarball" in
  *.tar.xz) compress=(xz -6 -T0) ;;
  *.tar.gz) compress=(gzip -9n) ;;
  *) die "build-tarball.sh: $tarball must end in .tar.xz or .tar.gz" ;;
esac
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
cp -a "$stage/." "$root/"
install -D -m 0755 "$pkgdir/openrc/onegate-agent" "$root/etc/init.d/onegate-agent"
install -D -m 0644 "$notes" "$root/usr/share/doc/onegate-agent/INSTALL"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(source_date_epoch)" \
  -C "$root" -cf - . | "${compress[@]}" > "$tarball"
say "$tarball: $(stat -c %s "$tarball") bytes"
