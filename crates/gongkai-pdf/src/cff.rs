//! CFF font programs for one document, assembled from a per-process cache of charstrings.
//!
//! Subsetting a CJK CFF face per document (parsing it, collecting its subroutines,
//! desubroutinising every used glyph) was the largest single cost of a PDF. But
//! [subsetter]'s output charstring of a glyph depends only on that glyph and the face's
//! subroutines, never on the other glyphs of the subset: it desubroutinises each one. So
//! each face keeps, for the life of the process, the flattened charstring of every glyph
//! any document has used so far (filled lazily through subsetter, a few glyphs at a time),
//! plus a template of the parts that do not depend on the glyph set (Name and String
//! INDEX, the Top DICT's other entries, each Font DICT and its Private DICT, made by
//! subsetter from one glyph per Font DICT).
//!
//! A document's CFF is then only written out: header, Name INDEX, Top DICT, String INDEX,
//! an empty Global Subr INDEX (desubroutinised), an identity charset (GID = CID), FDSelect,
//! CharStrings, the Font DICTs and Private DICTs its glyphs use. Glyph ids are the sorted
//! original ids, so the bytes depend on the document's glyph set alone: whichever
//! documents filled the cache before, in whatever order or thread, the result is the same.

use std::ops::Range;
use std::sync::{Arc, Mutex, PoisonError};

use skrifa::raw::FontRef;

/// Top DICT and Font DICT operators (two-byte ones as `0x0C00 | second byte`).
const CHARSET: u16 = 15;
const CHAR_STRINGS: u16 = 17;
const PRIVATE: u16 = 18;
const SUBRS: u16 = 19;
const ROS: u16 = 0x0C1E;
const CID_COUNT: u16 = 0x0C22;
const FD_ARRAY: u16 = 0x0C24;
const FD_SELECT: u16 = 0x0C25;

/// From this many glyphs not yet flattened (or boxed, `Face::bbox`) on, two threads share them.
pub(crate) const SPLIT_AT: usize = 256;

/// `work` over `glyphs`, in two halves side by side from [`SPLIT_AT`] glyphs on, else in
/// one piece: the results in order, `None` for a half whose thread panicked. For caches
/// whose entries depend on their glyph alone, so that halves give the bytes one piece would.
pub(crate) fn in_halves<T: Send>(glyphs: &[u16], work: impl Fn(&[u16]) -> T + Sync) -> Vec<Option<T>> {
    if glyphs.len() < SPLIT_AT {
        return vec![Some(work(glyphs))];
    }
    let (first, second) = glyphs.split_at(glyphs.len().div_ceil(2));
    std::thread::scope(|scope| {
        let other = scope.spawn(|| work(second));
        let mine = work(first);
        vec![Some(mine), other.join().ok()]
    })
}

/// A glyph id and its flattened charstring.
type Flattened = (u16, Arc<[u8]>);

/// Why a CFF face cannot be assembled; the caller names the font.
pub(crate) type CffError = String;

/// One DICT entry: operator and its operands' bytes as written.
type Entry = (u16, Vec<u8>);

/// A parsed CFF INDEX: the items' byte ranges (into the CFF) and the end of the INDEX.
fn index(data: &[u8], pos: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let count = usize::from(u16::from_be_bytes([*data.get(pos)?, *data.get(pos + 1)?]));
    if count == 0 {
        return Some((Vec::new(), pos + 2));
    }
    let size = usize::from(*data.get(pos + 2)?);
    if !(1..=4).contains(&size) {
        return None;
    }
    let offsets = pos + 3;
    let base = offsets + (count + 1) * size - 1;
    let offset = |i: usize| -> Option<usize> {
        let at = offsets + i * size;
        Some(data.get(at..at + size)?.iter().fold(0usize, |v, &b| v << 8 | usize::from(b)))
    };
    let mut items = Vec::with_capacity(count);
    let mut start = offset(0)?;
    for i in 1..=count {
        let end = offset(i)?;
        if end < start || base + end > data.len() {
            return None;
        }
        items.push(base + start..base + end);
        start = end;
    }
    Some((items, base + start))
}

