//! Fonts: the committed OFL subsets (or a user's own files) parsed once per process, with
//! a character → (glyph, advance) table for layout.
//!
//! krilla embeds and subsets the fonts; layout needs advances, which krilla does not
//! expose, so skrifa reads them here. A character that no font of a role has is never
//! drawn as a blank: [`FontSet::face_for`] returns `None` and the caller reports it.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use krilla::text::Font;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::PdfError;

/// The committed subsets (see fonts/FONTLOG.md).
static SERIF_REGULAR: &[u8] = include_bytes!("../../../fonts/GongkaiSerifSC-Regular.otf");
static SANS_BOLD: &[u8] = include_bytes!("../../../fonts/GongkaiSansSC-Bold.otf");

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
}

/// One parsed font face.
pub struct Face {
    /// The face for krilla.
    pub(crate) font: Font,
    /// Basic Multilingual Plane, indexed by code point: (glyph id, advance in em); glyph 0
    /// (.notdef) marks a character the face lacks. Layout looks up every character many
    /// times, so this is a plain array rather than a hash map.
    bmp: Box<[(u16, f32)]>,
    /// Characters beyond the BMP (rare in budgets, but 𠀀-type names exist).
    astral: HashMap<char, (u32, f32)>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.bmp.iter().filter(|(g, _)| *g != 0).count() + self.astral.len();
        f.debug_struct("Face").field("glyphs", &count).finish_non_exhaustive()
    }
}

impl Face {
    /// Parses a face from font bytes (OTF, TTF, or a face of a TTC).
    ///
    /// # Errors
    ///
    /// [`PdfError::BadFont`] when the bytes are not a usable font.
    pub fn parse(name: &str, data: krilla::Data, bytes: &[u8], index: u32) -> Result<Face, PdfError> {
        let bad = |why: &str| PdfError::BadFont { font: name.to_owned(), reason: why.to_owned() };
        let font_ref = FontRef::from_index(bytes, index).map_err(|e| bad(&e.to_string()))?;
        let upm = f32::from(font_ref.metrics(Size::unscaled(), LocationRef::default()).units_per_em);
        let metrics = font_ref.glyph_metrics(Size::unscaled(), LocationRef::default());
        let mut bmp = vec![(0u16, 0.0f32); 0x1_0000].into_boxed_slice();
        let mut astral = HashMap::new();
        let mut any = false;
        for (cp, gid) in font_ref.charmap().mappings() {
            let adv = metrics.advance_width(gid).unwrap_or(upm) / upm;
            match (usize::try_from(cp).ok().filter(|&i| i < bmp.len()), u16::try_from(gid.to_u32())) {
                (Some(i), Ok(g)) if g != 0 => bmp[i] = (g, adv),
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
        let font = Font::new(data, index).ok_or_else(|| bad("krilla 无法读取该字体"))?;
        Ok(Face { font, bmp, astral })
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

/// The fonts of a document, by role, plus an optional fallback for missing characters.
#[derive(Debug, Clone)]
pub struct FontSet {
    body: Arc<Face>,
    bold: Arc<Face>,
    heading: Arc<Face>,
    title: Arc<Face>,
    fallback: Option<Arc<Face>>,
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
        Face::parse(&self.name, krilla::Data::from(self.bytes.clone()), &self.bytes, self.index).map(Arc::new)
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
    /// A font with wide coverage used for characters the others lack (e.g. a GBK or
    /// system Noto CJK font).
    pub fallback: Option<FontFile>,
}

impl FontSet {
    /// The built-in fonts, parsed once per process and shared by every document.
    pub fn builtin() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            let face = |name: &str, bytes: &'static [u8]| {
                // The committed fonts are checked by tests; failing here is a build defect.
                Arc::new(
                    Face::parse(name, krilla::Data::from(bytes), bytes, 0).expect("built-in font parses"),
                )
            };
            let body = face("GongkaiSerifSC-Regular", SERIF_REGULAR);
            let heading = face("GongkaiSansSC-Bold", SANS_BOLD);
            // Bold text (totals, 小标题) is set in the 黑体 face, as Chinese tables commonly
            // do; one face fewer to subset into every document.
            FontSet { body, bold: heading.clone(), title: heading.clone(), heading, fallback: None }
        })
    }

    /// The built-in fonts with some roles replaced by the user's files.
    ///
    /// # Errors
    ///
    /// A file that is not a usable font.
    pub fn with_choice(choice: &FontChoice) -> Result<FontSet, PdfError> {
        let base = Self::builtin();
        let pick = |f: &Option<FontFile>, default: &Arc<Face>| -> Result<Arc<Face>, PdfError> {
            f.as_ref().map_or_else(|| Ok(default.clone()), FontFile::face)
        };
        Ok(FontSet {
            body: pick(&choice.body, &base.body)?,
            bold: pick(&choice.bold, &base.bold)?,
            heading: pick(&choice.heading, &base.heading)?,
            title: pick(&choice.title, &base.title)?,
            fallback: choice.fallback.as_ref().map(FontFile::face).transpose()?,
        })
    }

    /// The face of a role.
    pub fn face(&self, role: Role) -> &Arc<Face> {
        match role {
            Role::Body => &self.body,
            Role::Bold => &self.bold,
            Role::Heading => &self.heading,
            Role::Title => &self.title,
        }
    }

    /// The face that draws `c` in `role`: the role's own, else the fallback.
    pub fn face_for(&self, role: Role, c: char) -> Option<&Arc<Face>> {
        let own = self.face(role);
        if own.glyph(c).is_some() {
            return Some(own);
        }
        self.fallback.as_ref().filter(|f| f.glyph(c).is_some())
    }
}

impl FontSet {
    /// The fallback face, if one was chosen.
    pub fn fallback(&self) -> Option<&Arc<Face>> {
        self.fallback.as_ref()
    }
}
