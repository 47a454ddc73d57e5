#!/usr/bin/env bash
# Build the CJK fonts that the PDF backend embeds, so that no machine needs
# system fonts: renamed GB2312 subsets of Debian's Noto CJK (SIL OFL 1.1).
#
#   bash scripts/make-fonts.sh
#
# Writes, under fonts/ (and nothing else):
#   GongkaiSerifSC-Regular.otf  body text and tables (宋体 substitute)
#   GongkaiSansSC-Bold.otf      headings, titles and bold text (黑体 substitute)
#   charset.txt                 the code points kept (pyftsubset --unicodes-file format)
#   OFL.txt                     licence with the original copyright lines
#   FONTLOG.md                  sources, versions, commands, sha256, renaming
#
# Steps: install the tools if missing (apt fonts-noto-cjk, pip fonttools), find
# the Simplified Chinese face in each .ttc, build the character set, subset with
# pyftsubset, rename (an OFL Modified Version should not keep the original
# name), verify coverage and names, write OFL.txt and FONTLOG.md.
#
# Idempotent: reruns with the same fonts-noto-cjk and fontTools versions give
# byte-identical files. Needs root (or sudo) only when something must be installed.
# The fontTools logic lives in scripts/make-fonts.py, next to this file.
#
# Environment: PYTHON (default python3), FONTTOOLS_VERSION (default below).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
HELPER=scripts/make-fonts.py
OUT=fonts
NOTO=/usr/share/fonts/opentype/noto
# The committed files were made with these versions. Another fontTools may
# write different (equally valid) bytes, so pin it; the Debian package cannot
# be pinned the same way, so only warn when it differs.
FONTTOOLS_VERSION=${FONTTOOLS_VERSION:-4.68.0}
NOTO_DEB_VERSION=1:20220127+repack1-1
# Files whose characters must all be covered. The reference disclosure is
# outside the repository; when it is absent it is skipped with a warning (its
# characters are all in the fixed set anyway, see FONTLOG.md).
SCAN=(examples/changji-epmc-2025.yaml
      /work/shared/reference/changji-epmc-2025-budget-disclosure.txt)

# output file | source .ttc | family of the face to take | new family | style | role
FONTS=(
  "GongkaiSerifSC-Regular.otf|NotoSerifCJK-Regular.ttc|Noto Serif CJK SC|Gongkai Serif SC|Regular|body text and tables (宋体 substitute)"
  "GongkaiSansSC-Bold.otf|NotoSansCJK-Bold.ttc|Noto Sans CJK SC|Gongkai Sans SC|Bold|headings, titles and bold text (黑体 substitute)"
)

# --- 1. Tools ----------------------------------------------------------------
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if ! dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'ok installed'; then
  # Only when missing: apt-get update is slow and needs the network.
  $SUDO apt-get update
  $SUDO apt-get install -y fonts-noto-cjk
fi
deb_version=$(dpkg-query -W -f='${Version}' fonts-noto-cjk)
if [ "$deb_version" != "$NOTO_DEB_VERSION" ]; then
  echo "warning: fonts-noto-cjk is $deb_version, the committed fonts came from $NOTO_DEB_VERSION;" \
       "outputs will differ" >&2
fi
if ! "$PYTHON" -c "import fontTools, sys; sys.exit(fontTools.version != '$FONTTOOLS_VERSION')" 2>/dev/null; then
  "$PYTHON" -m pip install "fonttools==$FONTTOOLS_VERSION"
fi
# pyftsubset must be the same fontTools as $PYTHON's; run it through $PYTHON's
# bin directory so a stray pyftsubset earlier on PATH is not picked up.
PYFTSUBSET=$("$PYTHON" -c 'import sys, os; print(os.path.join(os.path.dirname(sys.executable), "pyftsubset"))')
[ -x "$PYFTSUBSET" ] || PYFTSUBSET=pyftsubset

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"

# --- 2. Character set ----------------------------------------------------------
# GB2312 (6,763 hanzi + 682 symbols), ASCII, Latin-1, common punctuation blocks,
# a few symbols, and every character of the example files. See make-fonts.py.
"$PYTHON" "$HELPER" charset "$OUT/charset.txt" "${SCAN[@]}"

