#!/usr/bin/env bash
# build-zip.sh EXE SHAWL_DIR NODE_LICENSE OUT.zip: the Windows zip. One folder onegate-agent-VERSION-win-x64\
# holding EXE as onegate-agent.exe (the single executable; install.ps1 makes onegate.exe a hard link to it,
# which keeps the zip at one copy of the runtime), SHAWL_DIR's shawl.exe (the service wrapper) and
# legal.txt, install.ps1, uninstall.ps1, README.txt and the licences (the project's, and COPYRIGHT.txt with
# NODE_LICENSE and the bundled npm packages'). Texts get CRLF line ends; every entry has the last commit's
# time, so the same input gives the same zip. build.sh passes fetch-shawl.sh's and fetch-node.sh's files.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
[ $# = 4 ] || die "usage: build-zip.sh EXE SHAWL_DIR NODE_LICENSE OUT.zip"
exe="$1"; shawl="$2"; node_license="$3"; zip_out="$4"
[ -f "$exe" ] || die "$exe is missing (build-sea.sh dist win-x64)"
command -v zip >/dev/null || die "zip not found (Debian package zip; .ci/apt-packages lists it)"
case "$zip_out" in /*) ;; *) zip_out="$PWD/$zip_out" ;; esac
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
top="onegate-agent-$VERSION-win-x64"; dir="$work/$top"
mkdir -p "$dir"

crlf() { sed 's/\r*$/\r/' "$1" > "$2"; } # crlf SRC DEST
cp "$exe" "$dir/onegate-agent.exe"
cp "$shawl/shawl.exe" "$dir/shawl.exe"
for f in install.ps1 uninstall.ps1 README.txt; do crlf "$pkgdir/windows/$f" "$dir/$f"; done
crlf "$repo/LICENSE" "$dir/LICENSE.txt"
node "$pkgdir/copyright.mjs" onegate-agent.exe "$node_license" > "$work/copyright"
crlf "$work/copyright" "$dir/COPYRIGHT.txt"
crlf "$shawl/legal.txt" "$dir/shawl-licenses.txt"

epoch="$(source_date_epoch)"
find "$dir" -exec touch -h -d "@$epoch" {} +
rm -f "$zip_out"
# -X: no extra Unix fields (uid, atime), so only names, times and contents make the bytes. Names sorted.
(cd "$work" && TZ=UTC find "$top" | LC_ALL=C sort | TZ=UTC zip -X -9 -q "$zip_out" -@)
say "$zip_out: $(stat -c %s "$zip_out") bytes"
