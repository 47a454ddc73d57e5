//! Fonts: the committed OFL subsets (or a user's own files) parsed once per process, with
//! a character → (glyph, advance) table for layout, and the one rule that decides which
//! face draws a character.
//!
//! skrifa reads advances for layout and the metrics the PDF's font descriptors need; the
//! font programs a PDF embeds are cut per document ([`crate::cff`] for CFF faces,
//! subsetter for TrueType ones). A character the face of its role lacks is drawn by
//! the next face of the role's chain (see [`FontSet::face_for`]); a character no face of
//! the set has is never drawn as a blank: `face_for` returns `None` and the caller reports
//! it. [`FontSet::covers`] asks the same question before rendering, for validation.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use skrifa::instance::{LocationRef, Size};
use skrifa::raw::TableProvider as _;
use skrifa::{FontRef, MetadataProvider};

use crate::PdfError;
use crate::cff::{CffError, CffFace, FontBytes};

/// The committed subsets (see fonts/FONTLOG.md). Together they cover GB 18030-2022
/// implementation level 1 and all of 通用规范汉字表. Serif and Sans are each split into a
/// core face (GB2312 and symbols) and an extension face (the rest): every face a document
/// uses is embedded as a subset, and the first subset of a face in a process costs more
/// the larger the face, so an ordinary document pays for the small core faces only.
static SERIF_REGULAR: &[u8] = include_bytes!("../../../fonts/GongkaiSerifSC-Regular.otf");
static SERIF_EXT_REGULAR: &[u8] = include_bytes!("../../../fonts/GongkaiSerifSCExt-Regular.otf");
static SANS_BOLD: &[u8] = include_bytes!("../../../fonts/GongkaiSansSC-Bold.otf");
static SANS_EXT_BOLD: &[u8] = include_bytes!("../../../fonts/GongkaiSansSCExt-Bold.otf");
static KAI_REGULAR: &[u8] = include_bytes!("../../../fonts/GongkaiKaiSC-Regular.ttf");

/// What a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Body text and table cells (宋体/仿宋 substitute).
    Body,
    /// Bold body text: table totals, sub-headings.
    Bold,
    /// Headings (黑体 substitute).
    Heading,
    /// The cover title (小标宋 substitute).
    Title,
    /// Second-level headings in the GB/T 9704 style (一级 黑体, 二级 楷体): the built-in
    /// 楷体 substitute, for level-3 headings (（一）…). Characters it lacks come from the
    /// body face.
    Subheading,
}

impl Role {
    /// Every role, in a fixed order.
    pub const ALL: [Role; 5] = [Role::Body, Role::Bold, Role::Heading, Role::Title, Role::Subheading];

    fn index(self) -> usize {
        self as usize
    }
}

/// One parsed font face.
pub struct Face {
    /// The font file.
    pub(crate) bytes: FontBytes,
    /// The face's index in a collection.
    pub(crate) index: u32,
    /// What the PDF's font dictionaries say about the face.
    pub(crate) info: FaceInfo,
    /// For a CFF face: its charstring cache, prepared on first use.
    cff: OnceLock<Option<Result<CffFace, CffError>>>,
    /// The outline bounding box of every glyph a document has used (`Some(None)`: no
    /// outline), in 1/1000 em, computed once per process.
    bboxes: std::sync::Mutex<Vec<Option<Option<[f32; 4]>>>>,
    /// Basic Multilingual Plane, indexed by code point: (glyph id, advance in em); glyph 0
    /// (.notdef) marks a character the face lacks. Layout looks up every character many
    /// times, so this is a plain array rather than a hash map.
    bmp: Box<[(u16, f32)]>,
    /// Characters beyond the BMP (rare in budgets, but 𠀀-type names exist).
    astral: HashMap<char, (u32, f32)>,
    /// The BMP characters the face has, one bit each (bit `c % 64` of word `c / 64`):
    /// what a font set's coverage is the union of.
    coverage: Box<[u64]>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.bmp.iter().filter(|(g, _)| *g != 0).count() + self.astral.len();
        f.debug_struct("Face").field("glyphs", &count).finish_non_exhaustive()
    }
}

