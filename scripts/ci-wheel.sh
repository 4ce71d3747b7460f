#!/usr/bin/env bash
# The install a Python user does: build the wheel, install it into a fresh venv in a temporary
# folder, and run it from outside the checkout. For .ci/run (after ./dev has made .venv).
# Checks that the wheel carries data.db and resources/ (jhviewer/_shipped/) and that search,
# check, pdf and the window (snapshot, offscreen) work from the installed copy.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/jhviewer-wheel.XXXXXX")
trap 'rm -rf "$work"' EXIT

.venv/bin/python -m pip wheel -q --no-deps "$repo" -w "$work/dist" 2>&1 \
  | { grep -v -e "^WARNING: Location" || true; } >"$work/build.log" \
  || { cat "$work/build.log"; exit 1; }
wheel=$(ls "$work"/dist/jhviewer-*.whl)
echo "built $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB)"
.venv/bin/python - "$wheel" <<'PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
wanted = ["jhviewer/_shipped/data.db",
          "jhviewer/_shipped/resources/fonts/JHNotoSansSC-Regular.otf",
          "jhviewer/_shipped/resources/fonts/JHNotoSansSC-Bold.otf",
          "jhviewer/_shipped/resources/translations/jhviewer_zh_CN.qm",
          "jhviewer/_shipped/resources/briefings/jianghan-2024.toml",
          "jhviewer/_shipped/resources/icons/jhviewer.svg",
          "jhviewer/_shipped/resources/jhviewer.desktop"]
missing = [name for name in wanted if name not in names]
if missing:
    sys.exit(f"the wheel lacks {missing}")
PY

python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$wheel" 2>&1 | { grep -v -e "^WARNING: Location" || true; }
mkdir "$work/run"
cd "$work/run"   # outside the checkout: nothing may come from $repo
export QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
app="$work/venv/bin/jhviewer"

"$app" --version
"$app" search GDP >search.txt
grep -q "^gdp-growth-2023	2023	地区生产总值增速	预计7.4%	" search.txt \
  || { echo "search GDP from the wheel printed:"; cat search.txt; exit 1; }
[ "$("$app" check)" = ok ]
"$app" pdf x.pdf --lang en
"$work/venv/bin/python" - <<'PY'
from pathlib import Path
head = Path("x.pdf").read_bytes()
assert head.startswith(b"%PDF-"), head[:20]
assert b"JHNotoSansSC" in head, "the PDF does not embed the bundled font"
PY
"$app" snapshot snaps --size 1000x700
for tab in overview facts targets charts; do [ -s "snaps/$tab.png" ]; done
"$app" install-desktop >/dev/null
[ -s "$XDG_DATA_HOME/applications/jhviewer.desktop" ]
[ -s "$XDG_DATA_HOME/icons/hicolor/scalable/apps/jhviewer.svg" ]
"$app" install-desktop --uninstall >/dev/null
[ ! -e "$XDG_DATA_HOME/applications/jhviewer.desktop" ]
if grep -R -l -e "$repo" "$work/venv/lib" --include='*.pth' 2>/dev/null; then
  echo "the wheel's venv points back into the checkout"; exit 1
fi
echo "wheel ok: search, check, pdf, snapshot and install-desktop ran from $work/run"