/// The bytes of an INDEX of `items`.
fn write_index(out: &mut Vec<u8>, items: &[&[u8]]) {
    out.extend_from_slice(&u16::try_from(items.len()).unwrap_or(u16::MAX).to_be_bytes());
    if items.is_empty() {
        return;
    }
    let total: usize = items.iter().map(|i| i.len()).sum::<usize>() + 1;
    let size: u8 = match total {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    };
    out.push(size);
    let mut at = 1usize;
    let put = |out: &mut Vec<u8>, v: usize| {
        out.extend_from_slice(&v.to_be_bytes()[std::mem::size_of::<usize>() - usize::from(size)..]);
    };
    put(out, at);
    for item in items {
        at += item.len();
        put(out, at);
    }
    for item in items {
        out.extend_from_slice(item);
    }
}

/// The length of [`write_index`]'s output.
fn index_len(sizes: impl Iterator<Item = usize>) -> usize {
    let (count, total) = sizes.fold((0usize, 0usize), |(c, t), s| (c + 1, t + s));
    if count == 0 {
        return 2;
    }
    let size = match total + 1 {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        0x1_0000..=0xFF_FFFF => 3,
        _ => 4,
    };
    3 + (count + 1) * size + total
}

/// A DICT's entries, operands kept as written.
fn dict(data: &[u8]) -> Option<Vec<Entry>> {
    let mut entries = Vec::new();
    let (mut i, mut start) = (0, 0);
    while i < data.len() {
        let b = data[i];
        match b {
            0..=21 => {
                let op = if b == 12 {
                    i += 1;
                    0x0C00 | u16::from(*data.get(i)?)
                } else {
                    u16::from(b)
                };
                let operands_end = if b == 12 { i - 1 } else { i };
                entries.push((op, data[start..operands_end].to_vec()));
                i += 1;
                start = i;
            }
            28 => i += 3,
            29 => i += 5,
            30 => {
                // A real: nibbles up to and including one that is 0xF.
                i += 1;
                loop {
                    let n = *data.get(i)?;
                    i += 1;
                    if n >> 4 == 0xF || n & 0xF == 0xF {
                        break;
                    }
                }
            }
            32..=246 => i += 1,
            247..=254 => i += 2,
            _ => return None,
        }
    }
    (start == data.len()).then_some(entries)
}

/// The integers among a DICT entry's operands (reals are skipped).
fn ints(operands: &[u8]) -> Vec<i64> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < operands.len() {
        let b = operands[i];
        let at = |k: usize| i64::from(operands.get(i + k).copied().unwrap_or(0));
        match b {
            28 => {
                out.push(i64::from(i16::from_be_bytes([at(1) as u8, at(2) as u8])));
                i += 3;
            }
            29 => {
                out.push(i64::from(i32::from_be_bytes([at(1) as u8, at(2) as u8, at(3) as u8, at(4) as u8])));
                i += 5;
            }
            30 => {
                i += 1;
                while i < operands.len() {
                    let n = operands[i];
                    i += 1;
                    if n >> 4 == 0xF || n & 0xF == 0xF {
                        break;
                    }
                }
            }
            32..=246 => {
                out.push(i64::from(b) - 139);
                i += 1;
            }
            247..=250 => {
                out.push((i64::from(b) - 247) * 256 + at(1) + 108);
                i += 2;
            }
            251..=254 => {
                out.push(-(i64::from(b) - 251) * 256 - at(1) - 108);
                i += 2;
            }
            _ => i += 1,
        }
    }
    out
}

/// A number as a five-byte DICT integer, so that offsets can be computed before writing.
fn int5(out: &mut Vec<u8>, v: usize) {
    out.push(29);
    out.extend_from_slice(&i32::try_from(v).unwrap_or(i32::MAX).to_be_bytes());
}

fn write_dict(out: &mut Vec<u8>, entries: &[Entry]) {
    for (op, operands) in entries {
        out.extend_from_slice(operands);
        write_op(out, *op);
    }
}

fn write_op(out: &mut Vec<u8>, op: u16) {
    if op >= 0x0C00 {
        out.extend_from_slice(&[12, (op & 0xFF) as u8]);
    } else {
        out.push(op as u8);
    }
}

fn dict_len(entries: &[Entry]) -> usize {
    entries.iter().map(|(op, operands)| operands.len() + if *op >= 0x0C00 { 2 } else { 1 }).sum()
}