/// A face's name and metrics for the PDF, in 1/1000 em.
#[derive(Debug, Clone)]
pub(crate) struct FaceInfo {
    /// The PostScript name.
    pub(crate) postscript: String,
    /// Glyphs in the face.
    pub(crate) glyphs: u32,
    /// Whether the outlines are CFF (else TrueType).
    pub(crate) is_cff: bool,
    pub(crate) serif: bool,
    pub(crate) fixed_pitch: bool,
    pub(crate) italic_angle: f32,
    pub(crate) ascent: f32,
    pub(crate) descent: f32,
    pub(crate) cap_height: f32,
    /// From the weight class, as PDF writers commonly estimate it.
    pub(crate) stem_v: f32,
    /// The face's bounding box (head table): encloses every glyph of any subset.
    pub(crate) bbox: [f32; 4],
    /// The advance of .notdef.
    pub(crate) notdef_advance: f32,
}

impl Face {
    /// Parses a face from font bytes (OTF, TTF, or a face of a TTC).
    ///
    /// # Errors
    ///
    /// [`PdfError::BadFont`] when the bytes are not a usable font.
    pub(crate) fn parse(name: &str, data: FontBytes, index: u32) -> Result<Face, PdfError> {
        let bad = |why: &str| PdfError::BadFont { font: name.to_owned(), reason: why.to_owned() };
        let bytes = data.bytes();
        let font_ref = FontRef::from_index(bytes, index).map_err(|e| bad(&e.to_string()))?;
        let m = font_ref.metrics(Size::unscaled(), LocationRef::default());
        let upm = f32::from(m.units_per_em);
        let metrics = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut bmp = vec![(0u16, 0.0f32); 0x1_0000].into_boxed_slice();
        let mut astral = HashMap::new();
        let mut coverage = vec![0u64; 0x1_0000 / 64].into_boxed_slice();
        let mut any = false;
        for (cp, gid) in font_ref.charmap().mappings() {
            let adv = metrics.advance_width(gid).unwrap_or(upm) / upm;
            match (usize::try_from(cp).ok().filter(|&i| i < bmp.len()), u16::try_from(gid.to_u32())) {
                (Some(i), Ok(g)) if g != 0 => {
                    bmp[i] = (g, adv);
                    coverage[i / 64] |= 1 << (i % 64);
                }
                _ => {
                    if let Some(ch) = char::from_u32(cp).filter(|_| gid.to_u32() != 0) {
                        astral.insert(ch, (gid.to_u32(), adv));
                    }
                }
            }
            any = true;
        }
        if !any {
            return Err(bad("字体没有字符映射表"));
        }
        let is_cff = font_ref.cff().is_ok();
        if !is_cff && font_ref.glyf().is_err() {
            return Err(bad("字体没有轮廓表（CFF 或 glyf）"));
        }
        let k = 1000.0 / upm;
        let postscript = font_ref
            .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
            .english_or_first()
            .map(|s| s.chars().filter(|c| c.is_ascii_graphic() && !"()<>[]{}/%#".contains(*c)).collect())
            .filter(|s: &String| !s.is_empty())
            .unwrap_or_else(|| "unknown".to_owned());
        let head = font_ref.head().map_err(|e| bad(&e.to_string()))?;
        let weight = font_ref.attributes().weight.value();
        let info = FaceInfo {
            serif: postscript.contains("Serif"),
            postscript,
            glyphs: u32::from(font_ref.maxp().map_err(|e| bad(&e.to_string()))?.num_glyphs()),
            is_cff,
            fixed_pitch: m.is_monospace,
            italic_angle: m.italic_angle,
            // The typographic ascender and descender, as the layout's line boxes use them.
            ascent: font_ref.os2().map_or(m.ascent, |o| f32::from(o.s_typo_ascender())) * k,
            descent: font_ref.os2().map_or(m.descent, |o| f32::from(o.s_typo_descender())) * k,
            cap_height: m.cap_height.unwrap_or(m.ascent) * k,
            stem_v: 10.0 + 0.244 * (weight - 50.0),
            bbox: [
                f32::from(head.x_min()) * k,
                f32::from(head.y_min()) * k,
                f32::from(head.x_max()) * k,
                f32::from(head.y_max()) * k,
            ],
            notdef_advance: metrics.advance_width(skrifa::GlyphId::new(0)).unwrap_or(0.0) / upm,
        };
        let bboxes = std::sync::Mutex::new(vec![None; info.glyphs as usize]);
        Ok(Face { bytes: data, index, info, cff: OnceLock::new(), bboxes, bmp, astral, coverage })
    }

