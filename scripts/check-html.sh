#!/usr/bin/env bash
# Visual check of the HTML backend, outside CI: renders the example, prints the HTML to PDF
# with headless Chromium, imports it into LibreOffice Writer (the HTML (StarWriter) filter,
# as a user opening it in an office suite would) and renders both PDFs to PNG pages.
#
#   bash scripts/check-html.sh            # results in out/html-check/
#
# Then checks what a reader would notice: in Chromium's print, a page that ends with a
# heading (a heading alone at a page end); in Writer's, words beyond the page's right
# edge (a wide table clipped), pages without a page number, and the faces, sizes and
# indents Writer gave the headings and body text.
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

# Headings and table titles of the document, one per line.
grep -oE '<(h[1-3])[^>]*>(<a [^>]*></a>)?[^<]*</h[1-3]>|<p class="ttitle"[^>]*>[^<]*</p>' "$html" |
  sed -E 's/<[^>]*>//g' | tr -d ' ' | sort -u >"$out/headings.txt"
echo "== Chromium: pages ending with a heading"
pages=$(pdfinfo "$out/chromium.pdf" | awk '/^Pages:/ {print $2}')
lines() { pdftotext -f "$1" -l "$1" -layout "$out/chromium.pdf" - | tr -d ' \f' | grep -v '^$' | grep -vE '^第[0-9]+页$'; }
# The 目录 lists the headings' texts: its pages run from the one titled 目录 to the page
# before the first that opens with a heading, and a line of it is no heading alone.
toc_from=0 toc_to=0
for p in $(seq 1 "$pages"); do
  if [ "$toc_from" = 0 ] && lines "$p" | grep -qx '目录'; then
    toc_from=$p
  elif [ "$toc_from" != 0 ] && [ "$toc_to" = 0 ] && lines "$p" | head -1 | grep -qxFf "$out/headings.txt"; then
    toc_to=$((p - 1))
  fi
done
echo "目录 on pages $toc_from–$toc_to"
alone=0
for p in $(seq 1 "$pages"); do
  [ "$p" -ge "$toc_from" ] && [ "$p" -le "$toc_to" ] && continue
  last=$(lines "$p" | tail -1)
  if [ -n "$last" ] && grep -qxF "$last" "$out/headings.txt"; then
    echo "page $p ends with the heading $last"
    alone=$((alone + 1))
  fi
done
echo "$alone pages end with a heading"

echo "== LibreOffice Writer: clipped words and page numbers"
pdftotext -bbox "$out/libreoffice.pdf" "$out/libreoffice.bbox.html"
awk '
  /<page / { split($0, a, "\""); width = a[2]; page++ }
  /<word / { split($0, a, "\""); if (a[6] > width - 2) { n++; if (n <= 5) print "page " page ": " $0 } }
  END { print n + 0 " words beyond the right edge" }' "$out/libreoffice.bbox.html"
pages=$(pdfinfo "$out/libreoffice.pdf" | awk '/^Pages:/ {print $2}')
numbered=0
for p in $(seq 1 "$pages"); do
  if pdftotext -f "$p" -l "$p" "$out/libreoffice.pdf" - | tr -d ' ' | grep -qxE "第${p}页"; then
    numbered=$((numbered + 1))
  elif [ "$p" != 1 ]; then
    echo "page $p: no 第 $p 页"
  fi
done
echo "$numbered of $pages pages carry their page number (the cover, page 1, carries none by design)"

echo "== LibreOffice Writer: faces, sizes and indents it gives the text"
soffice --headless --infilter="HTML (StarWriter)" --convert-to odt --outdir "$out/lo" "$html" >/dev/null
unzip -o -q "$out/lo/changji-epmc-2025.odt" styles.xml content.xml -d "$out/lo"
for style in Heading_20_1 Heading_20_2 Heading_20_3; do
  grep -oE "<style:style style:name=\"$style\".{0,900}" "$out/lo/styles.xml" | head -1 |
    grep -oE 'style:font-name(-asian)?="[^"]*"|fo:font-size="[^"]*"|fo:text-indent="[^"]*"' | sort -u |
    tr '\n' ' ' | sed "s/^/$style: /"
  echo
done
grep -oE '<style:style style:name="[^"]*" style:family="paragraph" style:parent-style-name="Text_20_body"[^>]*>.{0,400}' \
  "$out/lo/styles.xml" | grep -oE 'style:display-name="[^"]*"|fo:text-indent="[^"]*"|fo:margin-left="[^"]*"' |
  paste -sd ' ' | fold -w 160
echo "PNG pages in $out/"
