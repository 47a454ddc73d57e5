#!/usr/bin/env bash
# Visual check of the PDF backend, outside CI: renders the example to PDF, reports fonts,
# page sizes and metadata (poppler), and renders every page to PNG for a person to look at.
#
#   bash scripts/check-pdf.sh [--pdf-standard a2b]     # results in out/pdf-check/
#
# Installs poppler-utils if missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/pdf-check
rm -rf "$out" && mkdir -p "$out"
if ! command -v pdftoppm >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=900 update
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y poppler-utils
fi
cargo build --release -q -p gongkai
./target/release/gongkai render examples/changji-epmc-2025.yaml -o "$out" --format pdf "$@"
pdf="$out/changji-epmc-2025.pdf"
pdfinfo "$pdf" | grep -E "Title|Author|CreationDate|Pages|PDF version|File size"
pdffonts "$pdf"
pdfinfo -f 1 -l 999 "$pdf" | grep -E "^Page +[0-9]+ size" | awk '{print $4"x"$6}' | sort | uniq -c
pdftoppm -r 60 -png "$pdf" "$out/page"
echo "PNG pages in $out/"