    /// The union of the outline boxes of `glyphs` (every point, control points included),
    /// in 1/1000 em: the FontBBox of a subset of them. Each glyph's box is computed once
    /// per process; many new ones (a process's first document) in two halves side by side.
    pub(crate) fn bbox(&self, glyphs: &[u16]) -> Option<[f32; 4]> {
        let missing: Vec<u16> = {
            let cache = self.bboxes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            glyphs
                .iter()
                .copied()
                .filter(|&g| cache.get(usize::from(g)).is_some_and(Option::is_none))
                .collect()
        };
        if !missing.is_empty() {
            let boxes =
                crate::cff::in_halves(&missing, |h| self.outline_boxes(h)).into_iter().flatten().flatten();
            let mut cache = self.bboxes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            for (g, b) in boxes {
                if let Some(slot) = cache.get_mut(usize::from(g)) {
                    *slot = Some(b);
                }
            }
        }
        let cache = self.bboxes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        glyphs
            .iter()
            .filter_map(|&g| cache.get(usize::from(g)).copied().flatten().flatten())
            .reduce(|u, b| [u[0].min(b[0]), u[1].min(b[1]), u[2].max(b[2]), u[3].max(b[3])])
    }

    /// The outline box of each of `glyphs` (`None`: no outline), in 1/1000 em.
    fn outline_boxes(&self, glyphs: &[u16]) -> Vec<(u16, Option<[f32; 4]>)> {
        let font = FontRef::from_index(self.bytes.bytes(), self.index).ok();
        let outlines = font.as_ref().map(|f| f.outline_glyphs());
        let upm = font
            .as_ref()
            .map_or(1000.0, |f| f32::from(f.metrics(Size::unscaled(), LocationRef::default()).units_per_em));
        let one = |g: u16| {
            let glyph = outlines.as_ref()?.get(skrifa::GlyphId::new(u32::from(g)))?;
            let mut pen = Bounds(None);
            let settings = skrifa::outline::DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
            glyph.draw(settings, &mut pen).ok()?;
            pen.0.map(|[a, b, c, d]| [a / upm * 1000.0, b / upm * 1000.0, c / upm * 1000.0, d / upm * 1000.0])
        };
        glyphs.iter().map(|&g| (g, one(g))).collect()
    }

    /// The face's CFF charstring cache (`None`: a TrueType face), prepared on first use.
    pub(crate) fn cff(&self) -> Option<&Result<CffFace, CffError>> {
        self.cff.get_or_init(|| CffFace::new(self.bytes.clone(), self.index)).as_ref()
    }

    /// The glyph id and advance (in em) of a character, if the face has it.
    pub fn glyph(&self, c: char) -> Option<(u32, f32)> {
        match self.bmp.get(c as usize) {
            Some(&(0, _)) => None,
            Some(&(g, adv)) => Some((u32::from(g), adv)),
            None => self.astral.get(&c).copied(),
        }
    }
}

/// The bounds of every point of an outline.
struct Bounds(Option<[f32; 4]>);

impl Bounds {
    fn add(&mut self, x: f32, y: f32) {
        self.0 = Some(self.0.map_or([x, y, x, y], |[a, b, c, d]| [a.min(x), b.min(y), c.max(x), d.max(y)]));
    }
}

