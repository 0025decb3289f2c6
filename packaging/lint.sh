#!/usr/bin/env bash
# lint.sh deb|rpm PACKAGE: lintian or rpmlint; fails on any error or warning that is not overridden
# (deb/lintian-overrides inside the package, rpm/rpmlint.toml here), each justified in docs/packaging.md.
# The full report is kept next to the package as PACKAGE.lint.txt.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
kind="$1"; pkg="$2"; report="$pkg.lint.txt"
case "$kind" in
  deb)
    rc=0
    lintian --allow-root --tag-display-limit 0 --display-info --fail-on error,warning "$pkg" > "$report" 2>&1 || rc=$?
    ;;
  rpm)
    rc=0
    rpmlint --config "$pkgdir/rpm/rpmlint.toml" "$pkg" > "$report" 2>&1 || rc=$?
    # rpmlint exits 0 with warnings; the summary line counts them.
    grep -Eq ' 0 errors, 0 warnings' "$report" || rc=1
    ;;
  *) die "lint.sh: unknown kind $kind" ;;
esac
if [ "$rc" != 0 ]; then
  grep -E '^(E|W): |: (E|W): ' "$report" >&2 || tail -20 "$report" >&2
  die "$kind lint failed for $pkg (full report: $report)"
fi
say "$kind lint clean: $pkg ($(grep -cE '^I: |: I: ' "$report" || true) info lines in $report)"
