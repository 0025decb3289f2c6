#!/usr/bin/env bash
# wine.sh ZIP CONTEXTS CONTROL SIM_PORT VMID: the Windows zip under wine64, as a Windows guest runs it.
# A fresh prefix set to Windows 10 with Z: (the Linux root) removed, so nothing of Linux leaks in; E: is a
# cd-rom labelled CONTEXT holding the VM's context.sh and token.txt (endpoint: the simulator on 127.0.0.1);
# the zip's files go where install.ps1 puts them, and the service is registered with install.ps1's Shawl
# command line through wine's service manager (wine has no PowerShell to run install.ps1 itself). Then:
# the service starts, READY=YES and metrics must reach the simulator, onegate.exe and onegate-agent.exe
# answer from C:\, and a service stop must end the agent through Ctrl-C with exit 0. assert.mjs checks.
# Exit 77 (skip) only when wine64 is not installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
. "$repo/packaging/windows/wine.sh"
zip="$1" contexts="$2" control="$3" sim_port="$4" vmid="$5"
wine_tools || skip "wine64 not found (Debian package wine64, listed in .ci/apt-packages)"
require_tool unzip unzip
[ -f "$zip" ] || { echo "$zip is missing" >&2; exit 1; }

work="$E2E_CACHE/work/wine"
[ ! -d "$work/prefix" ] || WINEPREFIX="$work/prefix" "$WINESERVER" -k 2>/dev/null || true
rm -rf "$work"; mkdir -p "$work"
t0=$(date +%s)
wine_prefix "$work/prefix"
# The service keeps this prefix's wineserver (and the agent) alive: end them however the test ends.
trap '"$WINESERVER" -k 2>/dev/null || true' EXIT
log "prefix ready in $(( $(date +%s) - t0 )) s"
c="$WINEPREFIX/drive_c"
win() { (cd "$c" && "$WINE" "$@"); } # from C:\ (a cwd on an unmapped Linux path breaks child processes)

# Nothing of Linux: without Z: the agent sees only C: and the context drive.
rm -f "$WINEPREFIX/dosdevices/z:"
[ ! -e "$WINEPREFIX/dosdevices/z:" ] || { echo "could not remove Z:" >&2; exit 1; }

# E: is a cd-rom labelled CONTEXT (wine reads a directory drive's label from .windows-label).
context_files "$contexts/$vmid" "$work/context" "http://127.0.0.1:$sim_port"
echo CONTEXT > "$work/context/.windows-label"
# READY waits for READY_SCRIPT_PATH, a .cmd run through cmd.exe (PowerShell, which READY_SCRIPT needs, is
# not in wine); a .cmd hook in hooks.d\vm\ records its arguments. Both write to C:\.
echo "READY_SCRIPT_PATH='E:\\ready.cmd'" >> "$work/context/context.sh"
printf '@echo off\r\necho ready script ran> C:\\e2e-ready.txt\r\nexit /b 0\r\n' > "$work/context/ready.cmd"
ln -s "$work/context" "$WINEPREFIX/dosdevices/e:"
win reg add 'HKLM\Software\Wine\Drives' /v e: /t REG_SZ /d cdrom /f > /dev/null

