#!/usr/bin/env python3
"""Python half of scripts/make-fonts.sh. Run that script, not this one.

The shell script owns the flow (install tools, run pyftsubset, write files).
This helper does the steps that need fontTools or are awkward in bash:

  charset DIR SCAN_FILE...      build the character sets, write DIR/charset.txt (all),
                                DIR/charset-core.txt and DIR/charset-ext.txt (the split
                                of it, see CORE below), each as one line of code point
                                ranges (pyftsubset --unicodes-file format)
  testset OUT                   the characters of the test fallback font, same format
  face SRC FAMILY               print the index of the face in SRC (a .ttc holds JP,
                                KR, SC, TC, HK faces) whose family is FAMILY
  finish SRC INDEX SUBSET OUT FAMILY STYLE
                                rename the subset (OFL: no original or reserved name
                                on a Modified Version), pin timestamps, save to OUT
  verify MANIFEST CHARSET SCAN_FILE...   check every output; exit 1 on a problem
  ofl MANIFEST OUT              write the OFL.txt for the outputs of MANIFEST
  fontlog MANIFEST CHARSET OUT SCAN_FILE...   write fonts/FONTLOG.md

MANIFEST is a tab-separated file written by make-fonts.sh, one line per output:
  out_path  src  face_index  family  style  role  command
  size_without_desubroutinize  size_with_desubroutinize  debian_package  kind
where kind says which set the output is cut to: "core", "ext" or "all" (the
built-in faces, embedded in the PDF backend) or "test" (a test fixture).

CORE: the Noto faces are each split in two, a core face (GB2312, the symbol
blocks and the scanned files: what nearly every document uses) and an extension
face (the rest of the set). Per document, krilla subsets every face it uses, and
the cost of subsetting a CFF face grows with the face (its subroutine tables),
not only with the glyphs used; so an ordinary document pays for the core faces
only, as before the set grew.
"""

import bz2
import glob
import hashlib
import os
import re
import subprocess
import sys
import unicodedata

from fontTools import version as fonttools_version
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTCollection, TTFont

# ---------------------------------------------------------------------------
# Character set
# ---------------------------------------------------------------------------

# GB 18030-2022 implementation level 1 is: the one-byte part, the whole two-byte
# part, and of the four-byte part CJK Unified Ideographs Extension A and the
# ideographs U+9FA6..U+9FEF. Python's gb18030 codec decodes the two-byte part
# with the GB 18030-2000 table, which differs from the 2022 one in 19 codes
# that it maps to the Private Use Area; those are added by their 2022 code
# points below (the codec's PUA results are dropped: a PUA code point is no
# character a font must have).
GB18030_2005_FIX = {0xA8BC: 0x1E3F}  # ḿ: PUA U+E7C7 in 2000, U+1E3F since 2005
# The 18 codes that GB 18030-2022 moved from the PUA to their Unicode characters:
# ten vertical punctuation forms and eight ideographs (in the two-byte FE row).
GB18030_2022_MOVED = list(range(0xFE10, 0xFE1A)) + list(range(0x9FB4, 0x9FBC))
GB18030_L1_FOUR_BYTE = [
    (0x3400, 0x4DB5, "CJK Unified Ideographs Extension A (as of ISO/IEC 10646:2017)"),
    (0x9FA6, 0x9FEF, "CJK Unified Ideographs U+9FA6..U+9FEF (new in level 1 of the 2022 edition)"),
]
# Beyond level 1, on purpose:
#  - the rest of Extension A (U+4DB6..U+4DBF, Unicode 13), so the whole block is covered;
#  - every character of 通用规范汉字表 (the 2013 table of general standard Chinese
#    characters, which names are registered from); 196 of its 8,105 lie outside the BMP.
EXT_A_REST = (0x4DB6, 0x4DBF, "CJK Unified Ideographs Extension A, rest of the block (Unicode 13)")
UNIHAN_GLOB = "/usr/share/unicode/Unihan_*.txt.bz2"  # Debian package unicode-data

