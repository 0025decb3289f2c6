# Wine helpers (sourced, not run): the build makes the Windows code caches with node.exe under wine, and
# the wine end-to-end test (packaging/e2e/wine.sh) runs the zip's programs there. Debian's wine64 puts
# its loader in /usr/lib/wine (the `wine` package adds the wrapper on PATH).

# wine_tools: sets WINE and WINESERVER, or returns 1 when wine is not installed.
wine_tools() {
  WINE="$(command -v wine64 2>/dev/null || true)"
  [ -n "$WINE" ] || { [ -x /usr/lib/wine/wine64 ] && WINE=/usr/lib/wine/wine64; } || return 1
  WINESERVER="$(command -v wineserver 2>/dev/null || true)"
  [ -n "$WINESERVER" ] || WINESERVER="$(dirname "$WINE")/wineserver"
  [ -x "$WINESERVER" ] || return 1
}

# wine_prefix DIR: uses the prefix DIR, creating it when missing (wineboot, then Windows 10: Node 22
# needs it). No Mono or Gecko install prompt, no debug output.
wine_prefix() {
  export WINEPREFIX="$1" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" WINEARCH=win64
  [ -f "$1/system.reg" ] && return 0
  mkdir -p "$1"
  "$WINE" wineboot -i > "$1.wineboot.log" 2>&1 || { cat "$1.wineboot.log" >&2; return 1; }
  "$WINE" winecfg -v win10 >> "$1.wineboot.log" 2>&1 || { cat "$1.wineboot.log" >&2; return 1; }
  "$WINESERVER" -w # the registry is written when the server ends
}