# --- 3. Subset and rename --------------------------------------------------------
# Options, and why:
#   --layout-features=''  no GSUB/GPOS: the generator does not shape, and the
#                         features pull in JP/KR/TC variants (nearly 2x size)
#   --no-hinting          viewers do not need CFF hints; smaller
#   --name-IDs='*'        keep copyright (0) and licence (13, 14) records, which
#                         pyftsubset drops by default; the OFL requires them
#   --notdef-outline      keep the .notdef box: a missing glyph shows, not a blank
# The cmap is kept (pyftsubset writes the Unicode cmap for the kept characters).
# CFF outlines stay CFF, so the output is an .otf.
OPTS=(--unicodes-file="$OUT/charset.txt" --layout-features='' --no-hinting
      --name-IDs='*' --notdef-outline)

: > "$TMP/manifest.tsv"
for spec in "${FONTS[@]}"; do
  IFS='|' read -r out ttc src_family family style role <<<"$spec"
  src="$NOTO/$ttc"
  [ -f "$src" ] || { echo "error: $src not found" >&2; exit 1; }
  # The .ttc holds JP, KR, SC, TC, HK (and Mono) faces; find SC by its name.
  index=$("$PYTHON" "$HELPER" face "$src" "$src_family")
  base=${out%.otf}

  # Subset twice and keep --desubroutinize only if it gives a smaller file.
  # (Measured: it does not for these fonts; the check keeps that true if
  # fontTools or the sources change.)
  shown=("$PYFTSUBSET" "$src" --font-number="$index" "${OPTS[@]}" --output-file="\$TMP/$base.subset.otf")
  "$PYFTSUBSET" "$src" --font-number="$index" "${OPTS[@]}" --output-file="$TMP/$base.plain.otf"
  "$PYFTSUBSET" "$src" --font-number="$index" "${OPTS[@]}" --desubroutinize --output-file="$TMP/$base.desub.otf"
  size_plain=$(stat -c %s "$TMP/$base.plain.otf")
  size_desub=$(stat -c %s "$TMP/$base.desub.otf")
  if [ "$size_desub" -lt "$size_plain" ]; then
    chosen="$TMP/$base.desub.otf"
    shown+=(--desubroutinize)
  else
    chosen="$TMP/$base.plain.otf"
  fi
  # The command as it would be typed (pyftsubset from PATH, $TMP unexpanded),
  # for FONTLOG.md.
  shown[0]=pyftsubset
  command=$(printf '%q ' "${shown[@]}" | sed -e 's/ $//' -e 's/\\\$TMP/$TMP/g' \
              -e "s/--layout-features= /--layout-features='' /" -e "s/=\\\\\\*/='*'/")

  "$PYTHON" "$HELPER" finish "$src" "$index" "$chosen" "$OUT/$out" "$family" "$style"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$OUT/$out" "$src" "$index" "$family" "$style" \
    "$role" "$command" "$size_plain" "$size_desub" >> "$TMP/manifest.tsv"
done

# --- 4. Licence and FONTLOG -----------------------------------------------------
# The OFL text is taken from Debian's machine-readable copyright file (the
# package ships no separate LICENSE file), the copyright lines from name ID 0.
"$PYTHON" "$HELPER" ofl "$TMP/manifest.tsv" /usr/share/doc/fonts-noto-cjk/copyright "$OUT/OFL.txt"
"$PYTHON" "$HELPER" fontlog "$TMP/manifest.tsv" "$OUT/charset.txt" "$OUT/FONTLOG.md" "${SCAN[@]}"

# --- 5. Verify ---------------------------------------------------------------------
# Names renamed, every charset character the source has is kept, every character
# of the scanned files is covered, outlines unchanged for a sample. Exits 1 on failure.
"$PYTHON" "$HELPER" verify "$TMP/manifest.tsv" "$OUT/charset.txt" "${SCAN[@]}"
ls -l "$OUT"
