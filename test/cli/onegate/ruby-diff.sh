#!/bin/bash
# Differential check of dist/onegate.cjs against the real Ruby onegate client, both talking to the real OneGate
# server of the reference harness (docs/simulator.md; not run by CI, which has neither). Read-only requests plus usage
# errors; with ONEGATE_FAKES also changes, refusals and odd endpoints, each side run on freshly reset fakes and what
# the fakes recorded compared too. Prints one line per case (same / DIFF) and the diff of each difference.
#   ONEGATE_URL   the running reference server (default http://127.0.0.1:5030)
#   ONEGATE_FAKES "ONED_URL ONEFLOW_URL" of that instance's fakes, e.g. "http://127.0.0.1:2633 http://127.0.0.1:2474"
#   ONEGATE_REFERENCE_DIR  the reference harness (its onegate-token.py makes the tokens)
#   RUBY_CLIENT   the real onegate.rb (share/onegate/onegate, or one-apps' context-linux/src/usr/bin/onegate.rb)
#   ONEGATE_JSON_EMPTY=multiline  passed to dist/onegate.cjs, to match the empty containers of Ruby <= 3.3
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
url=${ONEGATE_URL:-http://127.0.0.1:5030}
ruby_cli=${RUBY_CLIENT:?set RUBY_CLIENT to the real onegate.rb}
tokens=${ONEGATE_REFERENCE_DIR:?set ONEGATE_REFERENCE_DIR to the reference harness}/onegate-token.py
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
same=0 diff=0
endpoint=$url recorded_vm=''
oned='' flow=''
[ -n "${ONEGATE_FAKES:-}" ] && read -r oned flow <<<"$ONEGATE_FAKES"

reset_fakes() { curl -s -m 10 -X POST "$oned/debug/reset" >/dev/null && curl -s -m 10 -X POST "$flow/debug/reset" >/dev/null; }
# What the fakes stored for VM $1 and OneFlow's scale requests, without timestamps.
recorded() {
  python3 - "$oned/debug/vm/$1" "$flow/debug/state" <<'PY'
import json, sys, urllib.request
vm, flow = (json.load(urllib.request.urlopen(u, timeout=10)) for u in sys.argv[1:3])
for k in ("actions", "updates"):
    for x in vm.get(k) or []: x.pop("time", None)
for x in flow.get("scale_requests") or []: x.pop("time", None)
keep = ("STATE", "LCM_STATE", "USER_TEMPLATE", "actions", "updates")
print(json.dumps([{k: vm.get(k) for k in keep}, flow.get("scale_requests")], sort_keys=True))
PY
}

run_case() { # VMID TOKEN ARGS... ; TOKEN "-" sets no TOKENTXT
  local vmid=$1 token=$2; shift 2
  local name="VM $vmid: onegate $*" tok=(TOKENTXT="$token")
  [ "$endpoint" != "$url" ] && name="VM $vmid @$endpoint: onegate $*"
  [ "$token" = - ] && tok=()
  [ -n "$recorded_vm" ] && reset_fakes
  env -i PATH="$PATH" HOME=/root ONEGATE_ENDPOINT="$endpoint" VMID="$vmid" "${tok[@]}" \
    timeout 60 ruby "$ruby_cli" "$@" >"$out/r.out" 2>"$out/r.err"; echo "exit $?" >>"$out/r.err"
  : >"$out/r.state"; : >"$out/n.state"
  [ -n "$recorded_vm" ] && recorded "$recorded_vm" >"$out/r.state" && reset_fakes
  env -i PATH="$PATH" ONEGATE_ENDPOINT="$endpoint" VMID="$vmid" "${tok[@]}" ONEGATE_CONTEXT_ROOT="$out" \
    ONEGATE_JSON_EMPTY="${ONEGATE_JSON_EMPTY:-compact}" \
    timeout 60 node "$repo/dist/onegate.cjs" "$@" >"$out/n.out" 2>"$out/n.err"; echo "exit $?" >>"$out/n.err"
  [ -n "$recorded_vm" ] && recorded "$recorded_vm" >"$out/n.state"
  if cmp -s "$out/r.out" "$out/n.out" && cmp -s "$out/r.err" "$out/n.err" && cmp -s "$out/r.state" "$out/n.state"; then
    same=$((same + 1)); echo "same  $name"
  else
    diff=$((diff + 1)); echo "DIFF  $name"
    diff -u --label ruby --label node "$out/r.out" "$out/n.out" | sed 's/^/      /' | head -20
    diff -u --label ruby-stderr --label node-stderr "$out/r.err" "$out/n.err" | sed 's/^/      /' | head -12
    diff -u --label ruby-recorded --label node-recorded "$out/r.state" "$out/n.state" | sed 's/^/      /' | head -8
  fi
}
# A change or refusal: run_case on reset fakes, comparing what they recorded for VM $1 too.
change_case() { recorded_vm=$1; shift; run_case "$@"; recorded_vm=''; }

t42=$(python3 "$tokens" 42) t43=$(python3 "$tokens" 43) t50=$(python3 "$tokens" 50)
run_case 42 "$t42" vm show
run_case 42 "$t42" vm show --json
run_case 42 "$t42" --json vm show 43
run_case 42 "$t42" vm show 43 -j --extended
run_case 42 "$t42" service show
run_case 43 "$t43" service show --extended
run_case 42 "$t42" service show --json
run_case 42 "$t42" service show --ext --json
run_case 50 "$t50" vrouter show
run_case 50 "$t50" vrouter show --json
run_case 50 "$t50" vnet show 1
run_case 50 "$t50" vnet show 1 --json
run_case 50 "$t50" vnet show 1 --json --extended
run_case 50 "$t50" vnet show 5
run_case 42 "$t42" vrouter show
run_case 42 "$t42" vnet show 1
run_case 42 wrongtoken vm show
run_case 42 "$t42" vm show 99999
run_case 42 "$t42" vm update
run_case 42 "$t42" vm reboot
run_case 42 "$t42" vnet show
run_case 42 "$t42" vm bogus 42
run_case 42 "$t42" vm
run_case 42 "$t42" foo
run_case 42 "$t42" vm show --bogus

if [ -n "$oned" ]; then
  t7=$(python3 "$tokens" 7) t60=$(python3 "$tokens" 60) t70=$(python3 "$tokens" 70) t80=$(python3 "$tokens" 80)
  t12345=$(python3 "$tokens" 12345)
  change_case 42 42 "$t42" vm update --data 'READY=YES\nX=1'
  change_case 43 42 "$t42" vm update 43 --data PEER=1
  change_case 42 42 "$t42" vm update --data 'bad syntax ='
  change_case 42 42 "$t42" vm update --data SERVICE_ID=9
  change_case 42 42 "$t42" vm update --erase SCHED_MESSAGE
  change_case 42 42 "$t42" vm update --erase NOT_THERE
  change_case 42 42 "$t42" vm update 7 --data A=1
  change_case 42 42 "$t42" vm reboot 42
  change_case 43 42 "$t42" vm poweroff 43 --hard
  change_case 43 42 "$t42" vm hold 43
  change_case 43 42 "$t42" vm terminate 43
  change_case 7 7 "$t7" vm suspend 7
  change_case 12345 12345 "$t12345" vm resume 12345
  change_case 42 42 "$t42" service scale --role web --cardinality 3
  change_case 42 42 "$t42" service scale --role db --cardinality 2
  change_case 42 42 "$t42" service scale --role nope --cardinality 2
  change_case 7 7 "$t7" service scale --role web --cardinality 2
  run_case 60 "$t60" service show
  run_case 70 "$t70" vm show
  run_case 80 "$t80" vm show
  run_case 42 - vm show
  run_case 42 "$t43" vm show
  for endpoint in http://127.0.0.1:1 "$oned" "$url/prefix" "${url#http://}"; do run_case 42 "$t42" vm show; done
  endpoint=$url
fi
echo "$same same, $diff different"
