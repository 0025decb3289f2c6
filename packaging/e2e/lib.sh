# Shared helpers of the end-to-end scripts (sourced, not run).
# E2E_CACHE keeps the debootstrap tree between runs; ONEGATE_CACHE moves every cache of the
# project (CI points it outside its fresh clone so that the next run reuses the tree).
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_CACHE="${E2E_CACHE:-${ONEGATE_CACHE:-$repo/.cache}/e2e}"

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# Exit status 77 means "skipped" to run.sh, which prints the reason given on stdout.
skip() { echo "SKIP: $*"; exit 77; }

# require_tool COMMAND DEBIAN_PACKAGE: skip (not fail) when a tool is missing, naming the package.
require_tool() {
  command -v "$1" >/dev/null 2>&1 || skip "$1 not found (Debian package $2, listed in .ci/apt-packages)"
}

# The Debian mirror the host's apt uses, so the guest tree comes from the same archive.
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local uri
  uri="$(grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1)"
  [ -n "$uri" ] || uri="$(awk '/^deb / && !/security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
  echo "${uri:-http://deb.debian.org/debian}"
}

# new_guest_tree BASE DEST DEB: a copy of the cached tree with the package installed the way an image
# build installs it (dpkg -i in a chroot: the maintainer scripts must enable, not start, the unit).
new_guest_tree() {
  local base="$1" dest="$2" deb="$3"
  rm -rf "$dest"; mkdir -p "$(dirname "$dest")"
  cp -a "$base" "$dest"
  cp "$deb" "$dest/tmp/onegate-agent.deb"
  chroot "$dest" dpkg -i /tmp/onegate-agent.deb > "$dest.dpkg.log" 2>&1 || { cat "$dest.dpkg.log" >&2; return 1; }
  rm -f "$dest/tmp/onegate-agent.deb"
  [ -L "$dest/etc/systemd/system/multi-user.target.wants/onegate-agent.service" ] ||
    { echo "the package did not enable onegate-agent.service" >&2; return 1; }
}

# add_probe TREE WAIT_SECONDS EXPECT_READY [OUT]: installs and enables the guest probe, which reports to
# OUT (default /dev/console: the serial console of a VM; a container's goes nowhere, so a file there).
add_probe() {
  local tree="$1"
  install -m 0755 "$repo/packaging/e2e/guest/e2e-probe" "$tree/usr/local/sbin/e2e-probe"
  install -m 0644 "$repo/packaging/e2e/guest/e2e-probe.service" "$tree/etc/systemd/system/e2e-probe.service"
  ln -sf /etc/systemd/system/e2e-probe.service "$tree/etc/systemd/system/multi-user.target.wants/e2e-probe.service"
  printf 'E2E_WAIT=%s\nE2E_EXPECT_READY=%s\nE2E_OUT=%s\n' "$2" "$3" "${4:-/dev/console}" > "$tree/etc/e2e-probe.env"
}

# context_files SRC DEST ENDPOINT: the simulator's context.sh/token.txt for one VM, with the endpoint the
# guest reaches, REPORT_READY=YES and a 5 s push interval (a context override the agent honours).
context_files() {
  local src="$1" dest="$2" endpoint="$3"
  mkdir -p "$dest"
  grep -v -E "^(ONEGATE_ENDPOINT|REPORT_READY|ONEGATE_AGENT_INTERVAL)=" "$src/context.sh" > "$dest/context.sh"
  printf "ONEGATE_ENDPOINT='%s'\nREPORT_READY='YES'\nONEGATE_AGENT_INTERVAL='5'\n" "$endpoint" >> "$dest/context.sh"
  cp "$src/token.txt" "$dest/token.txt"
}
