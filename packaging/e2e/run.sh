#!/usr/bin/env bash
# npm run test:e2e: the end-to-end tests of the packaged agent.
#   coexist  dpkg in a chroot next to a stand-in one-context package: divert and restore /usr/bin/onegate
#   nspawn   systemd-nspawn boot of a debootstrapped Debian with the .deb, LXC-style /context
#   qemu-cdrom   qemu TCG VM with the CONTEXT image as a cd-rom (KVM style)
#   qemu-virtio  the same VM with the CONTEXT image as a virtio disk (Firecracker style)
#   wine     the Windows zip under wine64: the service through Shawl, a CONTEXT cd-rom as E:, no Z:
# against one OneGate simulator on 127.0.0.1. Uses dist/onegate-agent_*_amd64.deb, building it first
# when it is missing or E2E_BUILD=1 (E2E_DEB=FILE tests another package); the wine test likewise uses
# dist/onegate-agent-*-win-x64.zip (E2E_ZIP=FILE), built with --formats windows when missing. Prints "e2e: N passed, N failed, N skipped"; with E2E_REPORT=FILE
# also writes {"passed":N,"failed":N,"skipped":N} there (read by .ci/run). Exit 1 when a test failed.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
cd "$repo"
only="${E2E_ONLY:-coexist nspawn qemu-cdrom qemu-virtio wine}"
start=$(date +%s)
passed=0; failed=0; skipped=0
mkdir -p "$E2E_CACHE/work"
summary() {
  echo "e2e: $passed passed, $failed failed, $skipped skipped ($(( $(date +%s) - start )) s)"
  if [ -n "${E2E_REPORT:-}" ]; then
    printf '{"passed":%d,"failed":%d,"skipped":%d}\n' "$passed" "$failed" "$skipped" > "$E2E_REPORT"
  fi
}
note() { # note NAME STATUS: counts a test's exit status (0 pass, 77 skip, else fail)
  case "$2" in
    0) passed=$((passed + 1)); log "PASS $1" ;;
    77) skipped=$((skipped + 1)); log "SKIP $1" ;;
    *) failed=$((failed + 1)); log "FAIL $1 (status $2)" ;;
  esac
}

wants() { case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
deb="${E2E_DEB:-$(ls dist/onegate-agent_*_amd64.deb 2>/dev/null | head -1)}"
if [ "$only" = wine ]; then
  deb="(not needed)"
elif [ -z "$deb" ] || [ "${E2E_BUILD:-0}" = 1 ]; then
  log "building the amd64 package (packaging/build.sh --arch x64 --formats sea,deb --no-lint)"
  if ! bash packaging/build.sh --arch x64 --formats sea,deb --no-lint; then
    for t in $only; do note "$t" 1; done
    summary; exit 1
  fi
  deb="$(ls dist/onegate-agent_*_amd64.deb | head -1)"
fi
log "package: $deb"
zip="${E2E_ZIP:-$(ls dist/onegate-agent-*-win-x64.zip 2>/dev/null | head -1)}"
if wants wine && { [ -z "$zip" ] || [ "${E2E_BUILD:-0}" = 1 ]; } && command -v zip >/dev/null && . packaging/windows/wine.sh && wine_tools; then
  log "building the Windows zip (packaging/build.sh --arch x64 --formats windows)"
  bash packaging/build.sh --arch x64 --formats windows --no-lint || log "the Windows zip did not build"
  zip="$(ls dist/onegate-agent-*-win-x64.zip 2>/dev/null | head -1)"
fi

# One simulator for every guest, on free loopback ports; --contexts writes each VM's context.sh and
# token.txt (what oned puts on the CONTEXT media).
sim_log="$E2E_CACHE/work/simulator.log"; contexts="$E2E_CACHE/work/contexts"
rm -rf "$contexts"
node_modules/.bin/tsx test/simulator/main.ts --listen 127.0.0.1:0 --control 127.0.0.1:0 \
  --contexts "$contexts" --quiet > "$sim_log" 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null; wait "$sim_pid" 2>/dev/null' EXIT
for _ in $(seq 120); do grep -q 'control on' "$sim_log" && break; kill -0 "$sim_pid" 2>/dev/null || break; sleep 0.5; done
line="$(grep 'control on' "$sim_log" || true)"
if [ -z "$line" ]; then
  cat "$sim_log" >&2
  for t in $only; do note "$t" 1; done
  summary; exit 1
fi
sim_port="$(sed -n 's#.*OneGate on http://127.0.0.1:\([0-9]*\).*#\1#p' <<< "$line")"
control="$(sed -n 's#.*control on \(http://[0-9.:]*\).*#\1#p' <<< "$line")"
log "simulator on port $sim_port, control $control"

# A VM per guest so that READY and metrics are attributed to the right boot.
for t in $only; do
  case "$t" in
    coexist) cmd=(bash "$here/coexist.sh" "$deb"); limit=600 ;;
    nspawn) cmd=(bash "$here/nspawn.sh" "$deb" "$contexts" "$control" 42); limit=600 ;;
    qemu-cdrom) cmd=(bash "$here/qemu.sh" cdrom "$deb" "$contexts" "$control" "$sim_port" 43); limit=1200 ;;
    qemu-virtio) cmd=(bash "$here/qemu.sh" virtio "$deb" "$contexts" "$control" "$sim_port" 44); limit=1200 ;;
    # VM 7: a standalone VM; without wine wine.sh skips, with wine a missing zip fails.
    wine) cmd=(bash "$here/wine.sh" "${zip:-dist/onegate-agent-win-x64.zip (not built)}" "$contexts" "$control" "$sim_port" 7); limit=600 ;;
    *) log "unknown test $t"; note "$t" 1; continue ;;
  esac
  log "=== $t"
  rc=0
  timeout --kill-after=15 "$limit" "${cmd[@]}" || rc=$?
  note "$t" "$rc"
done
summary
[ "$failed" = 0 ]
