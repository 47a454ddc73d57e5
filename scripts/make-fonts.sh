#!/usr/bin/env bash
# Build the CJK fonts that the PDF backend embeds, so that no machine needs
# system fonts: renamed subsets of Debian's Noto CJK and LXGW WenKai (SIL OFL 1.1)
# covering GB 18030-2022 implementation level 1 and all of 通用规范汉字表.
#
#   bash scripts/make-fonts.sh
#
# Writes, under fonts/:
#   GongkaiSerifSC-Regular.otf     body text and tables (宋体 substitute): core set
#   GongkaiSerifSCExt-Regular.otf  the same face, the rest of the set
#   GongkaiSansSC-Bold.otf         headings, titles and bold text (黑体 substitute): core
#   GongkaiSansSCExt-Bold.otf      the same face, the rest of the set
#   GongkaiKaiSC-Regular.ttf       second-level headings (楷体 substitute) and the
#                                  built-in fallback for what the others lack: whole set
#   charset.txt                    the code points kept (pyftsubset --unicodes-file
#                                  format), and its split: charset-core.txt, charset-ext.txt
#   OFL.txt                     licence with the original copyright lines
#   FONTLOG.md                  sources, versions, commands, sha256, renaming, coverage
# and under tests/fixtures/fonts/ a two-character test font for the fallback path
# (GongkaiTestFallback-Regular.otf) with its OFL.txt.
#
# Steps: install the tools if missing (apt fonts-noto-cjk, fonts-lxgw-wenkai,
# unicode-data; pip fonttools), find the Simplified Chinese face in each .ttc,
# build the character set, subset with pyftsubset, rename (an OFL Modified
# Version should not keep the original name, nor use a Reserved Font Name),
# verify coverage and names, write OFL.txt and FONTLOG.md.
#
# Idempotent: reruns with the same Debian packages and fontTools version give
# byte-identical files. Needs root (or sudo) only when something must be installed.
# The fontTools logic lives in scripts/make-fonts.py, next to this file.
# Takes about five minutes (pyftsubset on the Noto .ttc files is slow).
#
# Environment: PYTHON (default python3), FONTTOOLS_VERSION (default below).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
HELPER=scripts/make-fonts.py
OUT=fonts
TEST_OUT=tests/fixtures/fonts
NOTO=/usr/share/fonts/opentype/noto
LXGW=/usr/share/fonts/truetype/lxgw-wenkai
# The committed files were made with these versions. Another fontTools may
# write different (equally valid) bytes, so pin it; the Debian packages cannot
# be pinned the same way, so only warn when they differ.
FONTTOOLS_VERSION=${FONTTOOLS_VERSION:-4.68.0}
DEBS=("fonts-noto-cjk=1:20220127+repack1-1" "fonts-lxgw-wenkai=1.250+repack-1" "unicode-data=15.0.0-1")
# Files whose characters must all be covered. The reference disclosure is
# outside the repository; when it is absent it is skipped with a warning (its
# characters are all in the fixed set anyway, see FONTLOG.md).
SCAN=(examples/changji-epmc-2025.yaml
      /work/shared/reference/changji-epmc-2025-budget-disclosure.txt)

