#!/usr/bin/env python3
"""Python half of scripts/make-fonts.sh. Run that script, not this one.

The shell script owns the flow (install tools, run pyftsubset, write files).
This helper does the steps that need fontTools or are awkward in bash:

  charset OUT SCAN_FILE...      build the character set, write it as one line of
                                code point ranges (pyftsubset --unicodes-file format)
  face TTC FAMILY               print the index of the face in TTC whose family is
                                FAMILY (the .ttc holds JP, KR, SC, TC, HK faces)
  finish SRC_TTC INDEX SUBSET OUT FAMILY STYLE
                                rename the subset (OFL: no original name on a
                                Modified Version), pin timestamps, save to OUT
  verify MANIFEST CHARSET SCAN_FILE...   check every output; exit 1 on a problem
  ofl MANIFEST DEBIAN_COPYRIGHT OUT      write fonts/OFL.txt
  fontlog MANIFEST CHARSET OUT SCAN_FILE...   write fonts/FONTLOG.md

MANIFEST is a tab-separated file written by make-fonts.sh, one line per output:
  out_path  src_ttc  face_index  family  style  role  command
  size_without_desubroutinize  size_with_desubroutinize
"""

import hashlib
import os
import subprocess
import sys
import unicodedata

from fontTools import version as fonttools_version
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTCollection, TTFont

# ---------------------------------------------------------------------------
# Character set
# ---------------------------------------------------------------------------

# Fixed ranges on top of GB2312 (inclusive bounds). GB2312 already has most
# CJK punctuation, but Python's codec maps a few of its codes to look-alikes
# (A1AA -> U+2015 rather than U+2014, A1A4 -> U+00B7 rather than U+30FB), so the
# whole blocks are added to catch whichever variant an author types.
FIXED_RANGES = [
    (0x0020, 0x007E, "ASCII"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x2010, 0x2027, "General Punctuation (dashes, quotes, ellipsis)"),
    (0x2030, 0x203B, "General Punctuation (per mille, primes, reference mark)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0xFF01, 0xFF5E, "Fullwidth ASCII forms"),
]
# Single characters common in budget and 公文 text that the blocks above may miss.
EXTRA_CHARS = "≤≥≠±×÷※№℃‰①②③④⑤⑥⑦⑧⑨⑩"


def gb2312_chars():
    """Every valid 2-byte GB2312 code: 6,763 hanzi + 682 symbols = 7,445."""
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode("gb2312"))
            except UnicodeDecodeError:
                pass  # unassigned cell
    return chars


def scan_chars(paths):
    """Printable characters of the scanned files; missing files are skipped
    (the reference disclosure lives outside the repository)."""
    chars, found = set(), []
    for p in paths:
        if not os.path.exists(p):
            print(f"warning: {p} not found, not scanned", file=sys.stderr)
            continue
        found.append(p)
        with open(p, encoding="utf-8") as fh:
            # Control characters (tab, newline) are not drawn, so not needed.
            chars |= {c for c in fh.read() if unicodedata.category(c) != "Cc"}
    return chars, found


def fixed_charset():
    chars = gb2312_chars()
    for lo, hi, _ in FIXED_RANGES:
        chars |= {chr(c) for c in range(lo, hi + 1)}
    chars |= set(EXTRA_CHARS)
    return chars


def to_ranges(codepoints):
    cps = sorted(codepoints)
    out, start = [], cps[0]
    for prev, cur in zip(cps, cps[1:] + [None]):
        if cur != prev + 1:
            out.append(f"U+{start:04X}" if start == prev else f"U+{start:04X}-{prev:04X}")
            start = cur
    return out


def read_charset(path):
    """Parse charset.txt with pyftsubset's own parser, so we check exactly what
    pyftsubset was given."""
    from fontTools.subset import parse_unicodes

    with open(path, encoding="ascii") as fh:
        return set(parse_unicodes(fh.read()))


def cmd_charset(out, *scan):
    fixed = fixed_charset()
    scanned, found = scan_chars(scan)
    allchars = fixed | scanned
    with open(out, "w", encoding="ascii", newline="\n") as fh:
        fh.write(",".join(to_ranges({ord(c) for c in allchars})) + "\n")
    extra = sorted(scanned - fixed)
    print(f"charset: {len(allchars)} code points ({len(fixed)} fixed, "
          f"{len(extra)} more from {len(found)} scanned file(s)"
          + (": " + "".join(extra) if extra else "") + f") -> {out}")


