#!/usr/bin/env bash
# Visual check of the xlsx backend: print the example's workbook with LibreOffice and
# look at the pages.
#
#   bash scripts/check-xlsx-libreoffice.sh
#
# Installs what it needs (LibreOffice Calc, poppler, Noto CJK; needs root or sudo the
# first time, a few minutes), renders the example's workbook with the release binary,
# converts it to PDF with LibreOffice, checks that every page is A4 landscape and writes
# one PNG per page at 60 dpi. Everything goes to out/xlsx-check/ (git-ignored):
#
#   changji-epmc-2025.xlsx   the workbook
#   changji-epmc-2025.pdf    LibreOffice's print of it, one or more pages per sheet
#   page-NN.png              the pages, to look at
#
# 宋体 and 黑体 do not exist on Linux; a private fontconfig file (not the system's) maps
# them to Noto Serif CJK SC and Noto Sans CJK SC, so the print shows Simplified Chinese
# glyphs in the intended styles. Not part of scripts/test.sh: the test suite needs no
# LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=out/xlsx-check
STEM=changji-epmc-2025

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# (No `fc-list | grep -q` here: under pipefail grep's early exit would fail the pipe.)
if ! command -v soffice >/dev/null || ! command -v pdfinfo >/dev/null \
    || [ -z "$(fc-list 'Noto Serif CJK SC' family)" ]; then
    as_root apt-get update
    # Another installation may hold the dpkg lock: wait for it instead of failing.
    as_root apt-get install -y -o DPkg::Lock::Timeout=900 --no-install-recommends \
        libreoffice-calc poppler-utils fonts-noto-cjk fontconfig
fi

rm -rf "$OUT"
mkdir -p "$OUT"
cargo run --release -q -- render "examples/$STEM.yaml" -o "$OUT" --format xlsx

# Font aliases for this run only.
cat >"$OUT/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimHei</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
EOF
export FONTCONFIG_FILE="$PWD/$OUT/fonts.conf"
echo "宋体 -> $(fc-match 宋体)"
echo "黑体 -> $(fc-match 黑体)"

# A private LibreOffice profile: no first-start dialogs, no clash with a running instance.
soffice --headless -env:UserInstallation="file://$PWD/$OUT/profile" \
    --convert-to pdf --outdir "$OUT" "$OUT/$STEM.xlsx" >/dev/null
PDF="$OUT/$STEM.pdf"
test -s "$PDF" || { echo "LibreOffice wrote no PDF" >&2; exit 1; }

pages=$(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}')
echo "$pages pages"
# Every page must be A4 landscape: 841.89 x 595.28 pt (297 x 210 mm).
bad=$(pdfinfo -f 1 -l "$pages" "$PDF" | awk '
    /^Page +[0-9]+ size:/ {
        w = $4; h = $6
        if (w < 840 || w > 844 || h < 594 || h > 597) print "page " $2 ": " w " x " h
    }')
if [ -n "$bad" ]; then
    echo "pages that are not A4 landscape:" >&2
    echo "$bad" >&2
    exit 1
fi
echo "all pages A4 landscape"
pdftotext -layout "$PDF" "$OUT/$STEM.txt"
pdftoppm -r 60 -png "$PDF" "$OUT/page"
ls "$OUT"/page-*.png
