#!/usr/bin/env bash
# build-sea.sh OUTDIR ARCH...: single executables dist/onegate-agent-linux-ARCH from dist/multicall.cjs
# (Node SEA: blob + postject into the official, stripped Node binary of the pinned version).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
mkdir -p "$1"; out="$(cd "$1" && pwd)"; shift
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
node_x64="$(bash "$pkgdir/sea/fetch-node.sh" x64)"

# The blob must come from the same Node version as the base binary (a Node 20 blob in Node 22 segfaults),
# so the pinned x64 Node builds it. Without a code cache or snapshot the blob holds only the script
# and flags, so it is the same for every architecture; make-blob checks that under qemu-aarch64.
# A private copy: every blob below must embed the same script even if dist/ is rebuilt meanwhile.
cp "$repo/dist/multicall.cjs" "$work/multicall.cjs"
cat > "$work/sea-config.json" <<JSON
{ "main": "$work/multicall.cjs", "output": "$work/sea-prep.blob",
  "disableExperimentalSEAWarning": true, "useCodeCache": false, "useSnapshot": false }
JSON
"$node_x64" --experimental-sea-config "$work/sea-config.json" >/dev/null 2>&1

run_arch() { # run_arch ARCH BINARY ARGS...: runs a binary of ARCH natively or under qemu-user
  local arch="$1"; shift
  if [ "$arch" = x64 ]; then "$@"; else qemu-aarch64 -L /usr/aarch64-linux-gnu "$@"; fi
}

for arch in "$@"; do
  base="$(bash "$pkgdir/sea/fetch-node.sh" "$arch")"
  if [ "$arch" != x64 ] && command -v qemu-aarch64 >/dev/null; then
    # The same blob made by the target's own Node must be byte-identical, or the blob is not portable.
    sed "s#sea-prep.blob#sea-prep-$arch.blob#" "$work/sea-config.json" > "$work/sea-config-$arch.json"
    run_arch "$arch" "$base" --experimental-sea-config "$work/sea-config-$arch.json" >/dev/null 2>&1
    cmp -s "$work/sea-prep.blob" "$work/sea-prep-$arch.blob" ||
      die "the SEA blob made by the $arch Node differs from the x64 one; build it with the $arch Node"
    say "SEA blob made by the $arch Node is byte-identical to the x64 one"
  fi
  bin="$out/onegate-agent-linux-$arch"
  cp "$base" "$work/app" && chmod 0755 "$work/app"
  # postject (LIEF) repeats the harmless ".note.100" section warnings of strip; show them only on failure.
  "$repo/node_modules/.bin/postject" "$work/app" NODE_SEA_BLOB "$work/sea-prep.blob" \
    --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2 > "$work/postject.log" 2>&1 ||
    { cat "$work/postject.log" >&2; die "postject failed for $arch"; }
  mv "$work/app" "$bin"
  if [ "$arch" = x64 ] || command -v qemu-aarch64 >/dev/null; then
    ln -sf "$bin" "$work/onegate-agent"
    v="$(run_arch "$arch" "$work/onegate-agent" --version)"
    [ "$v" = "onegate-agent $VERSION" ] || die "$bin --version printed '$v'"
  fi
  say "$bin: $(stat -c %s "$bin") bytes"
done