# ---------------------------------------------------------------------------
# Faces and names
# ---------------------------------------------------------------------------

def cmd_face(ttc, family):
    """The .ttc face order is not documented as stable, so look it up by name."""
    coll = TTCollection(ttc, lazy=True)
    hits = [i for i, f in enumerate(coll.fonts)
            if family in (f["name"].getDebugName(16), f["name"].getDebugName(1))]
    if len(hits) != 1:
        sys.exit(f"error: {len(hits)} faces named {family!r} in {ttc}")
    print(hits[0])


def load_face(ttc, index):
    return TTCollection(ttc, lazy=True).fonts[int(index)]


def ps_name(family, style):
    return family.replace(" ", "") + "-" + style


def source_version(face):
    # name ID 5 is "Version 2.001;hotconv ...": keep the number only.
    return face["name"].getDebugName(5).split(";")[0].replace("Version", "").strip()


def read_manifest(path):
    keys = ["out", "src", "index", "family", "style", "role", "command", "size_plain",
            "size_desub"]
    with open(path, encoding="utf-8") as fh:
        return [dict(zip(keys, line.rstrip("\n").split("\t"))) for line in fh if line.strip()]


# Name IDs rewritten on the subset. The rest (0 copyright, 2 subfamily,
# 5 version, 7 trademark, 8-12 credits and URLs, 13-14 licence) are kept: the
# OFL requires the copyright and licence to travel with the font, and the
# version and credits say where it came from.
RENAMED_IDS = (1, 3, 4, 6, 16, 17)


def cmd_finish(src_ttc, index, subset, out, family, style):
    src = load_face(src_ttc, index)
    ps = ps_name(family, style)
    full = f"{family} {style}"

    # recalcTimestamp=False: by default fontTools stamps head.modified with the
    # current time on save, which would make every run produce different bytes.
    font = TTFont(subset, recalcTimestamp=False)

    name = font["name"]
    for nid in RENAMED_IDS:
        name.removeNames(nameID=nid)
    values = {
        1: family,                # legacy family: Regular/Bold are style-linked
        3: f"{source_version(src)};GONGKAI;{ps}",  # unique ID
        4: full,                  # full name
        6: ps,                    # PostScript name: no spaces
        16: family,               # typographic family
        17: style,                # typographic subfamily
    }
    for nid, value in values.items():
        name.setName(value, nid, 3, 1, 0x409)  # Windows Unicode BMP, en-US
    name.setName(style, 2, 3, 1, 0x409)       # unchanged; set again in case it was dropped

    # The CFF table has its own copy of the names. In the Debian .ttc every face
    # shares one CFF table whose names say "NotoSerifCJKjp-Regular" even for SC,
    # and PDF viewers show this name, so rename it too. The OpenType spec wants
    # CFF FontName == name ID 6.
    cff = font["CFF "].cff
    old = cff.fontNames[0]
    cff.fontNames[0] = ps
    top = cff.topDictIndex[0]
    top.FamilyName = family
    top.FullName = full
    for fd in getattr(top, "FDArray", []):
        if hasattr(fd, "FontName"):
            fd.FontName = fd.FontName.replace(old, ps)  # e.g. ...-Regular-Ideographs

    # Pin the timestamps to the source face's (pyftsubset already keeps them;
    # this makes the choice explicit and independent of later steps).
    font["head"].created = src["head"].created
    font["head"].modified = src["head"].modified

    font.save(out)
    print(f"wrote {out} ({os.path.getsize(out):,} bytes)")


# ---------------------------------------------------------------------------
# Verification
# ---------------------------------------------------------------------------

def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fmt_chars(cps):
    return " ".join(f"U+{c:04X} {chr(c)} ({unicodedata.name(chr(c), '?')})" for c in sorted(cps))


def rfn_hits(face):
    """Name records that mention a Reserved Font Name (checks IDs 0 and 13, and
    every other record for good measure)."""
    return [(r.nameID, r.toUnicode()) for r in face["name"].names
            if "reserved font name" in r.toUnicode().lower()]


