# Shared helpers of the packaging scripts (sourced, not run).
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pkgdir="$repo/packaging"
# Everything downloaded or derived (Node tarballs, stripped base binaries) is kept here between runs;
# ONEGATE_CACHE moves it (CI points it outside its fresh clone).
CACHE="${ONEGATE_CACHE:-$repo/.cache}"
. "$pkgdir/node-runtime.env"
VERSION="$(node -p 'require(process.argv[1]).version' "$repo/package.json")"
# Debian/RPM release of this packaging of VERSION.
RELEASE=1

say() { printf '[package %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'packaging: %s\n' "$*" >&2; exit 1; }

# Debian, RPM and Node names of each architecture.
deb_arch() { case "$1" in x64) echo amd64 ;; arm64) echo arm64 ;; *) die "unknown architecture $1" ;; esac; }
rpm_arch() { case "$1" in x64) echo x86_64 ;; arm64) echo aarch64 ;; *) die "unknown architecture $1" ;; esac; }
strip_tool() { case "$1" in x64) echo strip ;; arm64) echo aarch64-linux-gnu-strip ;; esac; }

# Seconds since the epoch of the last commit, for reproducible timestamps in every archive.
# npm_pack_pinned DIR PACKAGE VERSION SHA256 PINNED_IN: leaves DIR/PACKAGE-VERSION.tgz, fetched with `npm pack`
# (which, unlike `npm i`, takes a package for a foreign cpu or OS) unless a copy with that sha256 is there;
# dies naming PINNED_IN when the download's sha256 differs.
npm_pack_pinned() {
  local dir="$1" pkg="$2" version="$3" want="$4" tgz="$1/$2-$3.tgz" got
  mkdir -p "$dir"
  if [ ! -f "$tgz" ] || [ "$(sha256sum < "$tgz" | cut -d' ' -f1)" != "$want" ]; then
    say "npm pack $pkg@$version"
    rm -f "$tgz"
    (cd "$dir" && npm pack --silent "$pkg@$version" >/dev/null)
  fi
  got="$(sha256sum < "$tgz" | cut -d' ' -f1)"
  [ "$got" = "$want" ] || die "$pkg-$version.tgz has sha256 $got, $5 pins $want"
}
source_date_epoch() { git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s; }