# Fixed ranges on top (inclusive bounds): punctuation blocks whole, so that
# whichever variant an author types (Python's codec maps a few GB codes to
# look-alikes, e.g. A1AA -> U+2015 rather than U+2014) is there.
FIXED_RANGES = [
    (0x0020, 0x007E, "ASCII"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x2010, 0x2027, "General Punctuation (dashes, quotes, ellipsis)"),
    (0x2030, 0x203B, "General Punctuation (per mille, primes, reference mark)"),
    (0x2460, 0x2473, "Circled numbers ①–⑳ (GB 18030's two-byte part has ①–⑩ only)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3280, 0x3289, "Circled ideographs ㊀–㊉"),
    (0xFF01, 0xFF5E, "Fullwidth ASCII forms"),
]
# Single characters common in budget and 公文 text that the sets above may miss.
EXTRA_CHARS = "≤≥≠±×÷※№℃‰㎡㎥㎢・"

# The test fallback font: characters outside the built-in set (Extension B,
# not in 通用规范汉字表), so that a test can show they come from the fallback.
TEST_CHARS = "𠮷𡈽"


def two_byte_gb18030():
    """Every two-byte GB 18030 code (lead 81-FE, trail 40-7E and 80-FE) that
    decodes to a character outside the Private Use Area."""
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)):
            code = lead << 8 | trail
            if code in GB18030_2005_FIX:
                chars.add(GB18030_2005_FIX[code])
                continue
            try:
                c = bytes([lead, trail]).decode("gb18030")
            except UnicodeDecodeError:
                continue
            if len(c) == 1 and not 0xE000 <= ord(c) <= 0xF8FF:
                chars.add(ord(c))
    return chars


def gb18030_level1():
    """GB 18030-2022 implementation level 1, as code points, by part."""
    parts = [
        ("one-byte part: ASCII U+0020–U+007E (control codes need no glyph)", set(range(0x20, 0x7F))),
        ("two-byte part: every code decoded with Python's gb18030 codec, Private Use Area results "
         "dropped, A8BC as U+1E3F (GB 18030-2005)", two_byte_gb18030()),
        ("two-byte part: the 18 codes GB 18030-2022 moved out of the Private Use Area "
         "(U+FE10–U+FE19, U+9FB4–U+9FBB)", set(GB18030_2022_MOVED)),
    ]
    for lo, hi, label in GB18030_L1_FOUR_BYTE:
        parts.append((f"four-byte part: U+{lo:04X}–U+{hi:04X} {label}", set(range(lo, hi + 1))))
    return parts


def tgh_chars():
    """通用规范汉字表 (Unihan kTGH), from Debian's unicode-data package."""
    chars = set()
    for path in sorted(glob.glob(UNIHAN_GLOB)):
        with bz2.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                fields = line.rstrip("\n").split("\t")
                if len(fields) == 3 and fields[1] == "kTGH":
                    chars.add(int(fields[0][2:], 16))
    if len(chars) != 8105:
        sys.exit(f"error: {len(chars)} kTGH characters in {UNIHAN_GLOB}, expected 8,105")
    return chars


def level1_set():
    out = set()
    for _, part in gb18030_level1():
        out |= part
    return out


def required_set():
    """Everything the built-in faces together must cover: a gap here fails the build."""
    lo, hi, _ = EXT_A_REST
    return level1_set() | set(range(lo, hi + 1)) | tgh_chars()


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
            chars |= {ord(c) for c in fh.read() if unicodedata.category(c) != "Cc"}
    return chars, found


def gb2312_chars():
    """Every valid 2-byte GB2312 code: 6,763 hanzi + 682 symbols = 7,445."""
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([lead, trail]).decode("gb2312")))
            except UnicodeDecodeError:
                pass  # unassigned cell
    return chars


def symbol_chars():
    chars = set()
    for lo, hi, _ in FIXED_RANGES:
        chars |= set(range(lo, hi + 1))
    return chars | {ord(c) for c in EXTRA_CHARS}


def fixed_charset():
    return required_set() | symbol_chars()