# Characters whose outlines are compared between source and subset: hanzi,
# Latin, digits and punctuation that the tables use.
SPOT_CHECK = "财政预算单位万元合计基本支出项目Aa019,.%（），、：；“”—"


def cmd_verify(manifest, charset, *scan):
    charset_cps = read_charset(charset)
    scanned, _ = scan_chars(scan)
    scanned_cps = {ord(c) for c in scanned}
    ok = True
    lacking_by_source = {}
    for m in read_manifest(manifest):
        src = load_face(m["src"], m["index"])
        src_cmap = src.getBestCmap()
        font = TTFont(m["out"])
        cmap = font.getBestCmap()
        ps = ps_name(m["family"], m["style"])
        problems = []

        names = {nid: font["name"].getDebugName(nid) for nid in (1, 2, 4, 6, 16, 17)}
        expect = {1: m["family"], 2: m["style"], 4: f"{m['family']} {m['style']}", 6: ps,
                  16: m["family"], 17: m["style"]}
        for nid in expect:
            if names[nid] != expect[nid]:
                problems.append(f"name ID {nid} is {names[nid]!r}, expected {expect[nid]!r}")
        cff = font["CFF "].cff
        if cff.fontNames[0] != ps:
            problems.append(f"CFF FontName is {cff.fontNames[0]!r}")
        leftover = [r for r in font["name"].names
                    if r.nameID in RENAMED_IDS and "noto" in r.toUnicode().lower()]
        leftover += [fd.FontName for fd in getattr(cff.topDictIndex[0], "FDArray", [])
                     if "noto" in getattr(fd, "FontName", "").lower()]
        if leftover:
            problems.append(f"original name left in: {leftover}")

        # Coverage: everything in the charset that the source has must be kept.
        want = charset_cps & set(src_cmap)
        lost = want - set(cmap)
        if lost:
            problems.append(f"{len(lost)} charset characters lost in subsetting: {fmt_chars(lost)}")
        lacking = charset_cps - set(src_cmap)
        lacking_by_source[m["out"]] = lacking
        scan_missing = scanned_cps - set(cmap)

        # Spot check: same advance and outline bounds as in the source.
        gs_src, gs_out = src.getGlyphSet(), font.getGlyphSet()
        for ch in SPOT_CHECK:
            g_src, g_out = src_cmap.get(ord(ch)), cmap.get(ord(ch))
            if g_out is None:
                problems.append(f"spot check: {ch} missing")
                continue
            b_src, b_out = BoundsPen(gs_src), BoundsPen(gs_out)
            gs_src[g_src].draw(b_src)
            gs_out[g_out].draw(b_out)
            if (src["hmtx"][g_src][0] != font["hmtx"][g_out][0]
                    or b_src.bounds != b_out.bounds):
                problems.append(f"spot check: {ch} differs from the source")

        print(f"{m['out']}: {os.path.getsize(m['out']):,} bytes, sha256 {sha256(m['out'])}")
        print(f"  family {names[16]!r} / {names[17]!r}, PostScript {names[6]!r}, "
              f"CFF {cff.fontNames[0]!r}")
        print(f"  {len(font.getGlyphOrder())} glyphs, {len(cmap)} cmap entries; "
              f"{len(want)}/{len(charset_cps)} charset code points in source, all kept: {not lost}")
        print(f"  charset code points the source lacks ({len(lacking)}): {fmt_chars(lacking) or 'none'}")
        print(f"  scanned characters not in this font ({len(scan_missing)}): "
              f"{fmt_chars(scan_missing) or 'none'}")
        for p in problems:
            print(f"  PROBLEM: {p}")
        ok = ok and not problems and not scan_missing

    for path in sorted({m["src"] for m in read_manifest(manifest)}):
        for m in read_manifest(manifest):
            if m["src"] == path:
                hits = rfn_hits(load_face(m["src"], m["index"]))
                print(f"Reserved Font Name in {os.path.basename(path)} face {m['index']}: "
                      f"{hits or 'none'}")
                break
    print(f"Reserved Font Name in the Copyright fields of {DEBIAN_COPYRIGHT}: "
          f"{debian_rfn_lines() or 'none'}")
    print("verify: OK" if ok else "verify: FAILED")
    sys.exit(0 if ok else 1)


