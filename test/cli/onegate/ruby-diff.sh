#!/bin/bash
# Differential check of dist/onegate.cjs against the real Ruby onegate client, both talking to the real OneGate
# server of the reference harness (docs/simulator.md; not run by CI, which has neither). Read-only requests plus usage
# errors; prints one line per case (same / DIFF) and the diff of each difference.
#   ONEGATE_URL   the running reference server (default http://127.0.0.1:5030)
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

run_case() { # VMID TOKEN ARGS...
  local vmid=$1 token=$2; shift 2
  local name="VM $vmid: onegate $*"
  env -i PATH="$PATH" HOME=/root ONEGATE_ENDPOINT="$url" VMID="$vmid" TOKENTXT="$token" \
    ruby "$ruby_cli" "$@" >"$out/r.out" 2>"$out/r.err"; echo "exit $?" >>"$out/r.err"
  env -i PATH="$PATH" ONEGATE_ENDPOINT="$url" VMID="$vmid" TOKENTXT="$token" ONEGATE_CONTEXT_ROOT="$out" \
    ONEGATE_JSON_EMPTY="${ONEGATE_JSON_EMPTY:-compact}" \
    node "$repo/dist/onegate.cjs" "$@" >"$out/n.out" 2>"$out/n.err"; echo "exit $?" >>"$out/n.err"
  if cmp -s "$out/r.out" "$out/n.out" && cmp -s "$out/r.err" "$out/n.err"; then
    same=$((same + 1)); echo "same  $name"
  else
    diff=$((diff + 1)); echo "DIFF  $name"
    diff -u --label ruby --label node "$out/r.out" "$out/n.out" | sed 's/^/      /' | head -20
    diff -u --label ruby-stderr --label node-stderr "$out/r.err" "$out/n.err" | sed 's/^/      /' | head -12
  fi
}

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
echo "$same same, $diff different"
