#!/usr/bin/env bash
# build-rpm.sh ARCH STAGE OUTDIR: onegate-agent-VERSION-RELEASE.RPMARCH.rpm with rpmbuild, from a
# staged tree; the %changelog comes from packaging/changelog (Debian format).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
arch="$1"; stage="$(cd "$2" && pwd)"; out="$(cd "$3" && pwd)"
rarch="$(rpm_arch "$arch")"
top="$(mktemp -d)"; trap 'rm -rf "$top"' EXIT
mkdir -p "$top/SPECS" "$top/BUILD" "$top/RPMS"
{
  cat "$pkgdir/rpm/onegate-agent.spec"
  # "pkg (V) dist; urgency" + " -- who  date" blocks -> "* Day Mon DD YYYY who - V" + "- item" lines.
  awk '/^[a-z]/ { v = $2; gsub(/[()]/, "", v); items = "" ; next }
       /^  \* / { sub(/^  \* /, "- "); items = items $0 "\n"; next }
       /^    / { sub(/^ +/, "  "); items = items $0 "\n"; next }
       /^ -- / { who = $0; sub(/^ -- /, "", who); sub(/  .*/, "", who); d = $0; sub(/.*  /, "", d);
                 split(d, f, " "); printf "* %s %s %s %s %s - %s\n%s\n", substr(f[1], 1, 3), f[3], f[2], f[4], who, v, items }' \
    "$pkgdir/changelog"
} > "$top/SPECS/onegate-agent.spec"
SOURCE_DATE_EPOCH="$(source_date_epoch)" rpmbuild -bb --quiet --target "$rarch" \
  --define "_topdir $top" --define "stage $stage" \
  --define "pkg_version $VERSION" --define "pkg_release $RELEASE" \
  --define "use_source_date_epoch_as_buildtime 1" --define "clamp_mtime_to_source_date_epoch 1" \
  "$top/SPECS/onegate-agent.spec" > "$top/rpmbuild.log" 2>&1 || { cat "$top/rpmbuild.log" >&2; die "rpmbuild failed"; }
rpm="$out/onegate-agent-$VERSION-$RELEASE.$rarch.rpm"
mv "$top/RPMS/$rarch/onegate-agent-$VERSION-$RELEASE.$rarch.rpm" "$rpm"
say "$rpm: $(stat -c %s "$rpm") bytes"
