#!/usr/bin/env bash
# build-apk.sh OUTDIR: onegate-agent-VERSION-r1.apk, one noarch Alpine package for every architecture
# (x86_64, aarch64, ...): the bundles run by Alpine's nodejs (docs/packaging.md says why), the OpenRC
# script and the install scripts of packaging/apk/scripts/; and onegate-agent-VERSION-alpine.tar.gz, the
# same files to install by hand (packaging/apk/INSTALL). Needs dist/onegate.cjs, dist/onegate-agent.cjs.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
out="$1"
tree="$(mktemp -d)"; trap 'rm -rf "$tree"' EXIT
bash "$pkgdir/stage.sh" node "$tree"
# systemd and sysusers have no use under OpenRC (pre-install makes the user); /usr/bin/onegate is laid
# by post-install only when one-context's is absent (apk has no diversions).
rm -rf "$tree/usr/lib/systemd" "$tree/usr/lib/sysusers.d" "$tree/usr/bin/onegate"
install -D -m 0755 "$pkgdir/openrc/onegate-agent" "$tree/etc/init.d/onegate-agent"
apk="$out/onegate-agent-$VERSION-r$RELEASE.apk"
SOURCE_DATE_EPOCH="$(source_date_epoch)" APK_RELEASE="$RELEASE" \
  node --import tsx "$pkgdir/apk/build-apk.ts" "$tree" "$apk"
say "$apk: $(stat -c %s "$apk") bytes"
bash "$pkgdir/tarball/build-tarball.sh" "$tree" "$out/onegate-agent-$VERSION-alpine.tar.gz" "$pkgdir/apk/INSTALL"