# ---------------------------------------------------------------------------
# Licence and FONTLOG
# ---------------------------------------------------------------------------

def debian_license_text(copyright_path, short_name="SIL-1.1"):
    """The stand-alone 'License: SIL-1.1' paragraph of a machine-readable Debian
    copyright file, unescaped (one leading space removed, ' .' = blank line)."""
    with open(copyright_path, encoding="utf-8") as fh:
        paragraphs = fh.read().split("\n\n")
    for para in paragraphs:
        lines = para.split("\n")
        if lines[0].strip() == f"License: {short_name}" and len(lines) > 1:
            body = [("" if l.strip() == "." else l[1:]) for l in lines[1:]]
            return "\n".join(body).strip("\n") + "\n"
    sys.exit(f"error: no 'License: {short_name}' text in {copyright_path}")


def copyright_groups(manifest):
    """Copyright line (name ID 0) -> output files, in manifest order."""
    groups = {}
    for m in read_manifest(manifest):
        face = load_face(m["src"], m["index"])
        key = (face["name"].getDebugName(0), face["name"].getDebugName(13),
               face["name"].getDebugName(14))
        groups.setdefault(key, []).append(m)
    return groups


def cmd_ofl(manifest, debian_copyright, out):
    text = debian_license_text(debian_copyright)
    parts = []
    for (copyright_line, license_desc, license_url), ms in copyright_groups(manifest).items():
        files = ", ".join(os.path.basename(m["out"]) for m in ms)
        face = load_face(ms[0]["src"], ms[0]["index"])
        parts.append(f"{files} (made from {face['name'].getDebugName(1)} "
                     f"{source_version(face)}):\n{copyright_line}\n")
    parts.append(f"{license_desc}\n{license_url}\n")
    parts.append(f"The licence text below is copied from {debian_copyright}\n"
                 "(Debian package fonts-noto-cjk).\n")
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(parts) + "\n" + text)
    print(f"wrote {out}")


def dpkg_version(pkg):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", pkg], check=True,
                          capture_output=True, text=True).stdout


def head_date(seconds):
    import datetime

    return (datetime.datetime(1904, 1, 1) + datetime.timedelta(seconds=seconds)).isoformat() + "Z"