# The zip's files where install.ps1 puts them; onegate.exe is its hard link.
unzip -q "$zip" -d "$work/unzip"
dir="$c/Program Files/onegate-agent"
mkdir -p "$dir"
cp "$work/unzip"/onegate-agent-*-win-x64/* "$dir/"
ln "$dir/onegate-agent.exe" "$dir/onegate.exe"
P='C:\Program Files\onegate-agent'
mkdir -p "$c/ProgramData/onegate-agent/hooks.d/vm"
printf '@echo off\r\necho %%1 %%2 %%3> C:\\e2e-hook.txt\r\n' > "$c/ProgramData/onegate-agent/hooks.d/vm/e2e.cmd"

# Node 22.23.3 starts on wine 8 without ProcessPrng; should a Node need it, the test bed supplies it.
win "$P\\onegate-agent.exe" --version > "$work/version.txt" 2>&1 || true
if ! grep -q '^onegate-agent ' "$work/version.txt"; then
  require_tool x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64
  log "onegate-agent.exe does not start ($(tr -d '\r' < "$work/version.txt" | head -c 200)); adding the test-bed bcryptprimitives.dll"
  x86_64-w64-mingw32-gcc -shared -O2 -o "$c/windows/system32/bcryptprimitives.dll" "$here/wine/bcryptprimitives.c" -ladvapi32
  win "$P\\onegate-agent.exe" --version > "$work/version.txt" 2>&1 || true
  grep -q '^onegate-agent ' "$work/version.txt" || { cat "$work/version.txt" >&2; exit 1; }
fi

# The service, with the command line install.ps1 registers (test/packaging/windows-zip.test.ts keeps
# the two equal).
data='C:\ProgramData\onegate-agent'
shawl_args="run --name onegate-agent --cwd \"$P\" --log-dir \"$data\\log\" --stop-timeout 10000 --no-restart --env \"ProgramData=C:\\ProgramData\" --env \"NODE_OPTIONS=--max-old-space-size=32 --max-semi-space-size=1 --v8-pool-size=1\" -- \"$P\\onegate-agent.exe\" run"
win sc create onegate-agent start= auto binPath= "\"$P\\shawl.exe\" $shawl_args" > "$work/sc-create.txt"
t1=$(date +%s)
win net start onegate-agent > "$work/net-start.txt" 2>&1 || { cat "$work/net-start.txt" >&2; exit 1; }

report="$work/e2e-report.txt"; : > "$report"
record() { # record NAME RC FILE: one "E2E NAME RC BASE64" line, as the guest probe writes them
  printf 'E2E %s %s %s\n' "$1" "$2" "$(tr -d '\r' < "$3" | base64 -w0)" >> "$report"
}
run_win() { # run_win NAME COMMAND...: from C:\, the output through a file (on a pipe wine fails Node's stdout)
  local name="$1" rc=0 out="$work/out-$1.txt"; shift
  win "$@" > "$out" 2>&1 || rc=$?
  record "$name" "$rc" "$out"
}

# READY=YES and a metric at the simulator, as onegate.exe inside the guest sees them (bounded).
ready=1
for _ in $(seq 60); do
  if win "$P\\onegate.exe" vm show --json > "$work/vm.json" 2>/dev/null &&
    grep -q '"READY": *"YES"' "$work/vm.json" && grep -Eq '"(CPU_USAGE|MEM_USED|UPTIME)"' "$work/vm.json"; then
    ready=0; break
  fi
  sleep 2
done
log "READY and metrics $( [ "$ready" = 0 ] && echo "after $(( $(date +%s) - t1 )) s" || echo "not seen in 120 s")"
: > "$work/empty"; record ready "$ready" "$work/empty"
if win sc query onegate-agent | grep -q RUNNING; then echo active; else echo inactive; fi > "$work/is-active.txt"
record is-active 0 "$work/is-active.txt"
run_win status "$P\\onegate-agent.exe" status --json
run_win context "$P\\onegate-agent.exe" context --json
run_win vm-show "$P\\onegate.exe" vm show
run_win vm-show-json "$P\\onegate.exe" vm show --json
for f in ready hook; do
  if [ -f "$c/e2e-$f.txt" ]; then rc=0; cp "$c/e2e-$f.txt" "$work/$f-ran.txt"; else rc=1; echo "C:\\e2e-$f.txt not written" > "$work/$f-ran.txt"; fi
  record "$f-ran" "$rc" "$work/$f-ran.txt"
done

# A stop: Shawl sends Ctrl-C, the agent saves its state and exits 0.
win net stop onegate-agent > "$work/net-stop.txt" 2>&1 || true
shawl_log="$(ls "$c/ProgramData/onegate-agent/log"/shawl_for_onegate-agent_*.log 2>/dev/null | head -1)"
[ -n "$shawl_log" ] || shawl_log="$work/empty"
stop=1
for _ in $(seq 30); do
  grep -q 'Command exited after .* with code 0' "$shawl_log" 2>/dev/null && { stop=0; break; }
  sleep 1
done
grep -E 'stop|exited|SIGINT' "$shawl_log" > "$work/stop.txt" 2>/dev/null || true
record stop "$stop" "$work/stop.txt"
record journal 0 "$shawl_log"
printf 'E2E done 0 \n' >> "$report"
"$WINESERVER" -k 2>/dev/null || true
trap - EXIT

node "$here/assert.mjs" --log "$report" --control "$control" --vmid "$vmid" --source cdrom --windows
