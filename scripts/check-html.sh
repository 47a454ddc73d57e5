#!/usr/bin/env bash
# Visual check of the HTML backend, outside CI: renders the example, prints the HTML to PDF
# with headless Chromium, imports it into LibreOffice Writer (the HTML (StarWriter) filter,
# as a user opening it in an office suite would) and renders both PDFs to PNG pages.
#
#   bash scripts/check-html.sh            # results in out/html-check/
#
# Installs chromium, libreoffice-writer, poppler-utils and fonts-noto-cjk (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
out=out/html-check
rm -rf "$out" && mkdir -p "$out"

if ! command -v chromium >/dev/null || ! command -v soffice >/dev/null || ! command -v pdftoppm >/dev/null; then
  apt-get -o DPkg::Lock::Timeout=900 update
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y \
    chromium libreoffice-writer poppler-utils fonts-noto-cjk
fi

cargo build --release -q
./target/release/gongkai render examples/changji-epmc-2025.yaml -o "$out" --format html
html="$out/changji-epmc-2025.html"

profile=$(mktemp -d)
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --no-pdf-header-footer \
  --print-to-pdf="$out/chromium.pdf" "file://$PWD/$html" 2>/dev/null
rm -rf "$profile"

soffice --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export \
  --outdir "$out/lo" "$html" >/dev/null
mv "$out/lo/changji-epmc-2025.pdf" "$out/libreoffice.pdf"

for pdf in chromium libreoffice; do
  echo "== $pdf.pdf"
  pdfinfo "$out/$pdf.pdf" | grep -E "Pages|Page size"
  pdftoppm -r 50 -png "$out/$pdf.pdf" "$out/$pdf"
  # Page sizes of every page: portrait text, landscape tables.
  pdfinfo -f 1 -l 999 "$out/$pdf.pdf" | grep -E "^Page +[0-9]+ size" | awk '{print $4"x"$6}' | sort | uniq -c
done
echo "PNG pages in $out/"