def core_charset(scanned):
    """What the core faces hold: GB2312, the symbols, the scanned files."""
    return gb2312_chars() | symbol_chars() | scanned


def sets_by_kind(charset_path):
    """Code points each kind of output is cut to, read back from the files."""
    d = os.path.dirname(charset_path)
    return {"all": read_charset(charset_path),
            "core": read_charset(os.path.join(d, "charset-core.txt")),
            "ext": read_charset(os.path.join(d, "charset-ext.txt")),
            "test": {ord(c) for c in TEST_CHARS}}


def to_ranges(codepoints):
    cps = sorted(codepoints)
    out, start = [], cps[0]
    for prev, cur in zip(cps, cps[1:] + [None]):
        if cur != prev + 1:
            out.append(f"U+{start:04X}" if start == prev else f"U+{start:04X}-{prev:04X}")
            start = cur
    return out


def write_ranges(out, cps):
    with open(out, "w", encoding="ascii", newline="\n") as fh:
        fh.write(",".join(to_ranges(cps)) + "\n")


def read_charset(path):
    """Parse a charset file with pyftsubset's own parser, so we check exactly what
    pyftsubset was given."""
    from fontTools.subset import parse_unicodes

    with open(path, encoding="ascii") as fh:
        return set(parse_unicodes(fh.read()))


def cmd_charset(out_dir, *scan):
    fixed = fixed_charset()
    scanned, found = scan_chars(scan)
    allchars = fixed | scanned
    core = core_charset(scanned)
    write_ranges(os.path.join(out_dir, "charset.txt"), allchars)
    write_ranges(os.path.join(out_dir, "charset-core.txt"), core)
    write_ranges(os.path.join(out_dir, "charset-ext.txt"), allchars - core)
    extra = sorted(scanned - fixed)
    print(f"charset: {len(allchars)} code points ({len(fixed)} fixed, "
          f"{len(extra)} more from {len(found)} scanned file(s)"
          + (": " + "".join(map(chr, extra)) if extra else "")
          + f"), {len(core)} of them core -> {out_dir}/charset*.txt")


def cmd_testset(out):
    write_ranges(out, {ord(c) for c in TEST_CHARS})


# ---------------------------------------------------------------------------
# Faces and names
# ---------------------------------------------------------------------------

def load_face(src, index):
    if src.endswith(".ttc"):
        return TTCollection(src, lazy=True).fonts[int(index)]
    return TTFont(src, lazy=True, fontNumber=-1)


def cmd_face(src, family):
    """The .ttc face order is not documented as stable, so look it up by name."""
    faces = TTCollection(src, lazy=True).fonts if src.endswith(".ttc") else [TTFont(src, lazy=True)]
    hits = [i for i, f in enumerate(faces)
            if family in (f["name"].getDebugName(16), f["name"].getDebugName(1))]
    if len(hits) != 1:
        sys.exit(f"error: {len(hits)} faces named {family!r} in {src}")
    print(hits[0])


def ps_name(family, style):
    return family.replace(" ", "") + "-" + style


def source_version(face):
    # name ID 5 is "Version 2.001;hotconv ...": keep the number only.
    return face["name"].getDebugName(5).split(";")[0].replace("Version", "").strip()


def read_manifest(path):
    keys = ["out", "src", "index", "family", "style", "role", "command", "size_plain",
            "size_desub", "pkg", "kind"]
    with open(path, encoding="utf-8") as fh:
        return [dict(zip(keys, line.rstrip("\n").split("\t"))) for line in fh if line.strip()]


def is_cff(font):
    return "CFF " in font


# Name IDs rewritten on the subset. The rest (0 copyright, 2 subfamily,
# 5 version, 7 trademark, 8-12 credits and URLs, 13-14 licence) are kept: the
# OFL requires the copyright and licence to travel with the font, and the
# version and credits say where it came from.
RENAMED_IDS = (1, 3, 4, 6, 16, 17)


