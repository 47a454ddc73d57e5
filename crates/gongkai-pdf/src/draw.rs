//! Laid-out pages to PDF bytes with pdf-writer: glyph runs, rules, fills, links, the nested
//! outline, the metadata, the fonts as per-document subsets with ToUnicode maps, and on
//! request the structure tree (tagged PDF) and PDF/A-2b.
//!
//! Text is written the way a typesetter writes it: one text object per stretch of text on
//! a page, a font selected only when it changes, a run placed with one text matrix and
//! shown with one `Tj` of two-byte CIDs at the font's own advances; a justified line's
//! extra space is the character spacing `Tc`, not an adjustment per glyph.
//!
//! Coordinates are the layout's own (y down: each page starts with `1 0 0 -1 0 h cm`, text
//! matrices flip back), each run placed absolutely. Rasterisers snap glyphs to pixels
//! differently under flipped and unflipped matrices, and a position summed from relative
//! moves can land a hair off one that falls exactly on a pixel edge (the 24 pt lines of
//! the body are 33⅓ px at 100 dpi); written this way, the pages' pixels stay what they were
//! when the PDF was drawn through krilla, which places text the same way.
//!
//! Every byte depends on the document and the options alone: fonts are numbered in the
//! font set's order, each face's CIDs are its used glyphs in ascending glyph order, and the
//! subset tag and the file identifier are hashes of what the file holds.

use std::collections::BTreeMap;

use gongkai_model::document::Document;
use pdf_writer::types::{
    ArtifactType, CidFontType, FontFlags, StructRole, SystemInfo, TabOrder, UnicodeCmap,
};
use pdf_writer::writers::WMode;
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use crate::fonts::{Face, FontSet, Role};
use crate::layout::{Layout, Op, Pen, Run, Tagged};
use crate::{PdfError, PdfOptions, PdfStandard};

/// Deflate levels (libdeflate). Measured on the example (callgrind, 2026-12-01): level 1
/// instead of 6 costs 1.6 KB on the font programs and 4 KB on the content streams (221 KB
/// against 215 KB in all) and saves about 15 M instructions (≈ 4 ms) per document, a sixth
/// of the PDF's work; level 12 would save 3 KB more at ten times the cost.
const CONTENT_LEVEL: i32 = 1;
const FONT_LEVEL: i32 = 1;

const SYSTEM_INFO: SystemInfo<'_> =
    SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// Compresses streams of one document.
struct Deflate {
    content: libdeflater::Compressor,
    font: libdeflater::Compressor,
}

impl Deflate {
    fn new() -> Deflate {
        let level = |l: i32| libdeflater::CompressionLvl::new(l).unwrap_or_default();
        Deflate {
            content: libdeflater::Compressor::new(level(CONTENT_LEVEL)),
            font: libdeflater::Compressor::new(level(FONT_LEVEL)),
        }
    }

    fn zlib(c: &mut libdeflater::Compressor, data: &[u8]) -> Vec<u8> {
        let mut out = vec![0; c.zlib_compress_bound(data.len())];
        // The buffer is the library's own bound, so compression cannot run out of room.
        let n = c.zlib_compress(data, &mut out).unwrap_or(0);
        out.truncate(n);
        out
    }

    fn content(&mut self, data: &[u8]) -> Vec<u8> {
        Self::zlib(&mut self.content, data)
    }

    fn font(&mut self, data: &[u8]) -> Vec<u8> {
        Self::zlib(&mut self.font, data)
    }
}

/// A 64-bit FNV-1a hash over 8-byte words: a stable name for bytes (subset tags, file
/// identifiers), not a security measure.
fn hash(seed: u64, data: &[u8]) -> u64 {
    hashes([seed], data)[0]
}