impl skrifa::outline::OutlinePen for Bounds {
    fn move_to(&mut self, x: f32, y: f32) {
        self.add(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.add(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.add(x1, y1);
        self.add(x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.add(x1, y1);
        self.add(x2, y2);
        self.add(x, y);
    }
    fn close(&mut self) {}
}

/// The fonts of a document, by role, plus an optional fallback for missing characters.
///
/// Each role has a chain of faces, tried in order for every character: the role's own
/// face; for [`Role::Subheading`] the body face; the user's fallback; the built-in faces,
/// closest style first (a core face before its extension); then every other face of the
/// set. Because every chain holds every
/// face, whether a character can be drawn does not depend on its role: [`FontSet::covers`]
/// and the render-time check cannot disagree.
#[derive(Debug, Clone)]
pub struct FontSet {
    /// Every distinct face of the set.
    faces: Vec<Arc<Face>>,
    /// Per role (by [`Role::index`]), indices into `faces` in the order they are tried.
    chains: [Box<[usize]>; Role::ALL.len()],
    /// The index of the user's fallback face, if one was chosen.
    fallback: Option<usize>,
    /// The BMP characters some face of the set has (the union of the faces' coverage).
    coverage: Box<[u64]>,
}

/// The built-in faces, parsed once per process.
struct Builtin {
    serif: Arc<Face>,
    serif_ext: Arc<Face>,
    sans: Arc<Face>,
    sans_ext: Arc<Face>,
    kai: Arc<Face>,
}

fn builtin_faces() -> &'static Builtin {
    static FACES: OnceLock<Builtin> = OnceLock::new();
    FACES.get_or_init(|| {
        let face = |name: &str, bytes: &'static [u8]| {
            // The committed fonts are checked by tests; failing here is a build defect.
            Arc::new(Face::parse(name, FontBytes::Static(bytes), 0).expect("built-in font parses"))
        };
        Builtin {
            serif: face("GongkaiSerifSC-Regular", SERIF_REGULAR),
            serif_ext: face("GongkaiSerifSCExt-Regular", SERIF_EXT_REGULAR),
            sans: face("GongkaiSansSC-Bold", SANS_BOLD),
            sans_ext: face("GongkaiSansSCExt-Bold", SANS_EXT_BOLD),
            kai: face("GongkaiKaiSC-Regular", KAI_REGULAR),
        }
    })
}

/// A user's font file for a role.
#[derive(Debug, Clone)]
pub struct FontFile {
    /// A name for messages (the file name).
    pub name: String,
    /// The file's bytes.
    pub bytes: Arc<Vec<u8>>,
    /// The face index inside a collection (0 for plain OTF/TTF).
    pub index: u32,
}

impl FontFile {
    fn face(&self) -> Result<Arc<Face>, PdfError> {
        Face::parse(&self.name, FontBytes::Shared(self.bytes.clone()), self.index).map(Arc::new)
    }
}

/// Fonts chosen by the user; `None` keeps the built-in face of that role.
#[derive(Debug, Clone, Default)]
pub struct FontChoice {
    /// Body text and tables (e.g. 仿宋_GB2312 or 宋体).
    pub body: Option<FontFile>,
    /// Bold text.
    pub bold: Option<FontFile>,
    /// Headings (e.g. 黑体).
    pub heading: Option<FontFile>,
    /// Cover title (e.g. 方正小标宋).
    pub title: Option<FontFile>,
    /// A font with wide coverage used for characters the others lack. The built-in faces
    /// already cover GB 18030-2022 level 1, so this is for rarer ones (Extension B and
    /// beyond, e.g. a full Noto CJK or 方正 font).
    pub fallback: Option<FontFile>,
}

impl FontSet {
    /// The built-in fonts, parsed once per process and shared by every document.
    pub fn builtin() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            let b = builtin_faces();
            // Bold text (totals, 小标题) is set in the 黑体 face, as Chinese tables commonly
            // do; one face fewer to subset into every document.
            FontSet::new(
                [b.serif.clone(), b.sans.clone(), b.sans.clone(), b.sans.clone(), b.kai.clone()],
                None,
            )
        })
    }

    /// The built-in fonts with some roles replaced by the user's files.
    ///
    /// # Errors
    ///
    /// A file that is not a usable font.
    pub fn with_choice(choice: &FontChoice) -> Result<FontSet, PdfError> {
        let base = Self::builtin();
        let pick = |f: &Option<FontFile>, role: Role| -> Result<Arc<Face>, PdfError> {
            f.as_ref().map_or_else(|| Ok(base.face(role).clone()), FontFile::face)
        };
        let roles = [
            pick(&choice.body, Role::Body)?,
            pick(&choice.bold, Role::Bold)?,
            pick(&choice.heading, Role::Heading)?,
            pick(&choice.title, Role::Title)?,
            base.face(Role::Subheading).clone(),
        ];
        Ok(FontSet::new(roles, choice.fallback.as_ref().map(FontFile::face).transpose()?))
    }

    /// Builds the chains of [`FontSet`]'s rule from the faces of the roles (in
    /// [`Role::ALL`] order) and the user's fallback.
    fn new(roles: [Arc<Face>; Role::ALL.len()], fallback: Option<Arc<Face>>) -> FontSet {
        let b = builtin_faces();
        let mut faces: Vec<Arc<Face>> = Vec::new();
        let mut id = |f: &Arc<Face>| match faces.iter().position(|g| Arc::ptr_eq(g, f)) {
            Some(i) => i,
            None => {
                faces.push(f.clone());
                faces.len() - 1
            }
        };
        let own: Vec<usize> = roles.iter().map(&mut id).collect();
        let fallback = fallback.as_ref().map(&mut id);
        let (serif, serif_ext) = (id(&b.serif), id(&b.serif_ext));
        let (sans, sans_ext, kai) = (id(&b.sans), id(&b.sans_ext), id(&b.kai));
        let all = faces.len();
        let chains = Role::ALL.map(|role| {
            let mut chain = vec![own[role.index()]];
            if role == Role::Subheading {
                chain.push(own[Role::Body.index()]);
            }
            chain.extend(fallback);
            chain.extend(match role {
                Role::Body => [serif, serif_ext, kai, sans, sans_ext],
                Role::Subheading => [kai, serif, serif_ext, sans, sans_ext],
                Role::Bold | Role::Heading | Role::Title => [sans, sans_ext, serif, serif_ext, kai],
            });
            chain.extend(0..all);
            let mut seen = vec![false; all];
            chain.retain(|&i| !std::mem::replace(&mut seen[i], true));
            chain.into_boxed_slice()
        });
        let mut coverage = vec![0u64; 0x1_0000 / 64].into_boxed_slice();
        for face in &faces {
            coverage.iter_mut().zip(&face.coverage).for_each(|(w, f)| *w |= f);
        }
        FontSet { faces, chains, fallback, coverage }
    }

    /// The face of a role.
    pub fn face(&self, role: Role) -> &Arc<Face> {
        &self.faces[self.chains[role.index()][0]]
    }

    /// The face that draws `c` in `role`: the first face of the role's chain that has it.
    pub fn face_for(&self, role: Role, c: char) -> Option<&Arc<Face>> {
        self.glyph_for(role, c).map(|(i, _, _)| &self.faces[i])
    }

    /// What draws `c` in `role`: the face (an index into [`FontSet::faces`]), the glyph id
    /// and its advance in em, by [`FontSet::face_for`]'s rule.
    pub(crate) fn glyph_for(&self, role: Role, c: char) -> Option<(usize, u32, f32)> {
        self.chains[role.index()].iter().find_map(|&i| self.faces[i].glyph(c).map(|(g, adv)| (i, g, adv)))
    }

    /// Prepares what every PDF needs of the roles' own faces (a CFF face's template of
    /// the parts no glyph set changes), which the first document would otherwise do: for a
    /// thread to call ahead of it. PDFs are the same bytes whether it ran or not.
    pub fn prepare(&self) {
        for role in Role::ALL {
            let _ = self.face(role).cff();
        }
    }

    /// Every distinct face of the set.
    pub(crate) fn faces(&self) -> &[Arc<Face>] {
        &self.faces
    }

    /// Whether text in `role` can hold `c` without a missing glyph: a face of the role's
    /// chain has it, or it is a control character (never drawn; validation reports those
    /// under its own rule). The render-time check asks exactly this.
    ///
    /// Every role's chain ends with every face of the set, so a role can draw exactly the
    /// characters some face has: a bit of the set's coverage (validation asks this of every
    /// character of the input, the PDF of every character of the document).
    pub fn covers_in(&self, role: Role, c: char) -> bool {
        let i = c as usize;
        let has = match self.coverage.get(i / 64) {
            Some(word) => word >> (i % 64) & 1 == 1,
            None => self.chains[role.index()].iter().any(|&f| self.faces[f].astral.contains_key(&c)),
        };
        c.is_control() || has
    }

    /// Whether the PDF can draw `c` wherever it occurs, in any role: what validation asks
    /// of every character of the input before rendering. With the built-in fonts
    /// ([`FontSet::builtin`], used when no custom fonts are given) this is true for every
    /// character of GB 18030-2022 implementation level 1 and of 通用规范汉字表; the user's
    /// fallback font and role fonts add theirs. Costs a few array lookups.
    ///
    /// ```
    /// use gongkai_pdf::FontSet;
    /// let fonts = FontSet::builtin();
    /// assert!(fonts.covers('堃') && fonts.covers('㐀'));
    /// assert!(!fonts.covers('\u{20000}'));
    /// ```
    pub fn covers(&self, c: char) -> bool {
        Role::ALL.iter().all(|&role| self.covers_in(role, c))
    }

    /// The fallback face, if one was chosen.
    pub fn fallback(&self) -> Option<&Arc<Face>> {
        self.fallback.map(|i| &self.faces[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-character OFL subset of Noto Serif CJK SC (𠮷 𡈽, Extension B), made by
    /// scripts/make-fonts.sh: characters the built-in faces lack.
    static TEST_FALLBACK: &[u8] =
        include_bytes!("../../../tests/fixtures/fonts/GongkaiTestFallback-Regular.otf");

    fn test_font() -> FontFile {
        FontFile {
            name: "GongkaiTestFallback-Regular.otf".into(),
            bytes: Arc::new(TEST_FALLBACK.to_vec()),
            index: 0,
        }
    }

    /// Subsets' FontBBox comes from per-glyph boxes cached per process: what a face was
    /// asked before does not change the answer.
    #[test]
    fn glyph_boxes_do_not_depend_on_earlier_documents() {
        let fresh = || Face::parse("serif", FontBytes::Static(SERIF_REGULAR), 0).unwrap();
        let glyphs = |face: &Face, text: &str| -> Vec<u16> {
            let mut g: Vec<u16> = text.chars().filter_map(|c| face.glyph(c)).map(|(g, _)| g as u16).collect();
            g.push(0);
            g.sort_unstable();
            g.dedup();
            g
        };
        let face = fresh();
        let set = glyphs(&face, "部门预算公开（一）12.5%");
        let alone = face.bbox(&set).unwrap();
        let used = fresh();
        used.bbox(&glyphs(&used, "昌吉回族自治州环境污染监控中心"));
        assert_eq!(used.bbox(&set), Some(alone));
        let [x1, y1, x2, y2] = alone;
        assert!(x1 < x2 && y1 < 0.0 && y2 > 700.0, "{alone:?}");
        // A box of more glyphs holds the box of fewer.
        let more = face.bbox(&glyphs(&face, "部门预算公开（一）12.5%昌吉州")).unwrap();
        assert!(more[0] <= x1 && more[1] <= y1 && more[2] >= x2 && more[3] >= y2);
        // Many new glyphs at once are boxed in two halves side by side: the same box as
        // when they come a few at a time.
        let many: Vec<u16> = (0..u16::try_from(crate::cff::SPLIT_AT * 3).unwrap()).collect();
        let halves = fresh().bbox(&many);
        let few = fresh();
        for c in many.chunks(50) {
            let _ = few.bbox(c);
        }
        assert_eq!(few.bbox(&many), halves);
        assert!(halves.is_some());
    }

    #[test]
    fn builtin_covers_given_names_and_budget_symbols() {
        let fonts = FontSet::builtin();
        // Given names outside GB2312, Extension A (first and last), U+9FA6..U+9FEF, the
        // code points GB 18030-2005/2022 moved out of the PUA, 通用规范汉字表 beyond the
        // BMP, and the symbols budgets use.
        let wanted = "堃玥昇镕喆㐀䶵䶿龦鿯ḿ︐︙龴龻𫖯𬭎𬌗㎡€‰№①⑩⑪⑳⑴⒇⒈⒛㈠㈩ⅠⅫⅰⅹ℃±×÷≤≥〇※";
        let missing: String = wanted.chars().filter(|&c| !fonts.covers(c)).collect();
        assert!(missing.is_empty(), "not covered: {missing}");
    }

    #[test]
    fn builtin_lacks_what_is_beyond_the_set() {
        let fonts = FontSet::builtin();
        for c in ['\u{20000}', '𠮷', '\u{2A6D6}', '\u{E000}'] {
            assert!(!fonts.covers(c), "U+{:04X} covered", c as u32);
            assert!(Role::ALL.iter().all(|&r| fonts.face_for(r, c).is_none()));
        }
        // Control characters are never drawn, so never a missing glyph.
        assert!(fonts.covers('\n') && fonts.covers('\t'));
    }

    /// Every two-byte code of GB 18030 (decoded by encoding_rs, independently of the
    /// font build's Python codec), Extension A and U+4E00..U+9FEF.
    #[test]
    fn builtin_covers_gb18030_level_1() {
        let fonts = FontSet::builtin();
        let mut missing = Vec::new();
        let mut two_byte = 0;
        for lead in 0x81..=0xFEu8 {
            for trail in (0x40..=0x7Eu8).chain(0x80..=0xFE) {
                let bytes = [lead, trail];
                let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
                let mut chars = text.chars();
                let (Some(c), None, false) = (chars.next(), chars.next(), bad) else { continue };
                if ('\u{E000}'..='\u{F8FF}').contains(&c) {
                    continue; // user-defined areas: no character
                }
                two_byte += 1;
                if !fonts.covers(c) {
                    missing.push(format!("{lead:02X}{trail:02X} U+{:04X} {c}", c as u32));
                }
            }
        }
        assert!(two_byte > 21_800, "{two_byte} two-byte characters decoded");
        for c in ('\u{3400}'..='\u{4DBF}').chain('\u{4E00}'..='\u{9FEF}') {
            if !fonts.covers(c) {
                missing.push(format!("U+{:04X} {c}", c as u32));
            }
        }
        assert!(missing.is_empty(), "{} not covered: {missing:?}", missing.len());
    }

    /// Every chain holds every face, so a character is drawable in one role iff in all:
    /// validation (`covers`) and the render-time check (per role) agree, and the coverage
    /// bitmap says what walking the chain finds.
    fn assert_role_independent(fonts: &FontSet) {
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            let body = fonts.covers_in(Role::Body, c);
            assert!(Role::ALL.iter().all(|&r| fonts.covers_in(r, c) == body), "U+{:04X}", c as u32);
            let walked = c.is_control() || fonts.face_for(Role::Body, c).is_some();
            assert_eq!(body, walked, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn coverage_does_not_depend_on_the_role() {
        assert_role_independent(FontSet::builtin());
        // A title font with two characters only: the others still come from the built-in
        // faces, and its two characters can be drawn in every role.
        let title =
            FontSet::with_choice(&FontChoice { title: Some(test_font()), ..FontChoice::default() }).unwrap();
        assert_role_independent(&title);
        assert!(title.covers('𠮷') && title.covers('堃'));
        assert!(Arc::ptr_eq(title.face_for(Role::Title, '预').unwrap(), &builtin_faces().sans));
        assert!(Arc::ptr_eq(title.face_for(Role::Title, '堃').unwrap(), &builtin_faces().sans_ext));
        assert!(Arc::ptr_eq(title.face_for(Role::Body, '𠮷').unwrap(), title.face(Role::Title)));
    }

    #[test]
    fn a_custom_fallback_counts() {
        let fonts =
            FontSet::with_choice(&FontChoice { fallback: Some(test_font()), ..FontChoice::default() })
                .unwrap();
        assert!(fonts.covers('𠮷') && fonts.covers('𡈽') && fonts.covers('堃'));
        assert!(!fonts.covers('\u{20000}'));
        let fallback = fonts.fallback().unwrap();
        assert!(Arc::ptr_eq(fonts.face_for(Role::Body, '𠮷').unwrap(), fallback));
        // The role's own face comes first.
        assert!(Arc::ptr_eq(fonts.face_for(Role::Body, '国').unwrap(), fonts.face(Role::Body)));
    }

    #[test]
    fn subheading_is_the_kai_face_falling_back_to_the_body_face() {
        let fonts = FontSet::builtin();
        let kai = fonts.face(Role::Subheading);
        assert!(!Arc::ptr_eq(kai, fonts.face(Role::Body)) && !Arc::ptr_eq(kai, fonts.face(Role::Heading)));
        assert!(Arc::ptr_eq(fonts.face_for(Role::Subheading, '楷').unwrap(), kai));
        // The Kai source has few of Extension A: those come from the serif faces (the
        // extension face: Extension A is not in the core).
        assert!(kai.glyph('㐀').is_none());
        let serif_ext = &builtin_faces().serif_ext;
        assert!(Arc::ptr_eq(fonts.face_for(Role::Subheading, '㐀').unwrap(), serif_ext));
        assert!(Arc::ptr_eq(fonts.face_for(Role::Body, '㐀').unwrap(), serif_ext));
        // GB2312 text stays in the core faces.
        assert!(Arc::ptr_eq(fonts.face_for(Role::Body, '预').unwrap(), fonts.face(Role::Body)));
        assert!(Arc::ptr_eq(fonts.face_for(Role::Heading, '堃').unwrap(), &builtin_faces().sans_ext));
        // What the serif face lacks (U+9FEB..U+9FEF) comes from the Kai face.
        assert!(fonts.face(Role::Body).glyph('鿯').is_none());
        assert!(Arc::ptr_eq(fonts.face_for(Role::Body, '鿯').unwrap(), kai));
    }
}