def cmd_finish(src_path, index, subset, out, family, style):
    src = load_face(src_path, index)
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

    if is_cff(font):
        # The CFF table has its own copy of the names. In the Debian .ttc every
        # face shares one CFF table whose names say "NotoSerifCJKjp-Regular" even
        # for SC, and PDF viewers show this name, so rename it too. The OpenType
        # spec wants CFF FontName == name ID 6.
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
# Licences: reserved names
# ---------------------------------------------------------------------------

def debian_copyright(pkg):
    return f"/usr/share/doc/{pkg}/copyright"


def debian_rfn_lines(pkg):
    """Lines of a Debian copyright file that reserve a name, outside the
    stand-alone licence paragraphs (the licence text itself defines the term, so
    it does not count; a Files paragraph's Comment may declare names)."""
    with open(debian_copyright(pkg), encoding="utf-8") as fh:
        paragraphs = fh.read().split("\n\n")
    return [line.strip() for para in paragraphs if not para.startswith("License:")
            for line in para.split("\n") if "reserved font name" in line.lower()]


def reserved_names(pkg, face):
    """Reserved Font Names declared for a source: quoted names on the Debian
    copyright file's reserving lines, and in the font's own name records."""
    names = set()
    for line in debian_rfn_lines(pkg):
        names |= set(re.findall(r'"([^"]+)"', line))
    for _, text in rfn_hits(face):
        names |= set(re.findall(r'"([^"]+)"', text))
    return sorted(names)


def rfn_hits(face):
    """Name records that mention a Reserved Font Name (checks IDs 0 and 13, and
    every other record for good measure)."""
    return [(r.nameID, r.toUnicode()) for r in face["name"].names
            if "reserved font name" in r.toUnicode().lower()]


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


def fmt_short(cps):
    return " ".join(f"U+{c:04X} {chr(c)}" for c in sorted(cps))


# Characters whose outlines are compared between source and subset: hanzi,
# Latin, digits and punctuation that the tables use.
SPOT_CHECK = "财政预算单位万元合计基本支出项目Aa019,.%（），、：；“”—"
# Words of the sources' names that a renamed face must not carry (OFL: a
# Modified Version should not keep the original name; reserved names are added
# from the licences).
SOURCE_WORDS = ("noto", "source han", "lxgw", "wenkai")


# Spot check characters of the extension faces (not in GB2312).
SPOT_CHECK_EXT = "堃玥昇镕喆㐀龦𫖯"


def is_builtin(m):
    return m["kind"] != "test"