/// [`hash`] with each seed, in one pass: the chains are independent, so the processor
/// runs them side by side (a document's identifier hashes the whole file twice).
fn hashes<const N: usize>(seeds: [u64; N], data: &[u8]) -> [u64; N] {
    let mut h = seeds.map(|seed| 0xcbf2_9ce4_8422_2325 ^ seed);
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let w = u64::from_le_bytes(w);
        for h in &mut h {
            *h = (*h ^ w).wrapping_mul(0x0000_0100_0000_01b3);
            *h ^= *h >> 29;
        }
    }
    for &b in chunks.remainder() {
        for h in &mut h {
            *h = (*h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Hands out object numbers.
struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// The glyphs a document uses of one face: the character each glyph was used for (for
/// ToUnicode), by original glyph id.
struct Used {
    chars: Vec<Option<char>>,
    any: bool,
}

/// A face as embedded in this document.
struct Embedded {
    /// Resource name, `/F<face index>`.
    name: String,
    font: Ref,
    /// Original glyph id → CID (0 = unused or .notdef).
    cid: Vec<u16>,
    /// Original glyph ids by CID, starting with .notdef.
    glyphs: Vec<u16>,
}

/// A run of text with its page's furniture label: the 第 N 页 footer is laid out here.
fn page_number(fonts: &FontSet, index: usize, (w, h): (f32, f32)) -> Run {
    let label = format!("第 {} 页", index + 1);
    let lw = crate::text::width(fonts, Role::Body, 10.5, &label);
    Run { elem: None, x: (w - lw) / 2.0, y: h - 30.0, pen: Pen(Role::Body, 10.5), text: label, spacing: 0.0 }
}

/// Hundredths of a point.
fn q(v: f32) -> i64 {
    (v * 100.0).round() as i64
}

fn pt(v: i64) -> f32 {
    v as f32 / 100.0
}

/// A character resolved to what draws it; `face == u16::MAX` ends a run.
#[derive(Clone, Copy)]
struct Glyph {
    face: u16,
    gid: u16,
    /// Advance in ems, less half an em where the next character is punctuation this one
    /// squeezes against (标点挤压, [`crate::text::squeezes`]).
    adv: f32,
    /// Whether `adv` is squeezed: the pen moves on by less than the font's advance, so
    /// the next glyph is placed anew.
    squeezed: bool,
}

/// The state of one page's content stream.
struct Page<'a> {
    c: Content,
    /// The resolved glyphs from this page's first run on, and how many are drawn.
    resolved: &'a [Glyph],
    used: usize,
    embedded: &'a [Option<Embedded>],
    in_text: bool,
    font: Option<(usize, u32)>,
    spacing: f32,
    tagged: bool,
    /// MCID → structure element.
    marks: Vec<usize>,
    glyphs: Vec<u8>,
}

impl Page<'_> {
    fn begin_text(&mut self) {
        if !self.in_text {
            self.c.begin_text();
            self.in_text = true;
        }
    }

    fn end_text(&mut self) {
        if self.in_text {
            self.c.end_text();
            self.in_text = false;
        }
    }

    fn flush(&mut self) {
        if !self.glyphs.is_empty() {
            self.c.show(Str(&self.glyphs));
            self.glyphs.clear();
        }
    }

    /// Draws one run: a `Tj` per stretch of one face (the fallback may take over inside a
    /// run), each placed at the pen position the glyphs before it reached.
    fn text(&mut self, run: &Run) {
        let size = run.pen.1;
        self.begin_text();
        if run.spacing.to_bits() != self.spacing.to_bits() {
            self.c.set_char_spacing(run.spacing);
            self.spacing = run.spacing;
        }
        let mut x = run.x;
        let mut face: Option<usize> = None;
        let resolved = self.resolved;
        for g in &resolved[self.used..] {
            self.used += 1;
            if g.face == u16::MAX {
                break;
            }
            let (f, gid, adv) = (usize::from(g.face), g.gid, g.adv);
            let Some(e) = self.embedded[f].as_ref() else { continue };
            if face != Some(f) {
                self.flush();
                let key = (f, size.to_bits());
                if self.font != Some(key) {
                    self.c.set_font(Name(e.name.as_bytes()), size);
                    self.font = Some(key);
                }
                // Flipped back against the page's y-down coordinates.
                self.c.set_text_matrix([1.0, 0.0, 0.0, -1.0, x, run.y]);
                face = Some(f);
            }
            let cid = e.cid[usize::from(gid)];
            self.glyphs.extend_from_slice(&cid.to_be_bytes());
            x += (adv + run.spacing / size) * size;
            if g.squeezed {
                // The font would advance a whole em: the next glyph starts a new stretch.
                self.flush();
                face = None;
            }
        }
        self.flush();
    }

    /// Marked content around `draw`: a span of structure element `elem`, or an artifact.
    fn marked(&mut self, elem: Option<usize>, kind: ArtifactType, draw: impl FnOnce(&mut Self)) {
        if !self.tagged {
            draw(self);
            return;
        }
        match elem {
            Some(e) => {
                let mcid = self.marks.len() as i32;
                self.marks.push(e);
                self.c.begin_marked_content_with_properties(Name(b"Span")).properties().identify(mcid);
            }
            None => {
                self.c
                    .begin_marked_content_with_properties(Name(b"Artifact"))
                    .properties()
                    .artifact()
                    .kind(kind);
            }
        }
        draw(self);
        self.c.end_marked_content();
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, gray: u8) {
        self.end_text();
        self.marked(None, ArtifactType::Layout, |p| {
            p.c.set_fill_gray(f32::from(gray) / 255.0);
            p.c.move_to(x, y).line_to(x + w, y).line_to(x + w, y + h).line_to(x, y + h).close_path();
            p.c.fill_nonzero();
            p.c.set_fill_gray(0.0);
        });
    }

    /// Every rule of a page as one path per width: the borders of adjacent cells coincide,
    /// so shared edges are drawn once and collinear pieces are joined.
    fn rules(&mut self, ops: &[Op]) {
        let mut horizontal: BTreeMap<(i64, u32), Vec<(i64, i64)>> = BTreeMap::new();
        let mut vertical: BTreeMap<(i64, u32), Vec<(i64, i64)>> = BTreeMap::new();
        for op in ops {
            if let Op::Rule { x1, y1, x2, y2, width } = op {
                let w = width.to_bits();
                if q(*y1) == q(*y2) {
                    horizontal.entry((q(*y1), w)).or_default().push((q(*x1).min(q(*x2)), q(*x1).max(q(*x2))));
                } else {
                    vertical.entry((q(*x1), w)).or_default().push((q(*y1).min(q(*y2)), q(*y1).max(q(*y2))));
                }
            }
        }
        if horizontal.is_empty() && vertical.is_empty() {
            return;
        }
        let mut by_width: BTreeMap<u32, Vec<(i64, i64, i64, i64)>> = BTreeMap::new();
        for (vertical_line, lines) in [(false, horizontal), (true, vertical)] {
            for ((at, w), mut spans) in lines {
                spans.sort_unstable();
                let mut merged: Vec<(i64, i64)> = Vec::new();
                for (a, b) in spans {
                    match merged.last_mut() {
                        Some(last) if a <= last.1 => last.1 = last.1.max(b),
                        _ => merged.push((a, b)),
                    }
                }
                let segments = by_width.entry(w).or_default();
                for (a, b) in merged {
                    segments.push(if vertical_line { (at, a, at, b) } else { (a, at, b, at) });
                }
            }
        }
        self.end_text();
        self.marked(None, ArtifactType::Layout, |p| {
            for (w, segments) in by_width {
                p.c.set_line_width(f32::from_bits(w));
                for (x1, y1, x2, y2) in segments {
                    p.c.move_to(pt(x1), pt(y1));
                    p.c.line_to(pt(x2), pt(y2));
                }
                p.c.stroke();
            }
        });
    }
}

fn pdf_date(seconds: i64) -> (Date, xmp_writer::DateTime) {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (year, month, day) = gongkai_model::facts::Date::civil_from_days(days);
    let n = |v: i64| u8::try_from(v).unwrap_or(0);
    let year = u16::try_from(year).unwrap_or(1970);
    let (hour, minute, second) = (n(secs / 3600), n(secs / 60 % 60), n(secs % 60));
    let date = Date::new(year)
        .month(n(month))
        .day(n(day))
        .hour(hour)
        .minute(minute)
        .second(second)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    let xmp = xmp_writer::DateTime {
        year,
        month: Some(n(month)),
        day: Some(n(day)),
        hour: Some(hour),
        minute: Some(minute),
        second: Some(second),
        timezone: Some(xmp_writer::Timezone::Local { hour: 0, minute: 0 }),
    };
    (date, xmp)
}

pub(crate) fn write(
    document: &Document,
    laid: &Layout,
    fonts: &FontSet,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let tagged = options.tagged;
    let a2b = options.standard == PdfStandard::A2b;
    let labels: Vec<Option<Run>> = laid
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| p.numbered.then(|| page_number(fonts, i, p.size)))
        .collect();

    // The glyphs of every face, before any content: CIDs are the used glyphs in order.
    // Each character is resolved to its face and glyph once, here; drawing reads the
    // results in the same order (page by page: the runs, then the page number).
    let faces = fonts.faces();
    let mut used: Vec<Option<Used>> = faces.iter().map(|_| None).collect();
    let mut resolved: Vec<Glyph> = Vec::with_capacity(32 * 1024);
    let runs = laid.pages.iter().zip(&labels).flat_map(|(p, label)| {
        p.ops.iter().filter_map(|op| if let Op::Text(r) = op { Some(r) } else { None }).chain(label)
    });
    for run in runs {
        let mut chars = run.text.chars().peekable();
        while let Some(c) = chars.next() {
            let squeezed = chars.peek().is_some_and(|&next| crate::text::squeezes(fonts, run.pen.0, c, next));
            if let Some((f, gid, adv)) = fonts.glyph_for(run.pen.0, c) {
                let adv = if squeezed { adv - crate::text::SQUEEZE } else { adv };
                let u = used[f].get_or_insert_with(|| Used {
                    chars: vec![None; faces[f].info.glyphs as usize],
                    any: false,
                });
                if let Some(slot) = u.chars.get_mut(gid as usize) {
                    slot.get_or_insert(c);
                    u.any = true;
                    resolved.push(Glyph { face: f as u16, gid: gid as u16, adv, squeezed });
                }
            }
        }
        resolved.push(Glyph { face: u16::MAX, gid: 0, adv: 0.0, squeezed: false });
    }
    let embedded: Vec<Option<Embedded>> = used
        .iter()
        .enumerate()
        .map(|(f, u)| {
            let u = u.as_ref().filter(|u| u.any)?;
            let mut glyphs = vec![0u16];
            let mut cid = vec![0u16; u.chars.len()];
            for (g, c) in u.chars.iter().enumerate().skip(1) {
                if c.is_some() {
                    cid[g] = glyphs.len() as u16;
                    glyphs.push(g as u16);
                }
            }
            Some(Embedded { name: format!("F{f}"), font: Ref::new(1), cid, glyphs })
        })
        .collect();

    let mut refs = Refs(0);
    let catalog = refs.next();
    let page_tree = refs.next();
    let resources = refs.next();
    let page_refs: Vec<Ref> = laid.pages.iter().map(|_| refs.next()).collect();
    let mut embedded = embedded;
    for e in embedded.iter_mut().flatten() {
        e.font = refs.next();
    }

    // Compact syntax (no indentation); a document is a few hundred kilobytes.
    let mut pdf = Pdf::with_settings_and_capacity(pdf_writer::Settings { pretty: false }, 320 * 1024);
    let mut deflate = Deflate::new();
    // Marked content per page: MCID → element.
    let mut marks: Vec<Vec<usize>> = Vec::with_capacity(laid.pages.len());
    let mut next = 0;
    for (index, page) in laid.pages.iter().enumerate() {
        let (w, h) = page.size;
        let mut p = Page {
            c: Content::with_settings_and_capacity(pdf_writer::Settings { pretty: false }, 16 * 1024),
            resolved: &resolved[next..],
            embedded: &embedded,
            in_text: false,
            font: None,
            spacing: 0.0,
            tagged,
            marks: Vec::new(),
            glyphs: Vec::new(),
            used: 0,
        };
        // The layout's coordinates: y down from the top of the page.
        p.c.transform([1.0, 0.0, 0.0, -1.0, 0.0, h]);
        let mut links = Vec::new();
        for op in &page.ops {
            match op {
                Op::Text(run) => {
                    p.begin_text();
                    p.marked(run.elem, ArtifactType::Layout, |p| p.text(run));
                }
                // Rules are drawn together at the end of the page, merged.
                Op::Rule { .. } => {}
                Op::Fill { x, y, w, h, gray } => p.fill(*x, *y, *w, *h, *gray),
                Op::Link { x, y, w, h, target } => links.push((*x, *y, *w, *h, target)),
            }
        }
        p.rules(&page.ops);
        if let Some(run) = &labels[index] {
            p.begin_text();
            p.marked(None, ArtifactType::Pagination, |p| p.text(run));
        }
        p.end_text();
        next += p.used;
        marks.push(std::mem::take(&mut p.marks));
        let raw = p.c.finish();
        let content = refs.next();
        pdf.stream(content, &deflate.content(&raw)).filter(Filter::FlateDecode);

        let mut annots = Vec::new();
        for (x, y, lw, lh, target) in links {
            let Some(&(tp, ty)) = laid.anchors.get(target) else { continue };
            let Some(&dest_page) = page_refs.get(tp) else { continue };
            let dest_h = laid.pages[tp].size.1;
            let r = refs.next();
            let mut a = pdf.annotation(r);
            a.subtype(pdf_writer::types::AnnotationType::Link);
            a.rect(Rect::new(pt(q(x)), pt(q(h - y - lh)), pt(q(x + lw)), pt(q(h - y))));
            a.border(0.0, 0.0, 0.0, None);
            a.flags(pdf_writer::types::AnnotationFlags::PRINT);
            a.insert(Name(b"Dest"))
                .array()
                .item(dest_page)
                .item(Name(b"XYZ"))
                .item(0.0f32)
                .item(dest_h - ty)
                .item(0.0f32);
            a.finish();
            annots.push(r);
        }
        let mut pg = pdf.page(page_refs[index]);
        pg.parent(page_tree).media_box(Rect::new(0.0, 0.0, w, h)).contents(content);
        pg.pair(Name(b"Resources"), resources);
        if !annots.is_empty() {
            pg.annotations(annots);
        }
        if tagged {
            pg.struct_parents(index as i32);
            pg.tab_order(TabOrder::StructureOrder);
        }
        pg.finish();
    }
    pdf.pages(page_tree).kids(page_refs.iter().copied()).count(page_refs.len() as i32);

    // Resources shared by every page.
    {
        let mut r = pdf.indirect(resources).start::<pdf_writer::writers::Resources<'_>>();
        let mut f = r.fonts();
        for e in embedded.iter().flatten() {
            f.pair(Name(e.name.as_bytes()), e.font);
        }
        f.finish();
        if a2b {
            // PDF/A allows DeviceGray (fills, rules, text) under a device-independent
            // default: calibrated gray with the sRGB gamma and the D65 white point.
            let mut cs = r.color_spaces();
            let cal = cs.insert(Name(b"DefaultGray")).start::<pdf_writer::writers::ColorSpace<'_>>();
            cal.cal_gray([0.9505, 1.0, 1.089], None, Some(2.2));
        }
    }

    for (f, e) in embedded.iter().enumerate() {
        if let Some(e) = e {
            write_font(&mut pdf, &mut refs, &mut deflate, &faces[f], e, used[f].as_ref())?;
        }
    }

    let outline = write_outline(&mut pdf, &mut refs, laid, &page_refs);
    let struct_tree =
        if tagged { Some(write_tags(&mut pdf, &mut refs, laid, &page_refs, &marks)) } else { None };

    // Metadata: the Info dictionary and the same in XMP.
    let meta = &document.meta;
    let seconds = options.timestamp.unwrap_or_else(|| meta.published.unix_seconds());
    let (date, xmp_date) = pdf_date(seconds);
    let title = format!("{}{}", meta.org, meta.title);
    let info = refs.next();
    pdf.document_info(info)
        .title(TextStr(&title))
        .author(TextStr(&meta.org))
        .creator(TextStr("gongkai"))
        .creation_date(date)
        .modified_date(date);
    let [a, b] = hashes([1, 2], pdf.as_bytes());
    let instance_id = base64(a, b);
    let document_id = {
        let key = format!("1.7\u{0}{title}\u{0}{}", meta.org);
        let [a, b] = hashes([3, 4], key.as_bytes());
        base64(a, b)
    };
    let mut xmp = xmp_writer::XmpWriter::new();
    xmp.title([(None, title.as_str())]);
    xmp.creator([meta.org.as_str()]);
    xmp.creator_tool("gongkai");
    xmp.language([xmp_writer::LangId(&meta.lang)]);
    xmp.modify_date(xmp_date);
    xmp.create_date(xmp_date);
    if a2b {
        let mut history = xmp.history();
        let source = format!("{instance_id}_source");
        history
            .add_event()
            .action(xmp_writer::ResourceEventAction::Saved)
            .when(xmp_date)
            .instance_id(&source);
        history
            .add_event()
            .action(xmp_writer::ResourceEventAction::Converted)
            .when(xmp_date)
            .software_agent("gongkai")
            .instance_id(&source);
        history.finish();
        let mut schemas = xmp.extension_schemas();
        schemas.xmp_media_management().properties().describe_instance_id();
        schemas.pdf().properties().describe_all();
        schemas.finish();
        xmp.pdfa_part(2);
        xmp.pdfa_conformance("B");
    }
    xmp.num_pages(laid.pages.len() as u32);
    xmp.format("application/pdf");
    xmp.instance_id(&instance_id);
    xmp.document_id(&document_id);
    xmp.rendition_class(xmp_writer::RenditionClass::Proof);
    xmp.pdf_version("1.7");
    let xmp = xmp.finish(None);
    let metadata = refs.next();
    pdf.metadata(metadata, xmp.as_bytes());
    pdf.set_file_id((document_id.into_bytes(), instance_id.into_bytes()));

    let mut cat = pdf.catalog(catalog);
    cat.pages(page_tree);
    cat.lang(TextStr(&meta.lang));
    cat.metadata(metadata);
    if let Some(o) = outline {
        cat.outlines(o);
    }
    if let Some(root) = struct_tree {
        cat.pair(Name(b"StructTreeRoot"), root);
        cat.mark_info().marked(true).suspects(false);
    }
    cat.finish();
    Ok(pdf.finish())
}