# output | source | family of the face to take | new family | style | role | Debian package | kind
# kind: the set a built-in face (embedded by the PDF backend) is cut to: core
# (charset-core.txt), ext (charset-ext.txt) or all (charset.txt); or test (a
# test fixture, cut to the few characters `make-fonts.py testset` names). The
# Noto faces are split in core and ext because per document krilla subsets
# every face it uses at a cost that grows with the face (see make-fonts.py).
FONTS=(
  "$OUT/GongkaiSerifSC-Regular.otf|$NOTO/NotoSerifCJK-Regular.ttc|Noto Serif CJK SC|Gongkai Serif SC|Regular|body text and tables (宋体 substitute)|fonts-noto-cjk|core"
  "$OUT/GongkaiSerifSCExt-Regular.otf|$NOTO/NotoSerifCJK-Regular.ttc|Noto Serif CJK SC|Gongkai Serif SC Ext|Regular|the rest of the set for the serif face|fonts-noto-cjk|ext"
  "$OUT/GongkaiSansSC-Bold.otf|$NOTO/NotoSansCJK-Bold.ttc|Noto Sans CJK SC|Gongkai Sans SC|Bold|headings, titles and bold text (黑体 substitute)|fonts-noto-cjk|core"
  "$OUT/GongkaiSansSCExt-Bold.otf|$NOTO/NotoSansCJK-Bold.ttc|Noto Sans CJK SC|Gongkai Sans SC Ext|Bold|the rest of the set for the sans face|fonts-noto-cjk|ext"
  "$OUT/GongkaiKaiSC-Regular.ttf|$LXGW/LXGWWenKai-Regular.ttf|LXGW WenKai|Gongkai Kai SC|Regular|second-level headings (楷体 substitute); fallback for characters the others lack|fonts-lxgw-wenkai|all"
  "$TEST_OUT/GongkaiTestFallback-Regular.otf|$NOTO/NotoSerifCJK-Regular.ttc|Noto Serif CJK SC|Gongkai Test Fallback|Regular|test fixture: two Extension B characters for the fallback-font tests|fonts-noto-cjk|test"
)

# --- 1. Tools ----------------------------------------------------------------
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
missing=()
for deb in "${DEBS[@]}"; do
  pkg=${deb%%=*}
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Only when missing: apt-get update is slow and needs the network.
  $SUDO apt-get update
  $SUDO apt-get install -y "${missing[@]}"