def os_codename():
    # The codename, not /etc/debian_version: point releases do not change the package.
    with open("/etc/os-release", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("VERSION_CODENAME="):
                return line.split("=", 1)[1].strip().strip('"')
    return "unknown"


DEBIAN_COPYRIGHT = "/usr/share/doc/fonts-noto-cjk/copyright"


def debian_rfn_lines():
    """Copyright fields of the Debian copyright file that reserve a name. (The
    licence text itself defines the term, so only the Copyright fields count.)"""
    hits, in_field = [], False
    with open(DEBIAN_COPYRIGHT, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("Copyright:"):
                in_field = True
            elif not line.startswith((" ", "\t")):
                in_field = False
            if in_field and "reserved" in line.lower():
                hits.append(line.strip())
    return hits


def cmd_fontlog(manifest, charset, out, *scan):
    ms = read_manifest(manifest)
    charset_cps = read_charset(charset)
    fixed = {ord(c) for c in fixed_charset()}
    scanned, found = scan_chars(scan)
    extra = sorted({ord(c) for c in scanned} - fixed)
    pkg = dpkg_version("fonts-noto-cjk")
    gb = gb2312_chars()
    hanzi = sum(1 for c in gb if unicodedata.name(c, "").startswith("CJK UNIFIED"))

    L = []
    w = L.append
    w("# FONTLOG for the Gongkai CJK fonts\n")
    w("Generated by `scripts/make-fonts.sh`; do not edit by hand.\n")
    w("These are subsets of Noto Serif CJK SC and Noto Sans CJK SC, renamed as the SIL Open Font "
      "License requires of a Modified Version. The PDF backend embeds them, so a machine needs "
      "no system fonts. Licence: SIL OFL 1.1, see `OFL.txt`. Documents made with the fonts "
      "are not restricted by it; the fonts themselves must not be sold on their own.\n")

    w("## Files\n")
    w("| File | Family / style | Role | Bytes | Glyphs | sha256 |")
    w("|---|---|---|---:|---:|---|")
    for m in ms:
        f = TTFont(m["out"], lazy=True)
        w(f"| `{os.path.basename(m['out'])}` | {m['family']} / {m['style']} | {m['role']} | "
          f"{os.path.getsize(m['out']):,} | {len(f.getGlyphOrder()):,} | `{sha256(m['out'])}` |")
    w("")
    w("All three are CFF-outline OpenType (`.otf`, CID-keyed CFF), without hinting and without "
      "OpenType layout features (GSUB/GPOS are empty): the generator places glyphs through the "
      "cmap and advance widths and does not shape. Keeping the features would pull in the JP/KR/TC "
      "variant glyphs and nearly double the size.\n")

    w("## Sources\n")
    w(f"- Debian package `fonts-noto-cjk` {pkg} (`dpkg-query -W fonts-noto-cjk`), "
      f"Debian {os_codename()}.")
    w(f"- fontTools {fonttools_version} (`pyftsubset` and the renaming step). Other fontTools "
      "versions may give different bytes.\n")
    w("| Output | Source file | Face index | Source family | Source version (name ID 5) | Source sha256 |")
    w("|---|---|---:|---|---|---|")
    for m in ms:
        face = load_face(m["src"], m["index"])
        w(f"| `{os.path.basename(m['out'])}` | `{m['src']}` | {m['index']} | "
          f"{face['name'].getDebugName(1)} {face['name'].getDebugName(2)} | "
          f"{face['name'].getDebugName(5)} | `{sha256(m['src'])}` |")
    w("")
    w("The face index is looked up by family name with fontTools, not assumed.\n")

    w("## Character set\n")
    w(f"`charset.txt` holds one line of code point ranges (`U+XXXX-YYYY`, comma-separated), "
      f"the form pyftsubset reads with `--unicodes-file`. {len(charset_cps):,} code points:\n")
    w(f"- every valid two-byte GB2312 code (lead byte A1–F7, trail A1–FE) decoded with Python's "
      f"`gb2312` codec: {len(gb):,} characters, of them {hanzi:,} hanzi and {len(gb) - hanzi} symbols;")
    for lo, hi, label in FIXED_RANGES:
        w(f"- U+{lo:04X}–U+{hi:04X} {label};")
    w(f"- {EXTRA_CHARS};")
    w("- every printable character of the scanned files: "
      + ", ".join(f"`{p}`" for p in found)
      + (f" (they add {len(extra)} code points beyond the above: {''.join(map(chr, extra))})."
         if extra else " (they add nothing beyond the above)."))
    w("")
    # Group the outputs whose sources lack the same code points.
    lacking_groups = {}
    for m in ms:
        src = load_face(m["src"], m["index"])
        lacking = frozenset(charset_cps - set(src.getBestCmap()))
        lacking_groups.setdefault(lacking, []).append(os.path.basename(m["out"]))
    for lacking, outs in lacking_groups.items():
        w(f"Code points of the set that the source of {', '.join(outs)} lacks, so the subset "
          f"lacks them too ({len(lacking)}): {fmt_chars(lacking) or 'none'}. "
          f"Of these, {len(lacking & {ord(c) for c in gb})} are GB2312 characters and "
          f"{len(lacking & {ord(c) for c in scanned})} occur in the scanned files.\n")
    for m in ms:
        f = TTFont(m["out"], lazy=True)
        beyond = set(f.getBestCmap()) - charset_cps
        if beyond:
            w(f"- {os.path.basename(m['out'])} also maps {len(beyond)} code point(s) outside the "
              f"set: {fmt_chars(beyond)} (pyftsubset adds the Unicode bidi-mirrored "
              "counterparts of kept characters).")
    w("")
    w("Characters outside this set (for example names written with 镕 堃 喆, which are not in "
      "GB2312) are not in the fonts. The generator must check the cmap and fail on a missing "
      "character rather than print a blank; the fallback is the full system Noto CJK "
      "(`apt-get install fonts-noto-cjk`).\n")

    w("## Commands\n")
    w("Each output is made by one pyftsubset run into a temporary file, then renamed with "
      "fontTools (`scripts/make-fonts.py finish`). The exact pyftsubset commands, run from the "
      "repository root (`$TMP` is a temporary directory):\n")
    w("```sh")
    for m in ms:
        w(m["command"])
    w("```\n")
    w("- `--layout-features=''`: no GSUB/GPOS features (see above).")
    w("- `--no-hinting`: PDF viewers rasterise without CFF hints; smaller.")
    w("- `--name-IDs='*'`: keep every English name record, including the copyright (0) and the "
      "licence (13, 14), which pyftsubset drops by default.")
    w("- `--notdef-outline`: keep the .notdef box so a missing glyph shows up instead of a blank.")
    w("- `--desubroutinize` is used only where it makes the file smaller. pyftsubset output "
      "sizes (bytes, before renaming) without / with it: " + "; ".join(
          f"{os.path.basename(m['out'])} {int(m['size_plain']):,} / {int(m['size_desub']):,}"
          for m in ms) + ".")
    w("- the cmap is kept as pyftsubset writes it (Unicode BMP, format 4); only Unicode cmaps "
      "are kept.\n")

    w("## Renaming\n")
    w("| Name ID | Meaning | New value (example: Serif Regular) |")
    w("|---:|---|---|")
    m0 = ms[0]
    ps0 = ps_name(m0["family"], m0["style"])
    src0 = load_face(m0["src"], m0["index"])
    for nid, label, value in [
        (1, "family", m0["family"]),
        (3, "unique ID", f"{source_version(src0)};GONGKAI;{ps0}"),
        (4, "full name", f"{m0['family']} {m0['style']}"),
        (6, "PostScript name", ps0),
        (16, "typographic family", m0["family"]),
        (17, "typographic subfamily", m0["style"]),
    ]:
        w(f"| {nid} | {label} | `{value}` |")
    w("")
    w("Outputs: " + "; ".join(
        f"`{os.path.basename(m['out'])}` = {m['family']} / {m['style']}, PostScript "
        f"`{ps_name(m['family'], m['style'])}`" for m in ms) + ".\n")
    w("- The CFF table's own names are renamed the same way: FontName = the PostScript name, "
      "FamilyName, FullName, and the FDArray font names (`<PostScript name>-Ideographs` etc.). "
      "In the Debian .ttc these said `NotoSerifCJKjp-…` even for the SC face.")
    w("- Kept from the source: name IDs 0 (copyright), 2 (subfamily), 5 (version), 7 (trademark "
      "notice), 8–12 (manufacturer, designers, description, URLs), 13–14 (licence), the CFF "
      "Notice, and OS/2 values such as the vendor ID. Localized (zh-CN) and Macintosh name "
      "records are dropped by pyftsubset.")
    rfn = []
    for m in ms:
        rfn += rfn_hits(load_face(m["src"], m["index"]))
    w("- Reserved Font Name: the sources' name table was searched for \"Reserved Font Name\" "
      "(name IDs 0 and 13, and every other record) and "
      + ("found: " + repr(rfn) if rfn else "none is declared")
      + ("; the Copyright fields of Debian's copyright file declare none either"
         if not debian_rfn_lines()
         else f"; NOTE: Debian's copyright file has {debian_rfn_lines()!r}")
      + ". The new names use neither \"Noto\" "
      "nor \"Source\" (which Adobe reserves for its Source Han releases), so no reserved name "
      "is used in any case.")
    heads = {m["out"]: load_face(m["src"], m["index"])["head"] for m in ms}
    w("- Timestamps: `head.created` and `head.modified` are pinned to the source face's values ("
      + "; ".join(f"{os.path.basename(o)}: {head_date(h.modified)}" for o, h in heads.items())
      + ") so that reruns give byte-identical files.\n")

    w("## Regenerating\n")
    w("```sh\nbash scripts/make-fonts.sh\n```\n")
    w("It installs `fonts-noto-cjk` (apt) and the pinned fontTools (pip) if missing, rebuilds "
      "`charset.txt`, the three fonts, `OFL.txt` and this file, and verifies the result. With "
      "the same package and fontTools versions the outputs are byte-identical; check with "
      "`sha256sum fonts/*.otf` against the table above.")
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(L) + "\n")
    print(f"wrote {out}")


COMMANDS = {
    "charset": cmd_charset,
    "face": cmd_face,
    "finish": cmd_finish,
    "verify": cmd_verify,
    "ofl": cmd_ofl,
    "fontlog": cmd_fontlog,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
