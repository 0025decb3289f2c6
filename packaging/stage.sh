#!/usr/bin/env bash
# stage.sh ARCH DEST: lays out the install tree of ARCH under DEST, shared by the deb, the rpm and the
# tarball (which only add their metadata): packaging/root/ as it is, plus the executable, the onegate
# link, man pages, changelog and copyright. Needs dist/onegate-agent-linux-ARCH and dist/multicall.cjs.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
arch="$1"; dest="$2"
bin="$repo/dist/onegate-agent-linux-$arch"
[ -x "$bin" ] || die "$bin is missing (build the single executables first)"
rm -rf "$dest"; mkdir -p "$dest"
cp -a "$pkgdir/root/." "$dest/"
# The sample configuration is generated from the config schema (agent/config) and committed.
[ -f "$dest/etc/onegate-agent/agent.yaml" ] || die "packaging/root/etc/onegate-agent/agent.yaml is missing"
install -d -m 0755 "$dest/etc/onegate-agent/attributes.d" "$dest/etc/onegate-agent/hooks.d"
install -D -m 0755 "$bin" "$dest/usr/bin/onegate-agent"
ln -s onegate-agent "$dest/usr/bin/onegate"
man="$dest/usr/share/man/man1"; doc="$dest/usr/share/doc/onegate-agent"
mkdir -p "$man" "$doc"
node "$pkgdir/man/render-man.mjs" "$repo/dist/multicall.cjs" "$man" "$VERSION"
node "$pkgdir/copyright.mjs" "$(dirname "$(bash "$pkgdir/sea/fetch-node.sh" "$arch")")/LICENSE" > "$doc/copyright"
cp "$pkgdir/changelog" "$doc/changelog.Debian"
# gzip -n: no name or time stamp inside, so the same input gives the same package.
gzip -9n "$man"/*.1 "$doc/changelog.Debian"
find "$dest" -type d -exec chmod 0755 {} +
find "$dest" -type f ! -path '*/usr/bin/*' -exec chmod 0644 {} +
