#!/usr/bin/env bash
# Proof that two builds print the same document: renders the example and 20 synthetic
# departments to PDF with a before-binary and an after-binary, then compares
#   - every page as an image (poppler pdftoppm, 100 dpi, gray): identical, or how many
#     pixels differ and by how much;
#   - the extracted text (pdftotext): identical, or the differing lines;
#   - the files' structure (qpdf --check) and fonts (pdffonts: embedded subsets with
#     ToUnicode).
# The example is also compared as PDF/A-2b and as a tagged PDF.
#
#   bash scripts/compare-pages.sh BEFORE [AFTER]
#
# BEFORE and AFTER are gongkai binaries or git revisions (built into target/compare/).
# AFTER defaults to this checkout (built with cargo). Results in out/compare-pages/.
# Installs poppler-utils and qpdf if missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/out/compare-pages
rm -rf "$out" && mkdir -p "$out"

need=()
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v qpdf >/dev/null || need+=(qpdf)
if [ ${#need[@]} -gt 0 ]; then
  apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need[@]}" >/dev/null
fi

binary() {   # binary SPEC NAME: a gongkai binary for SPEC (a file, or a git revision)
  if [ -x "$1" ] && [ -f "$1" ]; then
    realpath "$1"
    return
  fi
  local rev tree
  rev=$(git rev-parse --verify "$1^{commit}")
  tree=$root/target/compare/$2-$rev
  if [ ! -x "$tree/target/release/gongkai" ]; then
    # An exported tree, not a git worktree: nothing is registered in the repository.
    rm -rf "$tree" && mkdir -p "$tree"
    git archive "$rev" | tar -x -C "$tree"
    (cd "$tree" && cargo build --release -q -p gongkai) >&2
  fi
  echo "$tree/target/release/gongkai"
}

[ $# -ge 1 ] || { echo "usage: bash scripts/compare-pages.sh BEFORE [AFTER]" >&2; exit 2; }
before=$(binary "$1" before)
if [ $# -ge 2 ]; then
  after=$(binary "$2" after)
else
  cargo build --release -q -p gongkai -p gongkai-synth
  after=$root/target/release/gongkai
fi
cargo build --release -q -p gongkai-synth
"$root/target/release/gongkai-synth" 20 "$out/in" >/dev/null
cp examples/changji-epmc-2025.yaml "$out/in/example.yaml"

render() {   # render BINARY SIDE NAME ARGS...: one PDF into $out/SIDE/NAME.pdf
  local bin=$1 side=$2 name=$3 input=$4
  shift 4
  mkdir -p "$out/$side/tmp-$name"
  "$bin" render "$input" -o "$out/$side/tmp-$name" --format pdf "$@" >/dev/null 2>&1
  mv "$out/$side/tmp-$name"/*.pdf "$out/$side/$name.pdf"
  rmdir "$out/$side/tmp-$name"
}

cases=()
for f in "$out"/in/*.yaml; do
  name=$(basename "$f" .yaml)
  cases+=("$name")
  for side in before after; do
    bin=$before; [ $side = after ] && bin=$after
    render "$bin" $side "$name" "$f"
  done
done
for side in before after; do
  bin=$before; [ $side = after ] && bin=$after
  render "$bin" $side example-a2b "$out/in/example.yaml" --pdf-standard a2b
  render "$bin" $side example-tagged "$out/in/example.yaml" --pdf-tagged
done
cases+=(example-a2b example-tagged)

{
  echo "# Page comparison, $(date -u +%Y-%m-%d)"
  echo "before: $before ($($before --version 2>/dev/null || true))"
  echo "after:  $after"
  echo
} >"$out/report.md"

for name in "${cases[@]}"; do
  for side in before after; do
    mkdir -p "$out/$side/$name.pages"
    pdftoppm -r 100 -gray "$out/$side/$name.pdf" "$out/$side/$name.pages/p"
    pdftotext "$out/$side/$name.pdf" "$out/$side/$name.txt"
  done
  # qpdf exits 0 only without errors or warnings; its last line then says so at length.
  if qpdf --check "$out/after/$name.pdf" >"$out/$name.qpdf.txt" 2>&1; then
    check=clean
  else
    check="not clean: $(grep -m1 -iE 'warning|error' "$out/$name.qpdf.txt")"
  fi
  fonts=$(pdffonts "$out/after/$name.pdf" | awk 'NR > 2 { n++; if ($(NF-4) == "yes" && $(NF-3) == "yes" && $(NF-2) == "yes") ok++ } END { printf "%d fonts, %d embedded subsets with ToUnicode", n, ok }')
  sizes="$(stat -c %s "$out/before/$name.pdf") → $(stat -c %s "$out/after/$name.pdf") bytes"
  text=identical
  if ! cmp -s "$out/before/$name.txt" "$out/after/$name.txt"; then
    text="differs: $(diff "$out/before/$name.txt" "$out/after/$name.txt" | grep -c '^[<>]') lines"
    diff "$out/before/$name.txt" "$out/after/$name.txt" >"$out/$name.text.diff" || true
  fi
  pages=$(python3 - "$out/before/$name.pages" "$out/after/$name.pages" <<'PY'
import os, sys
def pgm(path):
    data = open(path, "rb").read()
    parts, i = [], 0
    while len(parts) < 4:
        while data[i:i+1].isspace(): i += 1
        j = i
        while not data[j:j+1].isspace(): j += 1
        parts.append(data[i:j]); i = j
    return int(parts[1]), int(parts[2]), data[i+1:]
b, a = sys.argv[1], sys.argv[2]
names_b, names_a = sorted(os.listdir(b)), sorted(os.listdir(a))
if len(names_b) != len(names_a):
    print(f"page count differs: {len(names_b)} → {len(names_a)}"); sys.exit()
same, notes = 0, []
for n in names_b:
    wb, hb, db = pgm(os.path.join(b, n)); wa, ha, da = pgm(os.path.join(a, n))
    if (wb, hb) != (wa, ha):
        notes.append(f"{n}: size {wb}x{hb} → {wa}x{ha}"); continue
    if db == da:
        same += 1; continue
    diffs = [abs(x - y) for x, y in zip(db, da) if x != y]
    notes.append(f"{n}: {len(diffs)} of {wb*hb} pixels differ, by at most {max(diffs)}/255")
print(f"{len(names_b)} pages, {same} identical" + ("; " + "; ".join(notes) if notes else ""))
PY
)
  printf -- "- %s: %s; text %s; %s; qpdf: %s; %s\n" "$name" "$pages" "$text" "$fonts" "$check" "$sizes" | tee -a "$out/report.md"
done
echo "report: $out/report.md"
