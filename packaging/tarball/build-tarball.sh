#!/usr/bin/env bash
# build-tarball.sh STAGE FILE INSTALL_NOTES [--simulator]: a plain tarball of a staged tree for systems
# without a package manager we build for, plus the OpenRC script and the install notes. FILE ends in .tar.xz
# or .tar.gz (busybox tar on Alpine reads gzip everywhere). Unpack with tar -C /. --simulator adds the
# command onegate-sim (dist/onegate-sim.cjs run by the system's node, its built-in world beside it, its man
# page): the packages leave it out, a guest needs no test server.
set -euo pipefail
. "$(dirname "$0")/../lib.sh"
stage="$1"; tarball="$2"; notes="$3"; simulator="${4:-}"
case "$simulator" in ''|--simulator) ;; *) die "build-tarball.sh: unknown option $simulator" ;; esac
case "$tarball" in
  *.tar.xz) compress=(xz -6 -T0) ;;
  *.tar.gz) compress=(gzip -9n) ;;
  *) die "build-tarball.sh: $tarball must end in .tar.xz or .tar.gz" ;;
esac
root="$(mktemp -d)"; trap 'rm -rf "$root"' EXIT
cp -a "$stage/." "$root/"
install -D -m 0755 "$pkgdir/openrc/onegate-agent" "$root/etc/init.d/onegate-agent"
install -D -m 0644 "$notes" "$root/usr/share/doc/onegate-agent/INSTALL"
if [ -n "$simulator" ]; then
  lib="$root/usr/lib/onegate-agent"
  [ -f "$repo/dist/onegate-sim.cjs" ] || die "dist/onegate-sim.cjs is missing (npm run build)"
  # The bundle starts with #!/usr/bin/env node; it reads its world from onegate-sim/ beside its real path.
  install -D -m 0755 "$repo/dist/onegate-sim.cjs" "$lib/onegate-sim.cjs"
  install -D -m 0644 "$repo/dist/onegate-sim/default.yaml" "$lib/onegate-sim/default.yaml"
  mkdir -p "$root/usr/bin" "$root/usr/share/man/man1"
  ln -s ../lib/onegate-agent/onegate-sim.cjs "$root/usr/bin/onegate-sim"
  node "$pkgdir/man/render-man.mjs" "$repo/dist/multicall.cjs" "$root/usr/share/man/man1" "$VERSION" onegate-sim
  gzip -9n "$root/usr/share/man/man1/onegate-sim.1"
  find "$root/usr/lib/onegate-agent" -type d -exec chmod 0755 {} +
fi
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$(source_date_epoch)" \
  -C "$root" -cf - . | "${compress[@]}" > "$tarball"
say "$tarball: $(stat -c %s "$tarball") bytes"
