#!/usr/bin/env bash
# Hostile but valid inputs stay fast: times `gongkai validate` (release build) on the
# departments of gongkai_synth::hostile(), each near one documented limit (100,000
# identical lines, 10,000 projects with identical texts, 20,000 units, 40,000 lines of
# codes named once). Every check is linear or n log n, so each should validate in well
# under 2 s. Results go in BENCHMARKS.md.
#
#   bash scripts/bench-hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p gongkai -p gongkai-synth
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
target/release/gongkai-synth hostile "$dir" >/dev/null
for f in "$dir"/*.yaml; do
  size=$(du -k "$f" | cut -f1)
  start=$(date +%s.%N)
  code=0
  target/release/gongkai validate "$f" >/dev/null 2>&1 || code=$?
  end=$(date +%s.%N)
  printf '%-28s %6s KiB  exit %s  %.2f s\n' "$(basename "$f" .yaml)" "$size" "$code" "$(echo "$end - $start" | bc)"
done
