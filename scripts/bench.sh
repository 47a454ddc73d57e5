#!/usr/bin/env bash
# The performance benchmark of issue 14, in one command, on this machine. It prints the
# figures BENCHMARKS.md records; it changes nothing in the repository (builds in target/,
# the Python baseline's virtualenv in target/bench-python/).
#
#   bash scripts/bench.sh [COUNT]          # default 1000
#
#   BASELINE=DIR   the Python baseline (default ../shared/bench/python-baseline)
#   PYTHON=0       skip the Python side;  BIG=0  skip the big synthetic departments
#   CALLGRIND=0    skip the instruction counts (valgrind)
#
# 1. Side by side, in the same run: gongkai and the Python baseline (XlsxWriter + ReportLab
#    + Jinja2, handed finished documents) render the same COUNT example-sized departments
#    in xlsx + PDF + HTML with 2 processes (`--jobs 2`): `gongkai-synth example-variants`
#    makes the inputs (the example renamed, every amount scaled by one factor) and
#    scripts/bench-models.py makes the baseline's models of the same names and factors.
#    Wall time of each, the ratio, peak memory.
# 2. Per department inside gongkai's batch: PDF, xlsx, HTML (CPU time in the backends) and
#    everything else (the rest of the process's CPU time).
# 3. A fresh process renders the example in all three formats; the example PDF's size.
# 4. The batch again with one input changed, and with nothing changed.
# 5. COUNT big synthetic departments (`gongkai-synth COUNT`: 50–400 lines, 0–40 projects,
#    0–30 units each).
# 6. Instruction counts (callgrind), which do not depend on the machine's load.
# The load average is printed beside each timing: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
count=${1:-1000}
baseline=${BASELINE:-$root/../shared/bench/python-baseline}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

need=()
[ -x /usr/bin/time ] || need+=(time)
if [ "${PYTHON:-1}" != 0 ]; then
  fc-list 2>/dev/null | grep -q "WenQuanYi Micro Hei" || need+=(fonts-wqy-microhei)
  fc-list 2>/dev/null | grep -q "WenQuanYi Zen Hei" || need+=(fonts-wqy-zenhei)
  command -v python3 >/dev/null || need+=(python3 python3-venv)
