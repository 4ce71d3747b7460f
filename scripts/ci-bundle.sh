#!/usr/bin/env bash
# Build the PyInstaller one-folder app (./dev bundle) and start it once, from outside the
# checkout: --version, search, check, pdf and the window (snapshot, offscreen).
# For .ci/run. Prints how long the build took (80 to 115 s on a busy 2-core machine).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/jhviewer-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
./dev bundle --distpath "$work/dist" --workpath "$work/build" >"$work/build.log" 2>&1 \
  || { tail -40 "$work/build.log"; exit 1; }
echo "bundle built in $(( $(date +%s) - started )) s, $(du -sh "$work/dist/jhviewer" | cut -f1)"
app="$work/dist/jhviewer/jhviewer"
mkdir "$work/run" && cd "$work/run"
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config"
"$app" --version
# To a file first: with pipefail, `grep -q` closing the pipe early would fail the app.
"$app" search GDP >search.txt
grep -q "^gdp-growth-2023	" search.txt || { echo "search GDP failed in the bundle"; exit 1; }
[ "$("$app" check)" = ok ]
"$app" pdf x.pdf --lang en
[ "$(head -c 5 x.pdf)" = "%PDF-" ]
"$app" snapshot snaps --size 1000x700
for tab in overview facts targets charts; do [ -s "snaps/$tab.png" ]; done
echo "bundle ok: --version, search, check, pdf and snapshot ran from $app"
