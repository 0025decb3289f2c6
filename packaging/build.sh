#!/usr/bin/env bash
# npm run package [-- --arch x64|arm64|all] [--formats sea,deb,rpm,tar,apk,windows] [--no-lint]
# Builds into dist/: the single executables onegate-agent-linux-{x64,arm64}, .deb (amd64, arm64),
# .rpm (x86_64, aarch64) and .tar.xz per architecture, one noarch .apk (Alpine, every architecture) and,
# with x64, the Windows zip (onegate-agent-win-x64.exe inside; its code caches are made under wine), then
# runs lintian and rpmlint on the packages and writes dist/SIZES.txt. Downloads only from the npm
# registry (the pinned Node runtimes and the Windows service wrapper).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
arches="x64 arm64"; formats="sea,deb,rpm,tar,apk,windows"; lint=1
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) [ "$2" = all ] && arches="x64 arm64" || arches="$2"; shift 2 ;;
    --formats) formats="$2"; shift 2 ;;
    --no-lint) lint=0; shift ;;
    *) die "unknown option $1 (use --arch x64|arm64|all, --formats sea,deb,rpm,tar,apk,windows, --no-lint)" ;;
  esac
done
for a in $arches; do deb_arch "$a" >/dev/null; done
want() { case ",$formats," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

need() { command -v "$1" >/dev/null || die "$1 not found (Debian package $2; .ci/apt-packages lists it)"; }
need dpkg-deb dpkg; need xz xz-utils
case " $arches " in *" arm64 "*) need aarch64-linux-gnu-strip binutils-aarch64-linux-gnu ;; esac
want rpm && need rpmbuild rpm
if [ "$lint" = 1 ]; then want deb && need lintian lintian; want rpm && need rpmlint rpmlint; fi
# The Windows zip is x64 only (Node publishes no Windows arm64 build on npm).
windows=0
if want windows && case " $arches " in *" x64 "*) true ;; *) false ;; esac; then
  windows=1; need zip zip; need osslsigncode osslsigncode
  . "$pkgdir/windows/wine.sh"; wine_tools || die "wine64 not found (Debian package wine64; .ci/apt-packages lists it)"
fi

cd "$repo"
start=$(date +%s)
say "bundle (scripts/build.mjs)"
node scripts/build.mjs
if want sea || want deb || want rpm || want tar; then
  # shellcheck disable=SC2086
  bash "$pkgdir/sea/build-sea.sh" dist $arches
fi
if [ "$windows" = 1 ]; then
  bash "$pkgdir/sea/build-sea.sh" dist win-x64
  bash "$pkgdir/windows/build-zip.sh" dist/onegate-agent-win-x64.exe "$(bash "$pkgdir/windows/fetch-shawl.sh")" \
    "$(dirname "$(bash "$pkgdir/sea/fetch-node.sh" win-x64)")/LICENSE" "dist/onegate-agent-$VERSION-win-x64.zip"
fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for a in $arches; do
  want deb || want rpm || want tar || break
  bash "$pkgdir/stage.sh" "$a" "$work/stage-$a"
  if want deb; then bash "$pkgdir/deb/build-deb.sh" "$a" "$work/stage-$a" dist; fi
  if want rpm; then bash "$pkgdir/rpm/build-rpm.sh" "$a" "$work/stage-$a" dist; fi
  if want tar; then
    bash "$pkgdir/tarball/build-tarball.sh" "$work/stage-$a" "dist/onegate-agent-$VERSION-linux-$a.tar.xz" "$pkgdir/tarball/INSTALL" --simulator
  fi
  rm -rf "$work/stage-$a"
done
if want apk; then bash "$pkgdir/apk/build-apk.sh" dist; fi
if [ "$lint" = 1 ]; then
  for a in $arches; do
    if want deb; then bash "$pkgdir/lint.sh" deb "dist/onegate-agent_$VERSION-${RELEASE}_$(deb_arch "$a").deb"; fi
    if want rpm; then bash "$pkgdir/lint.sh" rpm "dist/onegate-agent-$VERSION-$RELEASE.$(rpm_arch "$a").rpm"; fi
  done
fi
{
  echo "# onegate-agent $VERSION-$RELEASE, Node $NODE_VERSION; bytes and sha256"
  for f in dist/onegate-agent-linux-* dist/onegate-agent_*.deb dist/onegate-agent-*.rpm dist/onegate-agent-*.tar.xz dist/onegate-agent-*.apk dist/onegate-agent-*.tar.gz dist/onegate-agent-*.zip; do
    if [ -f "$f" ]; then printf '%12s  %s  %s\n' "$(stat -c %s "$f")" "$(sha256sum < "$f" | cut -c1-64)" "${f#dist/}"; fi
  done
} > dist/SIZES.txt
cat dist/SIZES.txt >&2
say "done in $(( $(date +%s) - start )) s"