/// The value of an offset entry of a DICT.
fn offset_of(entries: &[Entry], op: u16) -> Option<usize> {
    entries.iter().find(|(o, _)| *o == op).and_then(|(_, v)| ints(v).last().copied())?.try_into().ok()
}

/// A parsed CFF: its top-level structures.
struct Parsed<'a> {
    data: &'a [u8],
    name_index: Range<usize>,
    top: Vec<Entry>,
    strings: Range<usize>,
    char_strings: Vec<Range<usize>>,
}

fn parse(data: &[u8]) -> Option<Parsed<'_>> {
    let header = usize::from(*data.get(2)?);
    let (_, name_end) = index(data, header)?;
    let (tops, top_end) = index(data, name_end)?;
    let top = dict(data.get(tops.first()?.clone())?)?;
    let (_, strings_end) = index(data, top_end)?;
    let (char_strings, _) = index(data, offset_of(&top, CHAR_STRINGS)?)?;
    Some(Parsed { data, name_index: header..name_end, top, strings: top_end..strings_end, char_strings })
}

/// The Font DICT index of every glyph of a parsed CFF (all 0 for a name-keyed font).
fn fd_select(p: &Parsed<'_>) -> Option<Vec<u8>> {
    let n = p.char_strings.len();
    if !p.top.iter().any(|(op, _)| *op == ROS) {
        return Some(vec![0; n]);
    }
    let at = offset_of(&p.top, FD_SELECT)?;
    let data = p.data;
    match *data.get(at)? {
        0 => Some(data.get(at + 1..at + 1 + n)?.to_vec()),
        3 => {
            let ranges = usize::from(u16::from_be_bytes([*data.get(at + 1)?, *data.get(at + 2)?]));
            let mut fds = vec![0u8; n];
            for r in 0..ranges {
                let e = at + 3 + r * 3;
                let first = usize::from(u16::from_be_bytes([*data.get(e)?, *data.get(e + 1)?]));
                let fd = *data.get(e + 2)?;
                let next = usize::from(u16::from_be_bytes([*data.get(e + 3)?, *data.get(e + 4)?]));
                fds.get_mut(first..next.min(n))?.fill(fd);
            }
            Some(fds)
        }
        _ => None,
    }
}

/// The CFF table of an OpenType font.
fn cff_table(font: &[u8], index: u32) -> Option<&[u8]> {
    FontRef::from_index(font, index)
        .ok()?
        .table_data(skrifa::raw::types::Tag::new(b"CFF "))
        .map(|d| d.as_bytes())
}

/// The parts of a face's CFF that do not depend on the glyphs a document uses.
struct Template {
    name_index: Vec<u8>,
    /// Top DICT entries other than the ones [`CffFace::assemble`] writes.
    top: Vec<Entry>,
    strings: Vec<u8>,
    /// Per Font DICT of the template (see `fd_of`): its entries other than Private, and
    /// its Private DICT's entries (no Subrs: the charstrings are desubroutinised).
    fds: Vec<(Vec<Entry>, Vec<Entry>)>,
}

/// A CFF face with the per-process cache of its flattened charstrings.
pub(crate) struct CffFace {
    font: FontBytes,
    index: u32,
    template: Template,
    /// Font DICT (index into `template.fds`) of every glyph of the face.
    fd_of: Vec<u8>,
    /// Flattened charstrings by original glyph id, filled as documents use glyphs.
    charstrings: Mutex<Vec<Option<Arc<[u8]>>>>,
}

/// A font file's bytes, built in or the user's.
#[derive(Clone)]
pub(crate) enum FontBytes {
    Static(&'static [u8]),
    Shared(Arc<Vec<u8>>),
}

impl FontBytes {
    pub(crate) fn bytes(&self) -> &[u8] {
        match self {
            FontBytes::Static(b) => b,
            FontBytes::Shared(b) => b,
        }
    }
}

impl std::fmt::Debug for CffFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CffFace").field("glyphs", &self.fd_of.len()).finish_non_exhaustive()
    }
}

