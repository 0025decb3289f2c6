#!/usr/bin/env bash
# stage.sh RUNTIME DEST: lays out the install tree under DEST, shared by every Linux target (which only
# add their metadata): packaging/install-tree/ as it is, the programs, the onegate link, man pages, changelog
# and copyright. RUNTIME is the single executable of an architecture (x64, arm64: needs
# dist/onegate-agent-linux-ARCH) or "node": the bundles dist/onegate.cjs and dist/onegate-agent.cjs in
# /usr/lib/onegate-agent/, run by the system's /usr/bin/node (Alpine's nodejs package).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runtime="$1"; dest="$2"
rm -rf "$dest"; mkdir -p "$dest"
cp -a "$pkgdir/install-tree/." "$dest/"
# The sample configuration is generated from the config schema (agent/config) and committed.
[ -f "$dest/etc/onegate-agent/agent.yaml" ] || die "packaging/install-tree/etc/onegate-agent/agent.yaml is missing"
install -d -m 0755 "$dest/etc/onegate-agent/attributes.d" "$dest/etc/onegate-agent/hooks.d"
if [ "$runtime" = node ]; then
  lib="$dest/usr/lib/onegate-agent"
  mkdir -p "$lib" "$dest/usr/bin"
  for p in onegate onegate-agent; do
    [ -f "$repo/dist/$p.cjs" ] || die "dist/$p.cjs is missing (npm run build)"
    # Each bundle starts its program when it is the main module; the shebang makes it a command.
    { echo '#!/usr/bin/node'; cat "$repo/dist/$p.cjs"; } > "$lib/$p.cjs"
    chmod 0755 "$lib/$p.cjs"
    ln -s "../lib/onegate-agent/$p.cjs" "$dest/usr/bin/$p"
  done
  copyright_files="usr/lib/onegate-agent/*"; node_license=""
else
  bin="$repo/dist/onegate-agent-linux-$runtime"
  [ -x "$bin" ] || die "$bin is missing (build the single executables first)"
  install -D -m 0755 "$bin" "$dest/usr/bin/onegate-agent"
  ln -s onegate-agent "$dest/usr/bin/onegate"
  copyright_files="usr/bin/onegate-agent"
  node_license="$(dirname "$(bash "$pkgdir/sea/fetch-node.sh" "$runtime")")/LICENSE"
fi
man="$dest/usr/share/man/man1"; doc="$dest/usr/share/doc/onegate-agent"
mkdir -p "$man" "$doc"
node "$pkgdir/man/render-man.mjs" "$repo/dist/multicall.cjs" "$man" "$VERSION"
node "$pkgdir/copyright.mjs" "$copyright_files" $node_license > "$doc/copyright"
cp "$pkgdir/changelog" "$doc/changelog.Debian"
# gzip -n: no name or time stamp inside, so the same input gives the same package.
gzip -9n "$man"/*.1 "$doc/changelog.Debian"
find "$dest" -type d -exec chmod 0755 {} +
find "$dest" -type f ! -path '*/usr/bin/*' ! -path '*/usr/lib/onegate-agent/*' -exec chmod 0644 {} +