def cmd_verify(manifest, charset, *scan):
    sets = sets_by_kind(charset)
    scanned, _ = scan_chars(scan)
    ms = read_manifest(manifest)
    ok = True
    builtin_union = set()
    for m in ms:
        src = load_face(m["src"], m["index"])
        src_cmap = src.getBestCmap()
        font = TTFont(m["out"])
        cmap = font.getBestCmap()
        if is_builtin(m):
            builtin_union |= set(cmap)
        ps = ps_name(m["family"], m["style"])
        problems = []
        want_set = sets[m["kind"]]

        names = {nid: font["name"].getDebugName(nid) for nid in (1, 2, 4, 6, 16, 17)}
        expect = {1: m["family"], 2: m["style"], 4: f"{m['family']} {m['style']}", 6: ps,
                  16: m["family"], 17: m["style"]}
        for nid in expect:
            if names[nid] != expect[nid]:
                problems.append(f"name ID {nid} is {names[nid]!r}, expected {expect[nid]!r}")
        forbidden = list(SOURCE_WORDS) + [n.lower() for n in reserved_names(m["pkg"], src)]
        leftover = [r.toUnicode() for r in font["name"].names
                    if r.nameID in RENAMED_IDS and any(w in r.toUnicode().lower() for w in forbidden)]
        if is_cff(font):
            cff = font["CFF "].cff
            if cff.fontNames[0] != ps:
                problems.append(f"CFF FontName is {cff.fontNames[0]!r}")
            top = cff.topDictIndex[0]
            leftover += [fd.FontName for fd in getattr(top, "FDArray", [])
                         if any(w in getattr(fd, "FontName", "").lower() for w in forbidden)]
            leftover += [v for v in (cff.fontNames[0], getattr(top, "FamilyName", ""),
                                     getattr(top, "FullName", ""))
                         if any(w in v.lower() for w in forbidden)]
        if leftover:
            problems.append(f"original or reserved name left in: {leftover}")

        # Coverage: everything in the set that the source has must be kept.
        want = want_set & set(src_cmap)
        lost = want - set(cmap)
        if lost:
            problems.append(f"{len(lost)} charset characters lost in subsetting: {fmt_chars(lost)}")
        lacking = want_set - set(src_cmap)
        if m["kind"] == "test" and lacking:
            problems.append(f"the test font's source lacks {fmt_chars(lacking)}")

        # Spot check: same advance and outline bounds as in the source.
        gs_src, gs_out = src.getGlyphSet(), font.getGlyphSet()
        spot = {"ext": SPOT_CHECK_EXT, "test": TEST_CHARS}.get(m["kind"], SPOT_CHECK)
        for ch in spot:
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
        print(f"  family {names[16]!r} / {names[17]!r}, PostScript {names[6]!r}")
        print(f"  {len(font.getGlyphOrder())} glyphs, {len(cmap)} cmap entries; "
              f"{len(want)}/{len(want_set)} wanted code points in source, all kept: {not lost}")
        print(f"  wanted code points the source lacks ({len(lacking)}): "
              f"{(fmt_short(lacking) or 'none') if len(lacking) <= 40 else f'{len(lacking)}, see FONTLOG.md'}")
        print(f"  reserved font names of the source: {reserved_names(m['pkg'], src) or 'none'}")
        for p in problems:
            print(f"  PROBLEM: {p}")
        ok = ok and not problems

    # The built-in faces together (the PDF backend falls back from one to the
    # next) must cover every required character and every scanned one.
    gap = (required_set() | scanned) - builtin_union
    print(f"required code points (GB 18030-2022 level 1, the rest of Extension A, "
          f"通用规范汉字表): {len(required_set()):,}; none of the built-in faces has "
          f"({len(gap)}): {fmt_chars(gap) or 'none'}")
    # The test font must draw only what the built-in faces lack, or its test shows nothing.
    for m in ms:
        if m["kind"] == "test":
            overlap = set(TTFont(m["out"]).getBestCmap()) & builtin_union & {ord(c) for c in TEST_CHARS}
            if overlap:
                print(f"  PROBLEM: the built-in faces already have {fmt_chars(overlap)}")
                ok = False
    ok = ok and not gap
    print("verify: OK" if ok else "verify: FAILED")
    sys.exit(0 if ok else 1)


# ---------------------------------------------------------------------------
# Licence and FONTLOG
# ---------------------------------------------------------------------------

def debian_license_text(copyright_path, short_names=("SIL-1.1", "OFL-1.1")):
    """The stand-alone 'License: SIL-1.1' (or OFL-1.1) paragraph of a
    machine-readable Debian copyright file, unescaped (one leading space removed,
    ' .' = blank line)."""
    with open(copyright_path, encoding="utf-8") as fh:
        paragraphs = fh.read().split("\n\n")
    for para in paragraphs:
        lines = para.split("\n")
        if lines[0].strip() in {f"License: {n}" for n in short_names} and len(lines) > 1:
            body = [("" if l.strip() == "." else l[1:]) for l in lines[1:]]
            return "\n".join(body).strip("\n") + "\n"
    sys.exit(f"error: no 'License: {short_names}' text in {copyright_path}")


def copyright_groups(ms):
    """(copyright line, licence, URL, package) -> outputs, in manifest order."""
    groups = {}
    for m in ms:
        face = load_face(m["src"], m["index"])
        key = (face["name"].getDebugName(0), face["name"].getDebugName(13),
               face["name"].getDebugName(14), m["pkg"])
        groups.setdefault(key, []).append(m)
    return groups