/// Runs subsetter on `glyphs` (sorted, starting with 0) and returns its CFF table.
fn subset(font: &[u8], index: u32, glyphs: &[u16]) -> Result<Vec<u8>, CffError> {
    let remapper = subsetter::GlyphRemapper::new_from_glyphs(glyphs);
    let out = subsetter::subset(font, index, &remapper).map_err(|e| format!("子集化失败：{e}"))?;
    cff_table(&out, 0).map(<[u8]>::to_vec).ok_or_else(|| "子集中没有 CFF 表".to_owned())
}

impl CffFace {
    /// Prepares a CFF face: its Font DICT per glyph and the template (one subsetter run
    /// over one glyph per Font DICT). `None` for a font without a CFF table.
    pub(crate) fn new(font: FontBytes, index: u32) -> Option<Result<CffFace, CffError>> {
        let original = parse(cff_table(font.bytes(), index)?);
        Some(Self::prepare(font.clone(), index, original))
    }

    fn prepare(font: FontBytes, index: u32, original: Option<Parsed<'_>>) -> Result<CffFace, CffError> {
        let bad = || "CFF 表无法解析".to_owned();
        let original = original.ok_or_else(bad)?;
        let fds = fd_select(&original).ok_or_else(bad)?;
        let glyphs = u16::try_from(fds.len()).map_err(|_| bad())?;
        // One glyph per Font DICT that any glyph uses; subsetter keeps the used Font DICTs
        // in ascending order, so the template's k-th is the k-th of these.
        let mut used: Vec<u8> = fds.clone();
        used.sort_unstable();
        used.dedup();
        let mut reps: Vec<u16> = used
            .iter()
            .filter_map(|fd| fds.iter().position(|f| f == fd))
            .filter_map(|g| u16::try_from(g).ok())
            .collect();
        reps.push(0);
        reps.sort_unstable();
        reps.dedup();
        let out = subset(font.bytes(), index, &reps)?;
        let t = parse(&out).ok_or_else(bad)?;
        let (fd_dicts, _) = index_at(&out, offset_of(&t.top, FD_ARRAY).ok_or_else(bad)?).ok_or_else(bad)?;
        if fd_dicts.len() != used.len() || t.char_strings.len() != reps.len() {
            return Err(bad());
        }
        let mut template_fds = Vec::with_capacity(fd_dicts.len());
        for range in fd_dicts {
            let entries = dict(&out[range]).ok_or_else(bad)?;
            let private =
                entries.iter().find(|(op, _)| *op == PRIVATE).map(|(_, v)| ints(v)).ok_or_else(bad)?;
            let [size, offset] = private[..] else { return Err(bad()) };
            let (size, offset) =
                (usize::try_from(size).map_err(|_| bad())?, usize::try_from(offset).map_err(|_| bad())?);
            let private = dict(out.get(offset..offset + size).ok_or_else(bad)?).ok_or_else(bad)?;
            template_fds.push((
                entries.into_iter().filter(|(op, _)| *op != PRIVATE).collect(),
                private.into_iter().filter(|(op, _)| *op != SUBRS).collect(),
            ));
        }
        let template = Template {
            name_index: out[t.name_index.clone()].to_vec(),
            top: t
                .top
                .iter()
                .filter(|(op, _)| {
                    ![CHARSET, CHAR_STRINGS, FD_ARRAY, FD_SELECT, CID_COUNT, PRIVATE].contains(op)
                })
                .cloned()
                .collect(),
            strings: out[t.strings.clone()].to_vec(),
            fds: template_fds,
        };
        let fd_of = fds.iter().map(|fd| used.binary_search(fd).map_or(0, |i| i as u8)).collect();
        let mut charstrings = vec![None; usize::from(glyphs)];
        for (g, range) in reps.iter().zip(&t.char_strings) {
            charstrings[usize::from(*g)] = Some(Arc::from(&out[range.clone()]));
        }
        Ok(CffFace { font, index, template, fd_of, charstrings: Mutex::new(charstrings) })
    }