fi
if [ "${CALLGRIND:-1}" != 0 ]; then command -v valgrind >/dev/null || need+=(valgrind); fi
if [ ${#need[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}" >/dev/null
fi

cargo build --release -q -p gongkai -p gongkai-synth
bin=$root/target/release/gongkai
synth=$root/target/release/gongkai-synth

load() { cut -d' ' -f1-3 /proc/loadavg; }
wall() { grep -E "Elapsed" "$1" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
rss_mb() { grep -E "Maximum resident" "$1" | awk '{printf "%.0f", $NF/1024}'; }
cpu_s() { awk '/User time/ {u=$NF} /System time/ {s=$NF} END {printf "%.2f", u+s}' "$1"; }

echo "== machine"
echo "date $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GB, $(rustc --version)"
echo "load average at start: $(load)"

"$synth" example-variants "$count" "$work/variants" >/dev/null

python_ready=0
if [ "${PYTHON:-1}" != 0 ]; then
  if [ ! -f "$baseline/render.py" ]; then
    echo "no Python baseline at $baseline (set BASELINE=DIR, or PYTHON=0)" >&2
    exit 2
  fi
  venv=$root/target/bench-python/.venv
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install -q -r "$baseline/requirements.txt"
  fi
  export PYTHONDONTWRITEBYTECODE=1
  "$venv/bin/python" scripts/bench-models.py "$baseline" "$work/variants/variants.tsv" "$work/models" >/dev/null
  python_ready=1
fi

echo
echo "== 1. side by side: $count example-sized departments, xlsx + pdf + html, 2 processes"
run_gongkai() {   # run_gongkai NAME: one timed batch into a fresh output directory
  rm -rf "$work/out-$1"
  /usr/bin/time -v "$bin" batch "$work/variants" -o "$work/out-$1" --jobs 2 2>"$work/$1.time" >/dev/null || true
}
echo "load before gongkai: $(load)"
run_gongkai g1
g_wall=$(wall "$work/g1.time")
echo "gongkai batch --jobs 2: wall $g_wall s, CPU $(cpu_s "$work/g1.time") s, peak RSS $(rss_mb "$work/g1.time") MB"
if [ $python_ready = 1 ]; then
  echo "load before Python: $(load)"
  /usr/bin/time -v "$venv/bin/python" "$baseline/render.py" --jobs 2 -o "$work/out-py" \
    --report "$work/py.json" "$work/models" >/dev/null 2>"$work/py.time"
  p_wall=$(wall "$work/py.time")
  echo "Python baseline --jobs 2 (PDF with 目录): wall $p_wall s, CPU $(cpu_s "$work/py.time") s, peak RSS of one process $(rss_mb "$work/py.time") MB"
  echo "load before gongkai again: $(load)"
  run_gongkai g2
  g2_wall=$(wall "$work/g2.time")
  echo "gongkai again: wall $g2_wall s"
  awk -v p="$p_wall" -v a="$g_wall" -v b="$g2_wall" \
    'BEGIN { m = (a < b ? a : b); printf "ratio Python / gongkai: %.1f× (gongkai runs %.2f s and %.2f s, Python %.1f s)\n", p / m, a, b, p }'
  # CPU time (the workers' included) moves less with the machine's load than wall time.
  awk -v p="$(cpu_s "$work/py.time")" -v g="$(cpu_s "$work/g1.time")" -v n="$count" \
    'BEGIN { printf "CPU per department: Python %.1f ms, gongkai %.1f ms; ratio %.1f×\n", p * 1000 / n, g * 1000 / n, p / g }'
fi

echo
echo "== 2. per department inside gongkai's batch (the first run above)"
python3 - "$work/out-g1/summary.json" "$work/g1.time" <<'PY'
import json, re, sys
s = json.load(open(sys.argv[1]))
n = s["generated"]
t = open(sys.argv[2]).read()
cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", t).group(1)) for k in ("User", "System"))
print(f"generated {n}, failed {s['failed']}")
# CPU time of the thread that ran each backend (a backend's own threads, the xlsx writer's
# one per worksheet and the first PDF's second CFF thread, count under everything else),
# and its wall time, which also counts
# the waits for a core that two busy workers and those threads take turns at.
backends = 0.0
cpu_ms = s.get("render_cpu_ms", {})
for fmt, ms in sorted(s["render_ms"].items()):
    c = cpu_ms.get(fmt, 0.0)
    backends += c
    print(f"  {fmt}: {c / n:.2f} ms CPU per department ({ms / n:.2f} ms wall inside the backend)")
print(f"  everything else: {(cpu * 1000 - backends) / n:.2f} ms CPU per department "
      f"(process CPU time {cpu:.2f} s minus the backends': reading, analysis, templates, writing, "
      f"the xlsx writer's worksheet threads)")
PY
du -sh "$work/out-g1" | awk '{print "output size: " $1}'

echo
echo "== 3. fresh process, the example, xlsx + pdf + html (20 runs); load $(load)"
times=()
for _ in $(seq 20); do
  start=$(date +%s%N)
  "$bin" render examples/changji-epmc-2025.yaml -o "$work/example" 2>/dev/null
  end=$(date +%s%N)
  times+=($(( (end - start) / 1000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "min %.1f ms, median %.1f ms\n", a[1]/1000, a[int((NR+1)/2)]/1000}'
stat -c 'example PDF: %s bytes' "$work/example/changji-epmc-2025.pdf"

echo
echo "== 4. the batch again; load $(load)"
printf '\n# 改动一处\n' >>"$work/variants/dept-0001.yaml"
start=$(date +%s%N)
"$bin" batch "$work/variants" -o "$work/out-g1" --jobs 2 2>/dev/null >/dev/null || true
end=$(date +%s%N)
echo "one input changed: wall $(( (end - start) / 1000000 )) ms"
start=$(date +%s%N)
"$bin" batch "$work/variants" -o "$work/out-g1" --jobs 2 2>/dev/null >/dev/null || true
end=$(date +%s%N)
echo "nothing changed: wall $(( (end - start) / 1000000 )) ms"

if [ "${BIG:-1}" != 0 ]; then
  echo
  echo "== 5. $count big synthetic departments, xlsx + pdf + html, --jobs 2; load $(load)"
  "$synth" "$count" "$work/big" >/dev/null
  /usr/bin/time -v "$bin" batch "$work/big" -o "$work/out-big" --jobs 2 2>"$work/big.time" >/dev/null || true
  echo "wall $(wall "$work/big.time") s, CPU $(cpu_s "$work/big.time") s, peak RSS $(rss_mb "$work/big.time") MB"
  python3 - "$work/out-big/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n = s["generated"]
print(f"generated {n}, failed {s['failed']}; CPU " + ", ".join(
    f"{fmt} {ms / n:.2f} ms" for fmt, ms in sorted(s.get("render_cpu_ms", {}).items())) + " per department")
PY
fi

if [ "${CALLGRIND:-1}" != 0 ]; then
  echo
  echo "== 6. instructions (callgrind)"
  count_ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected/ {print $NF}'; }
  ir=$(count_ir "$bin" render examples/changji-epmc-2025.yaml -o "$work/example-ir")
  echo "fresh process, the example, three formats: $ir"
  mkdir -p "$work/twenty"
  cp "$work"/variants/dept-00{0,1}?.yaml "$work/twenty/" 2>/dev/null || true
  n=$(ls "$work/twenty" | wc -l)
  ir=$(count_ir "$bin" batch "$work/twenty" -o "$work/out-twenty" --jobs 1)
  echo "batch of $n example variants, --jobs 1: $ir ($(awk -v i="$ir" -v n="$n" 'BEGIN {printf "%.1f M", i / n / 1e6}') per department, start-up included)"
fi
echo
echo "load average at the end: $(load)"
