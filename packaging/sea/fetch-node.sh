#!/usr/bin/env bash
# fetch-node.sh ARCH: prints the path of the official Node binary for ARCH (x64|arm64), stripped.
# `npm pack` (not `npm i`, which refuses a foreign cpu) fetches node-linux-ARCH@NODE_VERSION; its sha256
# must match packaging/node-runtime.env. The extracted and stripped binary is cached.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
arch="$1"
want_var="NODE_SHA256_$arch"
want="${!want_var:?no checksum for $arch in node-runtime.env}"
dir="$CACHE/node"
tgz="$dir/node-linux-$arch-$NODE_VERSION.tgz"
out="$dir/node-v$NODE_VERSION-linux-$arch/node"
mkdir -p "$dir"
if [ -x "$out" ] && [ -f "$out.sha256-of-source" ] && [ "$(cat "$out.sha256-of-source")" = "$want" ]; then
  echo "$out"; exit 0
fi
if [ ! -f "$tgz" ] || [ "$(sha256sum < "$tgz" | cut -d' ' -f1)" != "$want" ]; then
  say "npm pack node-linux-$arch@$NODE_VERSION"
  rm -f "$tgz"
  (cd "$dir" && npm pack --silent "node-linux-$arch@$NODE_VERSION" >/dev/null)
fi
got="$(sha256sum < "$tgz" | cut -d' ' -f1)"
[ "$got" = "$want" ] || die "node-linux-$arch-$NODE_VERSION.tgz has sha256 $got, node-runtime.env pins $want"
command -v "$(strip_tool "$arch")" >/dev/null || die "$(strip_tool "$arch") not found (Debian package binutils-aarch64-linux-gnu)"
rm -rf "${out%/node}"; mkdir -p "${out%/node}"
tar -xzf "$tgz" -C "${out%/node}" --strip-components=2 package/bin/node
tar -xzf "$tgz" -O package/LICENSE > "${out%/node}/LICENSE"
# strip(1) warns about the ".note.100" sections of the official build; they survive unharmed.
"$(strip_tool "$arch")" "$out" 2>/dev/null
echo "$want" > "$out.sha256-of-source"
echo "$out"
