#!/usr/bin/env bash
# build-deb.sh ARCH STAGE OUTDIR: onegate-agent_VERSION-RELEASE_DEBARCH.deb from a staged tree (stage.sh).
# xz, not zstd: dpkg before Debian 12 / Ubuntu 21.10 cannot read zstd members. DEB_COMPRESSION=none
# skips the minutes of xz for quick end-to-end iterations (E2E_DEB=...), never for a release.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
arch="$1"; stage="$2"; out="$3"
darch="$(deb_arch "$arch")"
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
cp -a "$stage/." "$root/"
install -D -m 0644 "$pkgdir/deb/lintian-overrides" "$root/usr/share/lintian/overrides/onegate-agent"
mkdir -p "$root/DEBIAN"
sed -e "s/@VERSION@/$VERSION-$RELEASE/" -e "s/@ARCH@/$darch/" \
    -e "s/@SIZE@/$(du -sk --apparent-size "$root" | cut -f1)/" "$pkgdir/deb/control.in" > "$root/DEBIAN/control"
echo /etc/onegate-agent/agent.yaml > "$root/DEBIAN/conffiles"
for s in preinst postinst prerm postrm; do install -m 0755 "$pkgdir/deb/$s" "$root/DEBIAN/$s"; done
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"
deb="$out/onegate-agent_$VERSION-${RELEASE}_$darch.deb"
SOURCE_DATE_EPOCH="$(source_date_epoch)" dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$root" "$deb" >/dev/null
say "$deb: $(stat -c %s "$deb") bytes"