fi
for deb in "${DEBS[@]}"; do
  pkg=${deb%%=*} want=${deb#*=}
  have=$(dpkg-query -W -f='${Version}' "$pkg")
  if [ "$have" != "$want" ]; then
    echo "warning: $pkg is $have, the committed fonts came from $want; outputs will differ" >&2
  fi
done
if ! "$PYTHON" -c "import fontTools, sys; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
  "$PYTHON" -m pip install "fonttools==$FONTTOOLS_VERSION"
fi
# pyftsubset must be the same fontTools as $PYTHON's; run it through $PYTHON's
# bin directory so a stray pyftsubset earlier on PATH is not picked up.
PYFTSUBSET=$("$PYTHON" -c 'import sys, os; print(os.path.join(os.path.dirname(sys.executable), "pyftsubset"))')
[ -x "$PYFTSUBSET" ] || PYFTSUBSET=pyftsubset

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT" "$TEST_OUT"

# --- 2. Character set ----------------------------------------------------------
# GB 18030-2022 implementation level 1 (one- and two-byte parts, Extension A,
# U+9FA6-U+9FEF), the rest of Extension A, all of 通用规范汉字表, punctuation
# blocks, a few symbols, and every character of the example files. See make-fonts.py.
"$PYTHON" "$HELPER" charset "$OUT" "${SCAN[@]}"
"$PYTHON" "$HELPER" testset "$TMP/testset.txt"

# --- 3. Subset and rename --------------------------------------------------------
# Options, and why:
#   --layout-features=''  no GSUB/GPOS: the generator does not shape, and the
#                         features pull in JP/KR/TC variants (nearly 2x size)
#   --no-hinting          viewers do not need hints; smaller
#   --drop-tables+=...    no vertical metrics: text is set horizontally
#   --name-IDs='*'        keep copyright (0) and licence (13, 14) records, which
#                         pyftsubset drops by default; the OFL requires them
#   --notdef-outline      keep the .notdef box: a missing glyph shows, not a blank
# The cmap is kept (pyftsubset writes the Unicode cmap for the kept characters).
# Outlines keep their kind: CFF stays CFF (.otf), TrueType stays TrueType (.ttf).
OPTS=(--layout-features='' --no-hinting --drop-tables+=vhea,vmtx,VORG --name-IDs='*' --notdef-outline)

: > "$TMP/manifest.tsv"
for spec in "${FONTS[@]}"; do
  IFS='|' read -r out src src_family family style role pkg kind <<<"$spec"
  [ -f "$src" ] || { echo "error: $src not found" >&2; exit 1; }
  # A .ttc holds JP, KR, SC, TC, HK (and Mono) faces; find SC by its name.
  index=$("$PYTHON" "$HELPER" face "$src" "$src_family")
  base=$(basename "${out%.*}")
  ext=${out##*.}
  case $kind in
    core) set_opt=(--unicodes-file="$OUT/charset-core.txt") ;;
    ext) set_opt=(--unicodes-file="$OUT/charset-ext.txt") ;;
    all) set_opt=(--unicodes-file="$OUT/charset.txt") ;;
    test) set_opt=(--unicodes-file="$TMP/testset.txt") ;;
  esac
  shown_set=("${set_opt[@]}")
  [ "$kind" = test ] && shown_set=(--unicodes-file="\$TMP/testset.txt")
  font_opt=()
  [ "${src##*.}" = ttc ] && font_opt=(--font-number="$index")

  shown=("$PYFTSUBSET" "$src" "${font_opt[@]}" "${shown_set[@]}" "${OPTS[@]}" --output-file="\$TMP/$base.subset.$ext")
  "$PYFTSUBSET" "$src" "${font_opt[@]}" "${set_opt[@]}" "${OPTS[@]}" --output-file="$TMP/$base.plain.$ext"
  size_plain=$(stat -c %s "$TMP/$base.plain.$ext")
  chosen="$TMP/$base.plain.$ext"
  size_desub=-
  if [ "$ext" = otf ]; then
    # CFF: subset twice and keep --desubroutinize only if it gives a smaller
    # file. (Measured: it does not for these fonts; the check keeps that true if
    # fontTools or the sources change.)
    "$PYFTSUBSET" "$src" "${font_opt[@]}" "${set_opt[@]}" "${OPTS[@]}" --desubroutinize \
      --output-file="$TMP/$base.desub.$ext"
    size_desub=$(stat -c %s "$TMP/$base.desub.$ext")
    if [ "$size_desub" -lt "$size_plain" ]; then
      chosen="$TMP/$base.desub.$ext"
      shown+=(--desubroutinize)
    fi
  fi
  # The command as it would be typed (pyftsubset from PATH, $TMP unexpanded),
  # for FONTLOG.md.
  shown[0]=pyftsubset
  command=$(printf '%q ' "${shown[@]}" | sed -e 's/ $//' -e 's/\\\$TMP/$TMP/g' \
              -e "s/--layout-features= /--layout-features='' /" -e "s/=\\\\\\*/='*'/" \
              -e 's/\\+=/+=/' -e 's/\\,/,/g')

  "$PYTHON" "$HELPER" finish "$src" "$index" "$chosen" "$out" "$family" "$style"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$out" "$src" "$index" "$family" "$style" \
    "$role" "$command" "$size_plain" "$size_desub" "$pkg" "$kind" >> "$TMP/manifest.tsv"
done

# --- 4. Licence and FONTLOG -----------------------------------------------------
# The OFL text is taken from Debian's machine-readable copyright files (the
# packages ship no separate LICENSE file), the copyright lines from name ID 0.
grep -vP '\ttest$' "$TMP/manifest.tsv" > "$TMP/builtin.tsv"
grep -P '\ttest$' "$TMP/manifest.tsv" > "$TMP/test.tsv"
"$PYTHON" "$HELPER" ofl "$TMP/builtin.tsv" "$OUT/OFL.txt"
"$PYTHON" "$HELPER" ofl "$TMP/test.tsv" "$TEST_OUT/OFL.txt"
"$PYTHON" "$HELPER" fontlog "$TMP/manifest.tsv" "$OUT/charset.txt" "$OUT/FONTLOG.md" "${SCAN[@]}"

# --- 5. Verify ---------------------------------------------------------------------
# Names renamed (no original or reserved name), every charset character the
# source has is kept, the built-in faces together cover every required and
# every scanned character, the test font only what they lack, outlines
# unchanged for a sample. Exits 1 on failure.
"$PYTHON" "$HELPER" verify "$TMP/manifest.tsv" "$OUT/charset.txt" "${SCAN[@]}"
ls -l "$OUT" "$TEST_OUT"
