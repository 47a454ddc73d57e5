#!/usr/bin/env bash
# Checks the transcribed fixtures of the shanghai profile's references (上海市普陀区司法局
# 2026: 02 部门预算, 03 单位预算) against the reference texts: every row against its source
# line, no table line left out, and the identities between the printed figures. Needs
# ../shared (the references and their tools); writes tests/fixtures/shanghai-2026/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${GONGKAI_SHARED:-../shared}
tools=$shared/tools/transcribe
docs=$shared/reference/regions
fixture=tests/fixtures/shanghai-2026
if [[ ! -f $docs/02-shanghai-putuo-justice-bureau-2026-dept-budget.txt ]]; then
  echo "参考文件不在 $docs：无法核对。" >&2
  exit 2
fi
for kind in dept unit; do
  python3 "$tools/verify.py" "$docs" "$fixture/transcribe_$kind.py"
  python3 "$tools/build.py" "$fixture" "$fixture/transcribe_$kind.py"
done
