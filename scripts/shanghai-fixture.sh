#!/usr/bin/env bash
# Checks the transcribed fixtures of the shanghai profile's references against the reference
# texts: every row against its source line, no table line left out, and the identities
# between the printed figures. Two pairs, each a 部门预算 and its 本部's 单位预算:
# 上海市普陀区司法局 2026 (02, 03) and 上海市普陀区商务委员会 2025 (07, 08). Needs ../shared
# (the references and their tools); writes tests/fixtures/shanghai-*/*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${GONGKAI_SHARED:-../shared}
tools=$shared/tools/transcribe
docs=$shared/reference/regions
for ref in 02-shanghai-putuo-justice-bureau-2026-dept-budget 07-shanghai-putuo-commerce-commission-2025-dept-budget; do
  if [[ ! -f $docs/$ref.txt ]]; then
    echo "参考文件不在 $docs：无法核对。" >&2
    exit 2
  fi
done
for fixture in tests/fixtures/shanghai-2026 tests/fixtures/shanghai-2025; do
  for kind in dept unit; do
    python3 "$tools/verify.py" "$docs" "$fixture/transcribe_$kind.py"
    python3 "$tools/build.py" "$fixture" "$fixture/transcribe_$kind.py"
  done
done
