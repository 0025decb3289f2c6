#!/usr/bin/env bash
# build-sea.sh OUTDIR TARGET...: single executables (Node SEA: blob + postject into the official Node
# binary of the pinned version) for each TARGET: x64, arm64 (Linux, stripped: OUTDIR/onegate-agent-linux-ARCH)
# or win-x64 (OUTDIR/onegate-agent-win-x64.exe, from node.exe). The main script is the small loader
# dist/sea-main.cjs; the programs dist/onegate.cjs and dist/onegate-agent.cjs are assets, each with V8's
# code cache for it made by that target's Node (arm64 under qemu-aarch64, win-x64 under wine), so a call
# compiles only the program it runs.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
. "$pkgdir/windows/wine.sh"
mkdir -p "$1"; out="$(cd "$1" && pwd)"; shift
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
node_x64="$(bash "$pkgdir/sea/fetch-node.sh" x64)"
programs="onegate onegate-agent"
# V8 takes a code cache only from the same V8, architecture and flags: the caches are made, and checked,
# without NODE_OPTIONS, as a user's `onegate` runs (docs/packaging.md).
unset NODE_OPTIONS

# A private copy: every blob below must embed the same scripts even if dist/ is rebuilt meanwhile.
for f in sea-main $programs; do cp "$repo/dist/$f.cjs" "$work/$f.cjs"; done

run_arch() { # run_arch TARGET BINARY ARGS...: runs a binary of TARGET natively, under qemu-user or wine
  local arch="$1"; shift
  case "$arch" in
    x64) "$@" ;;
    arm64) qemu-aarch64 -L /usr/aarch64-linux-gnu "$@" ;;
    # Wine's Z: is the Linux root, so node.exe takes the same absolute paths.
    win-x64) "$WINE" "$@" ;;
  esac
}

sea_config() { # sea_config ARCH BLOB: the blob's configuration; the code caches are ARCH's
  local assets="" p
  for p in $programs; do
    assets="$assets\"$p.cjs\": \"$work/$p.cjs\", \"$p.v8cache\": \"$work/$1/$p.v8cache\", "
  done
  cat <<JSON
{ "main": "$work/sea-main.cjs", "output": "$2", "disableExperimentalSEAWarning": true,
  "useCodeCache": false, "useSnapshot": false, "assets": { ${assets%, } } }
JSON
}

for arch in "$@"; do
  base="$(bash "$pkgdir/sea/fetch-node.sh" "$arch")"
  case "$arch" in
    arm64) command -v qemu-aarch64 >/dev/null ||
      die "qemu-aarch64 not found (Debian package qemu-user): the $arch code cache must be made by the $arch Node" ;;
    win-x64)
      # V8 refuses a Linux-made cache in node.exe (measured), so node.exe makes its own under wine.
      wine_tools || die "wine64 not found (Debian package wine64): the win-x64 code cache must be made by node.exe"
      wine_prefix "$CACHE/wine/build" || die "could not create the wine prefix $CACHE/wine/build" ;;
  esac
  # The target's own Node makes the code caches (under qemu-aarch64 for arm64, wine for win-x64).
  mkdir -p "$work/$arch"
  for p in $programs; do
    run_arch "$arch" "$base" "$pkgdir/sea/code-cache.cjs" "$work/sea-main.cjs" "$work/$p.cjs" "$work/$arch/$p.v8cache"
  done
  # The blob must come from the same Node version as the base binary (a Node 20 blob in Node 22
  # segfaults). Without a V8 code cache or snapshot of the main script it holds only bytes given to it,
  # so the x64 Node makes it for every architecture; the same blob made by the target's own Node must be
  # byte-identical, or that claim is wrong. node.exe writes the assets in another order (its hash map
  # iterates differently), so the Windows blob is made by node.exe itself under wine.
  sea_config "$arch" "$work/sea-$arch.blob" > "$work/sea-$arch.json"
  if [ "$arch" = win-x64 ]; then
    run_arch "$arch" "$base" --experimental-sea-config "$work/sea-$arch.json" >/dev/null 2>&1
  else
    "$node_x64" --experimental-sea-config "$work/sea-$arch.json" >/dev/null 2>&1
  fi
  if [ "$arch" = arm64 ]; then
    sea_config "$arch" "$work/sea-$arch-native.blob" > "$work/sea-$arch-native.json"
    run_arch "$arch" "$base" --experimental-sea-config "$work/sea-$arch-native.json" >/dev/null 2>&1
    cmp -s "$work/sea-$arch.blob" "$work/sea-$arch-native.blob" ||
      die "the SEA blob made by the $arch Node differs from the x64 one; build it with the $arch Node"
    say "SEA blob made by the $arch Node is byte-identical to the x64 one"
  fi
  if [ "$arch" = win-x64 ]; then bin="$out/onegate-agent-$arch.exe"; exe=.exe; else bin="$out/onegate-agent-linux-$arch"; exe=""; fi
  cp "$base" "$work/app" && chmod 0755 "$work/app"
  # postject (LIEF) repeats the harmless ".note.100" section warnings of strip; show them only on failure.
  "$repo/node_modules/.bin/postject" "$work/app" NODE_SEA_BLOB "$work/sea-$arch.blob" \
    --sentinel-fuse NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2 > "$work/postject.log" 2>&1 ||
    { cat "$work/postject.log" >&2; die "postject failed for $arch"; }
  # Each name must start its program, and V8 must take that program's code cache. (Linux installs a
  # symlink; Windows a hard link, see packaging/windows/install.ps1. Windows prints CRLF.)
  for p in $programs; do
    if [ -n "$exe" ]; then ln -f "$work/app" "$work/$p$exe"; else ln -sf "$work/app" "$work/$p"; fi
    # Into a file, not a pipe: under wine, Node's process.stdout on a Linux pipe fails (open EBADF).
    NODE_DEBUG=onegate-sea run_arch "$arch" "$work/$p$exe" --version > "$work/version.txt" 2>"$work/debug.log" || true
    v="$(tr -d '\r' < "$work/version.txt")"
    [ "$v" = "$p $VERSION" ] || die "$bin as $p --version printed '$v'"
    grep -q "$p.cjs: code cache accepted" "$work/debug.log" ||
      die "$bin as $p: V8 did not take the code cache ($(grep -o 'code cache.*' "$work/debug.log" || echo 'no loader output'))"
    rm -f "$work/$p$exe"
  done
  mv "$work/app" "$bin"
  say "$bin: $(stat -c %s "$bin") bytes"
done
