#!/usr/bin/env bash
# Checks the transcribed fixture of the beijing reference (北京市医疗保障局 2026 预算01表–预算13表) against the
# reference: every row of 预算01表–预算11表 against its source line, no table line left out, and the
# identities between the printed figures; 预算12表 and 预算13表 (forms.txt) read again from the
# PDF's grid by forms.py (pdftotext, pdftoppm) and compared. Needs ../shared (the reference and
# its tools); writes tests/fixtures/beijing-2026/tables.json.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${GONGKAI_SHARED:-../shared}
tools=$shared/tools/transcribe
docs=$shared/reference/regions
fixture=tests/fixtures/beijing-2026
if [[ ! -f $docs/30-beijing-healthcare-security-bureau-2026-dept-budget-tables.txt ]]; then
  echo "参考文件不在 $docs：无法核对。" >&2
  exit 2
fi
python3 "$tools/verify.py" "$docs" "$fixture/transcribe.py"
python3 "$tools/build.py" "$fixture" "$fixture/transcribe.py"
pdf=$docs/pdf/30-beijing-healthcare-security-bureau-2026-dept-budget-tables.pdf
if [[ -f $pdf ]]; then
  python3 "$fixture/forms.py" "$shared" | diff -u "$fixture/forms.txt" - && echo "forms.txt：与 PDF 一致。"
else
  echo "参考 PDF 不在 $docs/pdf：forms.txt 未核对。" >&2
  exit 2
fi