    /// The flattened charstrings of `glyphs` (sorted, unique), subsetting the ones no
    /// document of this process has used yet.
    fn charstrings(&self, glyphs: &[u16]) -> Result<Vec<Arc<[u8]>>, CffError> {
        let missing: Vec<u16> = {
            let cache = self.charstrings.lock().unwrap_or_else(PoisonError::into_inner);
            glyphs
                .iter()
                .copied()
                .filter(|&g| cache.get(usize::from(g)).is_some_and(Option::is_none))
                .collect()
        };
        if !missing.is_empty() {
            // Outside the lock: another thread may fill the same glyphs meanwhile, with
            // the same bytes. Many missing glyphs (a process's first document) are
            // flattened in two halves side by side: each charstring depends on its glyph
            // alone, so the halves give the bytes one run would.
            let filled = in_halves(&missing, |h| self.flatten(h));
            let mut cache = self.charstrings.lock().unwrap_or_else(PoisonError::into_inner);
            for half in filled {
                for (g, program) in half.unwrap_or_else(|| Err("子集化失败".to_owned()))? {
                    cache[usize::from(g)] = Some(program);
                }
            }
        }
        let cache = self.charstrings.lock().unwrap_or_else(PoisonError::into_inner);
        glyphs
            .iter()
            .map(|&g| {
                cache.get(usize::from(g)).cloned().flatten().ok_or_else(|| format!("字形 {g} 超出字体范围"))
            })
            .collect()
    }

    /// The flattened charstrings of `glyphs` (none of them .notdef), by one subsetter run.
    fn flatten(&self, glyphs: &[u16]) -> Result<Vec<Flattened>, CffError> {
        let mut request = Vec::with_capacity(glyphs.len() + 1);
        request.push(0);
        request.extend(glyphs.iter().copied().filter(|&g| g != 0));
        let out = subset(self.font.bytes(), self.index, &request)?;
        let p = parse(&out).ok_or_else(|| "子集的 CFF 表无法解析".to_owned())?;
        Ok(request
            .iter()
            .zip(&p.char_strings)
            .map(|(&g, range)| (g, Arc::from(&out[range.clone()])))
            .collect())
    }

    /// The CFF program of a subset: `glyphs` are original glyph ids, sorted, unique,
    /// starting with 0 (.notdef); glyph `glyphs[i]` becomes GID and CID `i`.
    pub(crate) fn assemble(&self, glyphs: &[u16]) -> Result<Vec<u8>, CffError> {
        let programs = self.charstrings(glyphs)?;
        let n = glyphs.len();
        // The Font DICTs used, renumbered in ascending order.
        let mut used: Vec<u8> = glyphs.iter().map(|&g| self.fd_of[usize::from(g)]).collect();
        used.sort_unstable();
        used.dedup();
        let new_fd = |g: u16| used.binary_search(&self.fd_of[usize::from(g)]).map_or(0, |i| i as u8);
        // FDSelect format 3: runs of consecutive glyphs with the same Font DICT.
        let mut runs: Vec<(u16, u8)> = Vec::new();
        for (i, &g) in glyphs.iter().enumerate() {
            let fd = new_fd(g);
            if runs.last().is_none_or(|&(_, f)| f != fd) {
                runs.push((i as u16, fd));
            }
        }
        let t = &self.template;
        // The Top DICT: the template's entries, then the ones written here, all five
        // bytes wide, so its length is known before the offsets are.
        let top_dict = |values: [usize; 5]| {
            let mut top = Vec::with_capacity(dict_len(&t.top) + 40);
            write_dict(&mut top, &t.top);
            for (op, v) in [CID_COUNT, CHARSET, FD_SELECT, CHAR_STRINGS, FD_ARRAY].into_iter().zip(values) {
                int5(&mut top, v);
                write_op(&mut top, op);
            }
            top
        };
        let top_len = top_dict([0; 5]).len();
        let top_index_len = index_len(std::iter::once(top_len));
        let charset_len = if n > 1 { 5 } else { 1 };
        let fd_select_len = 1 + 2 + runs.len() * 3 + 2;
        let char_strings_len = index_len(programs.iter().map(|p| p.len()));
        let fd_dict_len = |fd: u8| dict_len(&t.fds[usize::from(fd)].0) + 5 + 5 + 1;
        let fd_array_len = index_len(used.iter().map(|&fd| fd_dict_len(fd)));

        let charset_at = 4 + t.name_index.len() + top_index_len + t.strings.len() + 2;
        let fd_select_at = charset_at + charset_len;
        let char_strings_at = fd_select_at + fd_select_len;
        let fd_array_at = char_strings_at + char_strings_len;
        let mut private_at = fd_array_at + fd_array_len;

        let mut out = Vec::with_capacity(private_at + 64 * used.len());
        out.extend_from_slice(&[1, 0, 4, 4]);
        out.extend_from_slice(&t.name_index);
        let top = top_dict([n, charset_at, fd_select_at, char_strings_at, fd_array_at]);
        write_index(&mut out, &[&top]);
        out.extend_from_slice(&t.strings);
        out.extend_from_slice(&[0, 0]);
        if out.len() != charset_at {
            return Err("CFF 组装的偏移量不一致".to_owned());
        }
        if n > 1 {
            // Format 2, one range: GIDs 1..n are CIDs 1..n.
            out.push(2);
            out.extend_from_slice(&1u16.to_be_bytes());
            out.extend_from_slice(&u16::try_from(n - 2).unwrap_or(u16::MAX).to_be_bytes());
        } else {
            out.push(0);
        }
        out.push(3);
        out.extend_from_slice(&u16::try_from(runs.len()).unwrap_or(u16::MAX).to_be_bytes());
        for (first, fd) in &runs {
            out.extend_from_slice(&first.to_be_bytes());
            out.push(*fd);
        }
        out.extend_from_slice(&u16::try_from(n).unwrap_or(u16::MAX).to_be_bytes());
        let refs: Vec<&[u8]> = programs.iter().map(|p| &p[..]).collect();
        write_index(&mut out, &refs);
        let mut dicts = Vec::with_capacity(used.len());
        for &fd in &used {
            let (entries, private) = &t.fds[usize::from(fd)];
            let mut d = Vec::with_capacity(fd_dict_len(fd));
            write_dict(&mut d, entries);
            let size = dict_len(private);
            int5(&mut d, size);
            int5(&mut d, private_at);
            write_op(&mut d, PRIVATE);
            private_at += size;
            dicts.push(d);
        }
        let refs: Vec<&[u8]> = dicts.iter().map(Vec::as_slice).collect();
        write_index(&mut out, &refs);
        for &fd in &used {
            write_dict(&mut out, &t.fds[usize::from(fd)].1);
        }
        if out.len() != private_at {
            return Err("CFF 组装的偏移量不一致".to_owned());
        }
        Ok(out)
    }
}

