#!/usr/bin/env bash
# Benchmarks of whole runs, on this machine (2 cores). Appends nothing by itself: it prints
# the figures that BENCHMARKS.md records.
#
#   bash scripts/bench.sh [COUNT]     # default 1000 synthetic departments
#
# 1. A fresh process renders the example in all three formats (median of 20 runs).
# 2. `gongkai batch` generates COUNT synthetic departments in all three formats: wall
#    time, peak memory (GNU time), and time per department per format (summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release -q -p gongkai -p gongkai-synth
bin=target/release/gongkai

echo "== fresh process, example, xlsx+pdf+html (20 runs)"
times=()
for _ in $(seq 20); do
  start=$(date +%s%N)
  "$bin" render examples/changji-epmc-2025.yaml -o "$work/example" 2>/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "min %.1f ms, median %.1f ms\n", a[1]/1000, a[int((NR+1)/2)]/1000}'

echo "== batch of $count synthetic departments, xlsx+pdf+html"
target/release/gongkai-synth "$count" "$work/in" >/dev/null
/usr/bin/time -v "$bin" batch "$work/in" -o "$work/out" 2>"$work/time.txt" >/dev/null || true
grep -E "Elapsed \(wall clock\)|Maximum resident set size|Percent of CPU" "$work/time.txt"
python3 - "$work/out/summary.json" "$count" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n = s["generated"]
print(f"generated {n}, failed {s['failed']}")
for fmt, ms in sorted(s["render_ms"].items()):
    print(f"  {fmt}: {ms / n:.2f} ms per department (CPU time inside the backend, summed over threads)")
PY
du -sh "$work/out" | awk '{print "output size: " $1}'

echo "== the same batch again: nothing changed"
start=$(date +%s%N)
"$bin" batch "$work/in" -o "$work/out" 2>/dev/null >/dev/null || true
end=$(date +%s%N)
echo "wall $(( (end - start) / 1000000 )) ms"
