#!/usr/bin/env bash
# Visual check of the xlsx backend: print the example's workbook with LibreOffice and
# look at the pages.
#
#   bash scripts/check-xlsx-libreoffice.sh
#
# Installs what it needs (LibreOffice Calc, poppler, Noto CJK; needs root or sudo the
# first time, a few minutes), renders the example's workbook with the release binary,
# converts it to PDF with LibreOffice, checks that every page is A4 or A3 (either way up),
# lists each page's size with the scale its sheet prints at (measured: the width the
# page's text spans, over the width of the sheet's columns at 100 %) and fails if a sheet
# prints below 70 %, and writes one PNG per page at 60 dpi. Everything goes to
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
# Every page is A4 or A3, upright or sideways (the sheets choose), and no sheet is shrunk
# below 70 %. The scale of a page is the width its words span (the 编制部门 line starts at
# the table's left edge, the 单位 line ends at its right edge) over the sheet's width at
# 100 %: its columns' widths as Excel prints them (7-pixel digits plus 5 pixels, 0.75 pt a
# pixel). A page belongs to the sheet named by its first word, the 表号 that every page
# repeats; a page without one is left unmeasured.
pdftotext -bbox "$PDF" "$OUT/$STEM.bbox.html"
mkdir -p "$OUT/sheets"
unzip -o -q "$OUT/$STEM.xlsx" 'xl/workbook.xml' 'xl/worksheets/*.xml' -d "$OUT/sheets"
widths=$(grep -oE '<sheet name="[^"]*"' "$OUT/sheets/xl/workbook.xml" | sed -E 's/<sheet name="([^"]*)"/\1/' |
    { i=0; while read -r name; do
        i=$((i + 1))
        w=$(grep -oE '<col [^>]*>' "$OUT/sheets/xl/worksheets/sheet$i.xml" | awk '
            { match($0, /min="[0-9]+"/); lo = substr($0, RSTART + 5, RLENGTH - 6)
              match($0, /max="[0-9]+"/); hi = substr($0, RSTART + 5, RLENGTH - 6)
              match($0, /width="[0-9.]+"/); w = substr($0, RSTART + 7, RLENGTH - 8)
              total += (hi - lo + 1) * int(w * 7 + 0.5) * 0.75 }
            END { printf "%.1f", total }')
        echo "$name $w"
    done; })
report=$(pdfinfo -f 1 -l "$pages" "$PDF" | awk '/^Page +[0-9]+ size:/ { print $2, $4, $6 }' |
    while read -r page w h; do
        span=$(awk -v page="$page" '
            /<page / { n++ }
            n == page && /<word / {
                split($0, a, "\""); t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*$/, "", t)
                if (first == "") first = t
                if (lo == "" || a[2] < lo) lo = a[2]
                if (a[6] > hi) hi = a[6]
            }
            END { printf "%s %.1f", (first == "" ? "-" : first), hi - lo }' "$OUT/$STEM.bbox.html")
        read -r first printed <<<"$span"
        full=$(echo "$widths" | awk -v name="$first" '$1 == name { print $2 }')
        echo "$page $w $h ${first} ${printed} ${full:-0}"
    done)
echo "page  size (pt)          sheet   scale"
echo "$report" | awk '{ s = ($6 > 0) ? sprintf("%3.0f %%", $5 / $6 * 100) : "  ?"; printf "%4d  %7.1f x %7.1f  %-6s %s\n", $1, $2, $3, $4, s }'
bad=$(echo "$report" | awk '
    function near(a, b) { return a > b - 3 && a < b + 3 }
    {
        w = $2; h = $3
        a4 = (near(w, 595.3) && near(h, 841.9)) || (near(w, 841.9) && near(h, 595.3))
        a3 = (near(w, 841.9) && near(h, 1190.6)) || (near(w, 1190.6) && near(h, 841.9))
        if (!a4 && !a3) print "page " $1 ": " w " x " h " is neither A4 nor A3"
        # The words stop a few points inside the table edges: 1 % of slack.
        if ($6 > 0 && $5 / $6 < 0.69) print "page " $1 ": prints at " int($5 / $6 * 100) " %, below 70 %"
    }')
if [ -n "$bad" ]; then
    echo "$bad" >&2
    exit 1
fi
echo "all pages A4 or A3, no text below 70 %"
pdftotext -layout "$PDF" "$OUT/$STEM.txt"
pdftoppm -r 60 -png "$PDF" "$OUT/page"
ls "$OUT"/page-*.png
