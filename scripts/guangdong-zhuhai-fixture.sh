#!/usr/bin/env bash
# Checks the transcribed fixture of the guangdong-zhuhai reference (珠海市商务局 2026) against
# the reference text: every row against its source line, no table line left out, and the
# identities between the printed figures. Needs ../shared (the reference and its tools);
# writes tests/fixtures/guangdong-zhuhai-2026/tables.json.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${GONGKAI_SHARED:-../shared}
tools=$shared/tools/transcribe
docs=$shared/reference/regions
fixture=tests/fixtures/guangdong-zhuhai-2026
if [[ ! -f $docs/20-guangdong-zhuhai-commerce-bureau-2026-dept-budget.txt ]]; then
  echo "参考文件不在 $docs：无法核对。" >&2
  exit 2
fi
python3 "$tools/verify.py" "$docs" "$fixture/transcribe.py"
python3 "$tools/build.py" "$fixture" "$fixture/transcribe.py"