fn index_at(data: &[u8], pos: usize) -> Option<(Vec<Range<usize>>, usize)> {
    index(data, pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    static SERIF: &[u8] = include_bytes!("../../../fonts/GongkaiSerifSC-Regular.otf");

    fn face() -> CffFace {
        CffFace::new(FontBytes::Static(SERIF), 0).unwrap().unwrap()
    }

    /// The glyphs of a few characters, sorted, with .notdef.
    fn glyphs(text: &str) -> Vec<u16> {
        let font = FontRef::new(SERIF).unwrap();
        let cmap = skrifa::MetadataProvider::charmap(&font);
        let mut g: Vec<u16> = text.chars().filter_map(|c| cmap.map(c)).map(|g| g.to_u32() as u16).collect();
        g.push(0);
        g.sort_unstable();
        g.dedup();
        g
    }

    #[test]
    fn charstrings_do_not_depend_on_the_other_glyphs_subset_with_them() {
        let a = glyphs("部门预算公开");
        let b = glyphs("部门预算公开表一般公共预算财政拨款收入支出决算");
        let out = subset(SERIF, 0, &b).unwrap();
        let p = parse(&out).unwrap();
        let whole: Vec<&[u8]> = p.char_strings.iter().map(|r| &out[r.clone()]).collect();
        assert!(whole.len() == b.len());
        let small = subset(SERIF, 0, &a).unwrap();
        let q = parse(&small).unwrap();
        for (g, r) in a.iter().zip(&q.char_strings) {
            let i = b.binary_search(g).unwrap();
            assert_eq!(&small[r.clone()], whole[i], "glyph {g}");
        }
    }

    #[test]
    fn many_new_glyphs_flattened_in_halves_give_the_bytes_of_small_requests() {
        // The first SPLIT_AT * 3 glyphs of the face with .notdef: a fresh face takes them
        // in two halves side by side, the other face a hundred at a time.
        let set: Vec<u16> = (0..u16::try_from(SPLIT_AT * 3).unwrap()).collect();
        let halves = face().assemble(&set).unwrap();
        let small = face();
        for chunk in set.chunks(100) {
            let mut request = vec![0];
            request.extend(chunk.iter().copied().filter(|&g| g != 0));
            small.assemble(&request).unwrap();
        }
        assert_eq!(small.assemble(&set).unwrap(), halves);
    }

    #[test]
    fn assembled_subsets_depend_only_on_the_glyph_set() {
        let set = glyphs("昌吉回族自治州环境污染监控中心部门预算");
        // A fresh face, and one that served other documents first.
        let fresh = face().assemble(&set).unwrap();
        let used = face();
        used.assemble(&glyphs("伊犁哈萨克自治州水利局")).unwrap();
        used.assemble(&glyphs("预算0123456789，。")).unwrap();
        assert_eq!(used.assemble(&set).unwrap(), fresh);
    }

    #[test]
    fn assembled_subsets_draw_what_subsetter_draws() {
        use skrifa::MetadataProvider;
        use skrifa::outline::{DrawSettings, OutlinePen};
        #[derive(Default)]
        struct Record(Vec<String>);
        impl OutlinePen for Record {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("M{x} {y}"));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("L{x} {y}"));
            }
            fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                self.0.push(format!("Q{a} {b} {x} {y}"));
            }
            fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                self.0.push(format!("C{a} {b} {c} {d} {x} {y}"));
            }
            fn close(&mut self) {
                self.0.push("Z".into());
            }
        }
        let set = glyphs("（一）收支预算总表：人员经费、公用经费，合计12.5%…※");
        let ours = face().assemble(&set).unwrap();
        let theirs = subsetter::subset(SERIF, 0, &subsetter::GlyphRemapper::new_from_glyphs(&set)).unwrap();
        // Wrap our CFF in the subsetter's OpenType tables, so skrifa can draw it.
        let font = FontRef::new(&theirs).unwrap();
        let draw = |cff: &[u8]| -> Vec<Vec<String>> {
            let mut tables: Vec<(skrifa::raw::types::Tag, Vec<u8>)> = Vec::new();
            for record in font.table_directory.table_records() {
                let tag = record.tag();
                let data = if tag == skrifa::raw::types::Tag::new(b"CFF ") {
                    cff.to_vec()
                } else {
                    font.table_data(tag).unwrap().as_bytes().to_vec()
                };
                tables.push((tag, data));
            }
            let file = sfnt(&tables);
            let f = FontRef::new(&file).unwrap();
            let outlines = f.outline_glyphs();
            (0..set.len() as u32)
                .map(|g| {
                    let mut pen = Record::default();
                    let glyph = outlines.get(skrifa::GlyphId::new(g)).unwrap();
                    glyph
                        .draw(
                            DrawSettings::unhinted(
                                skrifa::instance::Size::unscaled(),
                                skrifa::instance::LocationRef::default(),
                            ),
                            &mut pen,
                        )
                        .unwrap();
                    pen.0
                })
                .collect()
        };
        let theirs_cff = cff_table(&theirs, 0).unwrap();
        assert_eq!(draw(&ours), draw(theirs_cff));
        assert!(draw(&ours).iter().skip(1).all(|o| !o.is_empty()), "every glyph has an outline");
    }

    /// A minimal OpenType file of `tables` (sorted by tag), for drawing in tests.
    fn sfnt(tables: &[(skrifa::raw::types::Tag, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(b"OTTO");
        out.extend_from_slice(&(tables.len() as u16).to_be_bytes());
        out.extend_from_slice(&[0; 6]);
        let mut at = 12 + 16 * tables.len();
        let mut bodies = Vec::new();
        for (tag, data) in tables {
            out.extend_from_slice(&tag.to_be_bytes());
            out.extend_from_slice(&[0; 4]);
            out.extend_from_slice(&(at as u32).to_be_bytes());
            out.extend_from_slice(&(data.len() as u32).to_be_bytes());
            let mut d = data.clone();
            d.resize(data.len().div_ceil(4) * 4, 0);
            at += d.len();
            bodies.push(d);
        }
        for b in bodies {
            out.extend_from_slice(&b);
        }
        out
    }
}
