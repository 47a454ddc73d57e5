#!/usr/bin/env bash
# Visual check of the xlsx backend: print the example's workbook with LibreOffice and
# look at the pages.
#
#   bash scripts/check-xlsx-libreoffice.sh
#
# Installs what it needs (LibreOffice Calc, poppler, Noto CJK; needs root or sudo the
# first time, a few minutes), renders the example's workbook with the release binary,
# converts it to PDF with LibreOffice, checks that every page is A4 or A3 (either way up),
# lists each page's size with the scale its text prints at (measured: a word of 10 pt
# grid text has a box 13 pt high at 100 %) and fails if a sheet prints below 70 %, and
# writes one PNG per page at 60 dpi. Everything goes to
# out/xlsx-check/ (git-ignored):
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
# Every page is A4 or A3, upright or sideways (the sheets choose), and its text is not
# shrunk below 70 %: the median word box of a page of 10 pt grid text (宋体 as Noto Serif
# CJK) is 13 pt high at 100 %, 9.1 pt at 70 %.
pdftotext -bbox-layout "$PDF" "$OUT/$STEM.bbox.html"
report=$(pdfinfo -f 1 -l "$pages" "$PDF" | awk '/^Page +[0-9]+ size:/ { print $2, $4, $6 }' |
    while read -r page w h; do
        height=$(awk -v page="$page" '
            /<page / { n++ }
            n == page && /<word / {
                split($0, a, "\""); h[++k] = a[8] - a[4]
            }
            END {
                if (k == 0) { print 0; exit }
                # Median word height (insertion sort: pages hold a few hundred words).
                for (i = 2; i <= k; i++) { v = h[i]; for (j = i - 1; j > 0 && h[j] > v; j--) h[j + 1] = h[j]; h[j + 1] = v }
                printf "%.1f", h[int((k + 1) / 2)]
            }' "$OUT/$STEM.bbox.html")
        echo "$page $w $h $height"
    done)
echo "page  size (pt)          scale"
echo "$report" | awk '{ printf "%4d  %7.1f x %7.1f  %4.0f %%\n", $1, $2, $3, $4 / 13 * 100 }'
bad=$(echo "$report" | awk '
    function near(a, b) { return a > b - 3 && a < b + 3 }
    {
        w = $2; h = $3
        a4 = (near(w, 595.3) && near(h, 841.9)) || (near(w, 841.9) && near(h, 595.3))
        a3 = (near(w, 841.9) && near(h, 1190.6)) || (near(w, 1190.6) && near(h, 841.9))
        if (!a4 && !a3) print "page " $1 ": " w " x " h " is neither A4 nor A3"
        if ($4 > 0 && $4 < 9.1) print "page " $1 ": prints at " int($4 / 13 * 100) " %, below 70 %"
    }')
if [ -n "$bad" ]; then
    echo "$bad" >&2
    exit 1
fi
echo "all pages A4 or A3, no text below 70 %"
pdftotext -layout "$PDF" "$OUT/$STEM.txt"
pdftoppm -r 60 -png "$PDF" "$OUT/page"
ls "$OUT"/page-*.png
