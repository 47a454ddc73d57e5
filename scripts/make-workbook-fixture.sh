#!/usr/bin/env bash
# Makes tests/fixtures/changji-2025-libreoffice.xlsx: the example's fill-in workbook with
# one amount edited and the file saved by LibreOffice, as a clerk using LibreOffice Calc
# would leave it.
#
#   bash scripts/make-workbook-fixture.sh
#
# Steps: gongkai writes the example's workbook; openpyxl changes 预算明细!I5 (the second
# budget line, 51700.00 元) to 51800.00; LibreOffice opens the result and saves it as
# .xlsx (`soffice --headless --convert-to xlsx`), so the committed file is LibreOffice's
# own writing: its styles, shared strings, number formats and formula caches. The test
# crates/gongkai-workbook/tests/workbook/libreoffice.rs reads it back and expects the
# example with exactly that one change.
#
# Needs LibreOffice (soffice) and Python with openpyxl (`pip install openpyxl`). Not part
# of scripts/test.sh: the test suite only reads the committed file. Rerun it when the
# example or the workbook layout changes.
set -euo pipefail
cd "$(dirname "$0")/.."

FIXTURE=tests/fixtures/changji-2025-libreoffice.xlsx
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build -q --bin gongkai
target/debug/gongkai convert examples/changji-epmc-2025.yaml "$WORK/written.xlsx"

python3 - "$WORK/written.xlsx" "$WORK/edited.xlsx" <<'PY'
import sys
import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
cell = book["预算明细"]["I5"]
assert cell.value == 51700, f"预算明细!I5 is {cell.value!r}, not the example's 51700.00"
cell.value = 51800
book.save(sys.argv[2])
PY

# LibreOffice writes the converted file under the input's name into --outdir.
mkdir -p "$WORK/saved"
soffice --headless --norestore --convert-to xlsx --outdir "$WORK/saved" "$WORK/edited.xlsx" >/dev/null
cp "$WORK/saved/edited.xlsx" "$FIXTURE"
echo "wrote $FIXTURE ($(wc -c <"$FIXTURE") bytes)"