def cmd_ofl(manifest, out):
    ms = read_manifest(manifest)
    texts = {debian_license_text(debian_copyright(m["pkg"])) for m in ms}
    if len(texts) != 1:
        sys.exit("error: the sources' Debian copyright files hold different OFL texts")
    parts = []
    for (copyright_line, license_desc, license_url, pkg), group in copyright_groups(ms).items():
        files = ", ".join(os.path.basename(m["out"]) for m in group)
        face = load_face(group[0]["src"], group[0]["index"])
        rfn = reserved_names(pkg, face)
        parts.append(
            f"{files} (made from {face['name'].getDebugName(1)} {source_version(face)}, "
            f"Debian package {pkg}):\n{copyright_line}\n"
            + (f"Reserved Font Names: {', '.join(rfn)} (not used by these Modified Versions).\n"
               if rfn else "")
            + f"{license_desc}\n{license_url}\n")
    pkgs = sorted({m["pkg"] for m in ms})
    parts.append("The licence text below is identical in "
                 + " and ".join(debian_copyright(p) for p in pkgs)
                 + "\nand is copied from there.\n")
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(parts) + "\n" + texts.pop())
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


def cmd_fontlog(manifest, charset, out, *scan):
    ms = read_manifest(manifest)
    builtin = [m for m in ms if is_builtin(m)]
    sets = sets_by_kind(charset)
    charset_cps = sets["all"]
    fixed = fixed_charset()
    scanned, found = scan_chars(scan)
    extra = sorted(scanned - fixed)
    level1 = level1_set()
    tgh = tgh_chars()
    required = required_set()
    cmaps = {m["out"]: set(TTFont(m["out"], lazy=True).getBestCmap()) for m in ms}
    sources = {m["out"]: set(load_face(m["src"], m["index"]).getBestCmap()) for m in ms}
    union = set().union(*(cmaps[m["out"]] for m in builtin))

    L = []
    w = L.append
    w("# FONTLOG for the Gongkai CJK fonts\n")
    w("Generated by `scripts/make-fonts.sh`; do not edit by hand.\n")
    w("These are subsets of Noto Serif CJK SC, Noto Sans CJK SC and LXGW WenKai, renamed as the "
      "SIL Open Font License requires of a Modified Version. The PDF backend embeds them, so a "
      "machine needs no system fonts. Licence: SIL OFL 1.1, see `OFL.txt`. Documents made with "
      "the fonts are not restricted by it; the fonts themselves must not be sold on their own.\n")

    w("## Files\n")
    w("| File | Family / style | Role | Bytes | Glyphs | sha256 |")
    w("|---|---|---|---:|---:|---|")
    for m in ms:
        f = TTFont(m["out"], lazy=True)
        w(f"| `{m['out']}` | {m['family']} / {m['style']} | {m['role']} | "
          f"{os.path.getsize(m['out']):,} | {len(f.getGlyphOrder()):,} | `{sha256(m['out'])}` |")
    w("")
    w(f"The Serif and Sans faces are each split in two: a core face ({len(sets['core']):,} code "
      "points: GB2312, the symbol blocks, the scanned files) and an extension face (the other "
      f"{len(sets['ext']):,} of the set). krilla subsets every face a document uses, and the cost "
      "of subsetting a CFF face grows with the face (its subroutine tables), not only with the "
      "glyphs used; split, an ordinary document pays for the small core faces only. The Kai face "
      "is one face cut to the whole set.\n")
    w("The Serif and Sans faces are CFF-outline OpenType (`.otf`, CID-keyed CFF), the Kai face "
      "TrueType (`.ttf`, as its source). None has hinting or OpenType layout features (GSUB/GPOS "
      "are empty) or vertical metrics: the generator places glyphs horizontally through the cmap "
      "and advance widths and does not shape. Keeping the features would pull in the JP/KR/TC "
      "variant glyphs and nearly double the size. PDFs embed a subset of each face with only the "
      "glyphs the document uses.\n")
    w("The PDF backend draws a character the role's face lacks with the next face that has it, "
      "closest style first (see `crates/gongkai-pdf/src/fonts.rs`): Serif falls back to Serif Ext, "
      "Kai, Sans, Sans Ext; Sans to Sans Ext, Serif, Serif Ext, Kai; Kai to Serif, Serif Ext, Sans, "
      "Sans Ext. Together the built-in faces cover the whole required set below.\n")

    w("## Sources\n")
    for pkg in sorted({m["pkg"] for m in ms}):
        w(f"- Debian package `{pkg}` {dpkg_version(pkg)} (`dpkg-query -W {pkg}`), "
          f"Debian {os_codename()}.")
    w(f"- Debian package `unicode-data` {dpkg_version('unicode-data')}: the Unihan database, "
      "for the kTGH field (通用规范汉字表).")
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
    w("The face index inside a `.ttc` is looked up by family name with fontTools, not assumed.\n")

    w("## Character set\n")
    w(f"`charset.txt` holds one line of code point ranges (`U+XXXX-YYYY`, comma-separated), "
      f"the form pyftsubset reads with `--unicodes-file`. {len(charset_cps):,} code points, "
      "the union of the groups below. `charset-core.txt` and `charset-ext.txt` split it for the "
      "core and extension faces.\n")
    w(f"**GB 18030-2022 implementation level 1** ({len(level1):,} code points): the one-byte "
      "and two-byte parts whole, and of the four-byte part Extension A and U+9FA6–U+9FEF.\n")
    for label, part in gb18030_level1():
        w(f"- {label}: {len(part):,};")
    w("")
    w("Python's `gb18030` codec follows the GB 18030-2000 table for the two-byte part; it maps "
      "19 codes that later editions give real characters to the Private Use Area (A8BC, A6D9–A6DF, "
      "A6EC–A6ED, A6F3, FE59, FE61, FE66, FE67, FE6D, FE7E, FE90, FEA0), so those are taken by "
      "their 2005/2022 code points. Other Private Use Area results (user-defined areas, and the six "
      "FE-row codes whose characters are in Extension B) need no glyph.\n")
    lo, hi, label = EXT_A_REST
    w("**Beyond level 1, on purpose:**\n")
    w(f"- U+{lo:04X}–U+{hi:04X} {label}, so the whole Extension A block is covered;")
    w(f"- 通用规范汉字表 (the 2013 Table of General Standard Chinese Characters, Unihan `kTGH`): "
      f"{len(tgh):,} characters, {len(tgh - level1):,} of them not in level 1 (all outside the "
      "BMP), so every character of the table names are registered from is covered;")
    for lo, hi, label in FIXED_RANGES:
        w(f"- U+{lo:04X}–U+{hi:04X} {label};")
    w(f"- {EXTRA_CHARS};")
    w("- every printable character of the scanned files: "
      + ", ".join(f"`{p}`" for p in found)
      + (f" (they add {len(extra)} code points beyond the above: {''.join(map(chr, extra))})."
         if extra else " (they add nothing beyond the above)."))
    w("")
    w("### What each source lacks\n")
    for src, src_ms in {m["src"]: [n for n in builtin if n["src"] == m["src"]] for m in builtin}.items():
        lacking = required - sources[src_ms[0]["out"]]
        outs = ", ".join(f"`{os.path.basename(n['out'])}`" for n in src_ms)
        w(f"- {outs}: the source lacks {len(lacking):,} of the {len(required):,} required code points"
          + (f": {fmt_short(lacking)}." if len(lacking) <= 40 else
             f" (of them {len(lacking & set(range(0x3400, 0x4DC0))):,} in Extension A, "
             f"{len(lacking & set(range(0x4E00, 0xA000))):,} in the basic block, "
             f"{len(lacking & tgh):,} in 通用规范汉字表); the role falls back to Serif for them."))
    gap = required - union
    w(f"- all built-in faces together: {len(gap)} required code points missing"
      + (f": {fmt_chars(gap)}." if gap else "."))
    nowhere = charset_cps - union
    w(f"- code points of `charset.txt` outside the required set that no source has "
      f"({len(nowhere)}): {fmt_chars(nowhere) or 'none'}. None is a GB 18030 character.\n"
      if not nowhere & level1 else f"- PROBLEM: {fmt_chars(nowhere & level1)}\n")
    for m in builtin:
        beyond = cmaps[m["out"]] - charset_cps
        if beyond:
            w(f"- `{os.path.basename(m['out'])}` also maps {len(beyond)} code point(s) outside the "
              f"set: {fmt_chars(beyond)} (pyftsubset adds the Unicode bidi-mirrored "
              "counterparts of kept characters).")
    w("")
    w("Characters outside all built-in faces (for example most of Extension B, such as U+20000 𠀀, "
      "or 𠮷) are not drawn blank: the PDF backend reports them before rendering, and "
      "`--pdf-font-fallback` names a font that has them.\n")

    w("## Test font\n")
    for m in ms:
        if m["kind"] == "test":
            w(f"`{m['out']}` holds only {TEST_CHARS} (plus .notdef), taken from "
              f"{load_face(m['src'], m['index'])['name'].getDebugName(1)}: characters none of the "
              "built-in faces has, so that the PDF tests can show a character drawn from "
              "the fallback font. Its licence is the `OFL.txt` beside it.\n")

    w("## Commands\n")
    w("Each output is made by one pyftsubset run into a temporary file, then renamed with "
      "fontTools (`scripts/make-fonts.py finish`). The exact pyftsubset commands, run from the "
      "repository root (`$TMP` is a temporary directory):\n")
    w("```sh")
    for m in ms:
        w(m["command"])
    w("```\n")
    w("- `--layout-features=''`: no GSUB/GPOS features (see above).")
    w("- `--no-hinting`: PDF viewers rasterise without hints; smaller.")
    w("- `--drop-tables+=vhea,vmtx,VORG`: no vertical metrics; text is set horizontally.")
    w("- `--name-IDs='*'`: keep every English name record, including the copyright (0) and the "
      "licence (13, 14), which pyftsubset drops by default.")
    w("- `--notdef-outline`: keep the .notdef box so a missing glyph shows up instead of a blank.")
    w("- `--desubroutinize` (CFF only) is used only where it makes the file smaller. pyftsubset "
      "output sizes (bytes, before renaming) without / with it: " + "; ".join(
          f"{os.path.basename(m['out'])} {int(m['size_plain']):,} / {int(m['size_desub']):,}"
          for m in ms if m["size_desub"] != "-") + ".")
    w("- the cmap is kept as pyftsubset writes it (format 4 for the BMP, format 12 where "
      "characters outside it are kept); only Unicode cmaps are kept.\n")

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
    for pkg in sorted({m["pkg"] for m in ms}):
        m = next(m for m in ms if m["pkg"] == pkg)
        rfn = reserved_names(pkg, load_face(m["src"], m["index"]))
        w(f"- Reserved Font Names of `{pkg}` (searched in every name record of the source and in "
          f"Debian's copyright file outside the licence text): "
          + (", ".join(f"“{n}”" for n in rfn) + "; the new names use none of them"
             if rfn else "none declared") + ".")
    w("- The new names use none of the sources' names (Noto, Source Han, LXGW, WenKai); "
      "`make-fonts.py verify` checks the renamed records for them and for the reserved names.")
    heads = {m["out"]: load_face(m["src"], m["index"])["head"] for m in ms}
    w("- Timestamps: `head.created` and `head.modified` are pinned to the source face's values ("
      + "; ".join(f"{os.path.basename(o)}: {head_date(h.modified)}" for o, h in heads.items())
      + ") so that reruns give byte-identical files.\n")

    w("## Regenerating\n")
    w("```sh\nbash scripts/make-fonts.sh\n```\n")
    w("It installs the Debian packages above (apt) and the pinned fontTools (pip) if missing, "
      "rebuilds `charset.txt`, the fonts, the two `OFL.txt` and this file, and verifies the "
      "result. With the same package and fontTools versions the outputs are byte-identical; "
      "check with `sha256sum` against the table above.")
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(L) + "\n")
    print(f"wrote {out}")


COMMANDS = {
    "charset": cmd_charset,
    "testset": cmd_testset,
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