fn base64(a: u64, b: u64) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    let mut out = String::with_capacity(24);
    for chunk in bytes.chunks(3) {
        let v = chunk.iter().enumerate().fold(0u32, |v, (i, &b)| v | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ABC[(v >> (18 - 6 * i) & 63) as usize]));
        }
    }
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

/// The fonts of one face: Type0 font, CIDFont, descriptor, program, ToUnicode, CIDSet.
fn write_font(
    pdf: &mut Pdf,
    refs: &mut Refs,
    deflate: &mut Deflate,
    face: &Face,
    e: &Embedded,
    used: Option<&Used>,
) -> Result<(), PdfError> {
    let info = &face.info;
    let bad = |reason: String| PdfError::BadFont { font: info.postscript.clone(), reason };
    let (program, glyph_count) = match face.cff() {
        Some(Ok(cff)) => (cff.assemble(&e.glyphs).map_err(bad)?, e.glyphs.len()),
        Some(Err(reason)) => return Err(bad(reason.clone())),
        None => {
            let remapper = subsetter::GlyphRemapper::new_from_glyphs(&e.glyphs);
            let font = subsetter::subset(face.bytes.bytes(), face.index, &remapper)
                .map_err(|err| bad(format!("子集化失败：{err}")))?;
            // Composite glyphs pull in their components, after the used glyphs.
            let count = usize::from(remapper.num_gids());
            (font, count)
        }
    };
    let mut tag_key = Vec::with_capacity(e.glyphs.len() * 2 + info.postscript.len());
    tag_key.extend_from_slice(info.postscript.as_bytes());
    for g in &e.glyphs {
        tag_key.extend_from_slice(&g.to_le_bytes());
    }
    let mut h = hash(5, &tag_key);
    let tag: String = (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect();
    let base = format!("{tag}+{}", info.postscript);

    let cid_font = refs.next();
    let descriptor = refs.next();
    let cmap = refs.next();
    let cid_set = refs.next();
    let file = refs.next();

    let type0_name = if info.is_cff { format!("{base}-Identity-H") } else { base.clone() };
    pdf.type0_font(e.font)
        .base_font(Name(type0_name.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_font)
        .to_unicode(cmap);

    let mut cid = pdf.cid_font(cid_font);
    cid.subtype(if info.is_cff { CidFontType::Type0 } else { CidFontType::Type2 });
    cid.base_font(Name(base.as_bytes()));
    cid.system_info(SYSTEM_INFO);
    cid.font_descriptor(descriptor);
    cid.default_width(0.0);
    if !info.is_cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    let widths: Vec<f32> = e
        .glyphs
        .iter()
        .enumerate()
        .map(|(i, &g)| {
            let adv = if i == 0 {
                info.notdef_advance
            } else {
                used.and_then(|u| u.chars[usize::from(g)]).and_then(|c| face.glyph(c)).map_or(0.0, |(_, a)| a)
            };
            (adv * 1000.0 * 1000.0).round() / 1000.0
        })
        .collect();
    let mut w = cid.widths();
    let mut first = 0;
    while first < widths.len() {
        let mut last = first;
        while last + 1 < widths.len() && widths[last + 1].to_bits() == widths[first].to_bits() {
            last += 1;
        }
        if widths[first] != 0.0 {
            w.same(first as u16, last as u16, widths[first]);
        }
        first = last + 1;
    }
    w.finish();
    cid.finish();

    // Every CID of the embedded program is present.
    let mut set = vec![0xFFu8; glyph_count / 8];
    if glyph_count % 8 != 0 {
        set.push(!(0xFF >> (glyph_count % 8)));
    }
    pdf.stream(cid_set, &deflate.content(&set)).filter(Filter::FlateDecode);

    let mut flags = FontFlags::SYMBOLIC;
    flags.set(FontFlags::SERIF, info.serif);
    flags.set(FontFlags::FIXED_PITCH, info.fixed_pitch);
    flags.set(FontFlags::ITALIC, info.italic_angle != 0.0);
    // The subset's own box, as tight as its glyphs (viewers size text boxes with it).
    let [x1, y1, x2, y2] = face.bbox(&e.glyphs).unwrap_or(info.bbox);
    let mut d = pdf.font_descriptor(descriptor);
    d.name(Name(base.as_bytes()))
        .flags(flags)
        .bbox(Rect::new(x1, y1, x2, y2))
        .italic_angle(info.italic_angle)
        .ascent(info.ascent)
        .descent(info.descent)
        .cap_height(info.cap_height)
        .stem_v(info.stem_v)
        .cid_set(cid_set);
    if info.is_cff {
        d.font_file3(file);
    } else {
        d.font_file2(file);
    }
    d.finish();

    let mut unicode = UnicodeCmap::new(Name(b"Custom"), SYSTEM_INFO);
    if let Some(u) = used {
        for (i, &g) in e.glyphs.iter().enumerate().skip(1) {
            if let Some(c) = u.chars[usize::from(g)] {
                unicode.pair(i as u16, c);
            }
        }
    }
    let unicode = unicode.finish();
    let packed = deflate.content(unicode.as_slice());
    let mut c = pdf.cmap(cmap, &packed);
    c.writing_mode(WMode::Horizontal);
    c.filter(Filter::FlateDecode);
    c.finish();

    let packed = deflate.font(&program);
    let mut s = pdf.stream(file, &packed);
    s.filter(Filter::FlateDecode);
    if info.is_cff {
        s.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        s.pair(Name(b"Length1"), program.len() as i32);
    }
    s.finish();
    Ok(())
}

/// The outline: parts, their sections and tables, and the forms under a section; parts
/// open, their children closed.
fn write_outline(pdf: &mut Pdf, refs: &mut Refs, laid: &Layout, pages: &[Ref]) -> Option<Ref> {
    struct Node<'a> {
        title: &'a str,
        id: &'a str,
        children: Vec<Node<'a>>,
    }
    let mut parts: Vec<Node<'_>> = Vec::new();
    for item in &laid.outline {
        let node = Node { title: &item.title, id: &item.id, children: Vec::new() };
        match item.level {
            1 => parts.push(node),
            2 => match parts.last_mut() {
                Some(p) => p.children.push(node),
                None => parts.push(node),
            },
            _ => match parts.last_mut().and_then(|p| p.children.last_mut()) {
                Some(s) => s.children.push(node),
                None => parts.push(node),
            },
        }
    }
    if parts.is_empty() {
        return None;
    }
    let root = refs.next();
    fn write_level(
        pdf: &mut Pdf,
        refs: &mut Refs,
        laid: &Layout,
        pages: &[Ref],
        parent: Ref,
        nodes: &[Node<'_>],
    ) -> (Ref, Ref) {
        let ids: Vec<Ref> = nodes.iter().map(|_| refs.next()).collect();
        for (i, node) in nodes.iter().enumerate() {
            let kids = if node.children.is_empty() {
                None
            } else {
                Some(write_level(pdf, refs, laid, pages, ids[i], &node.children))
            };
            let mut item = pdf.outline_item(ids[i]);
            item.title(TextStr(node.title)).parent(parent);
            if i > 0 {
                item.prev(ids[i - 1]);
            }
            if i + 1 < ids.len() {
                item.next(ids[i + 1]);
            }
            if let Some((first, last)) = kids {
                item.first(first).last(last).count(-(node.children.len() as i32));
            }
            let (p, y) = laid.anchors.get(node.id).copied().unwrap_or((0, 0.0));
            let h = laid.pages.get(p).map_or(0.0, |pg| pg.size.1);
            if let Some(&page) = pages.get(p) {
                item.insert(Name(b"Dest"))
                    .array()
                    .item(page)
                    .item(Name(b"XYZ"))
                    .item(0.0f32)
                    .item(h - y)
                    .item(0.0f32);
            }
        }
        (ids[0], ids[ids.len() - 1])
    }
    let (first, last) = write_level(pdf, refs, laid, pages, root, &parts);
    pdf.outline(root).first(first).last(last).count(parts.len() as i32);
    Some(root)
}

/// The structure tree: every element with its sub-elements and marked content, the parent
/// tree from each page's MCIDs back to their elements.
fn write_tags(pdf: &mut Pdf, refs: &mut Refs, laid: &Layout, pages: &[Ref], marks: &[Vec<usize>]) -> Ref {
    let root = refs.next();
    let document = refs.next();
    let elems: Vec<Ref> = laid.elems.iter().map(|_| refs.next()).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); laid.elems.len()];
    let mut top = Vec::new();
    for (i, e) in laid.elems.iter().enumerate() {
        match e.parent {
            Some(p) => children[p].push(i),
            None => top.push(i),
        }
    }
    let mut contents: Vec<Vec<(usize, i32)>> = vec![Vec::new(); laid.elems.len()];
    for (page, m) in marks.iter().enumerate() {
        for (mcid, &e) in m.iter().enumerate() {
            contents[e].push((page, mcid as i32));
        }
    }
    for (i, e) in laid.elems.iter().enumerate() {
        let mut s = pdf.struct_element(elems[i]);
        match &e.kind {
            // PDF 2.0's Title, as before.
            Tagged::Title => s.custom_kind(Name(b"Title")),
            Tagged::Toc => s.kind(StructRole::TOC),
            Tagged::TocItem => s.kind(StructRole::TOCI),
            Tagged::Heading(level, text) => {
                s.title(TextStr(text));
                s.kind(match level {
                    1 => StructRole::H1,
                    2 => StructRole::H2,
                    3 => StructRole::H3,
                    4 => StructRole::H4,
                    5 => StructRole::H5,
                    _ => StructRole::H6,
                })
            }
            Tagged::P => s.kind(StructRole::P),
            Tagged::Table => s.kind(StructRole::Table),
            Tagged::Caption => s.kind(StructRole::Caption),
            Tagged::Row => s.kind(StructRole::TR),
            Tagged::HeaderCell => s.kind(StructRole::TH),
            Tagged::Cell => s.kind(StructRole::TD),
        };
        s.parent(e.parent.map_or(document, |p| elems[p]));
        let page = contents[i].first().map(|&(p, _)| p);
        if let Some(p) = page {
            s.page(pages[p]);
        }
        if e.kind == Tagged::HeaderCell {
            s.attributes().push().table().scope(pdf_writer::types::TableHeaderScope::Column);
        }
        let mut k = s.children();
        for &c in &children[i] {
            k.struct_element(elems[c]);
        }
        for &(p, mcid) in &contents[i] {
            if Some(p) == page {
                k.marked_content_id(mcid);
            } else {
                k.marked_content_ref().marked_content_id(mcid).page(pages[p]);
            }
        }
        k.finish();
        s.finish();
    }
    let mut d = pdf.struct_element(document);
    d.kind(StructRole::Document).parent(root);
    d.children().items(top.iter().map(|&t| elems[t]));
    d.finish();
    let arrays: Vec<Ref> = marks.iter().map(|_| refs.next()).collect();
    for (m, &a) in marks.iter().zip(&arrays) {
        pdf.indirect(a).array().items(m.iter().map(|&e| elems[e]));
    }
    let mut tree = pdf.indirect(root).start::<pdf_writer::writers::StructTreeRoot<'_>>();
    tree.child(document);
    let mut nums = tree.parent_tree();
    let mut n = nums.nums();
    for (i, &a) in arrays.iter().enumerate() {
        n.insert(i as i32, a);
    }
    n.finish();
    nums.finish();
    tree.finish();
    root
}
