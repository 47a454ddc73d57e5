//! PDF: the publishable, archivable disclosure.
//!
//! Layout is our own ([`layout`], [`grid`], [`text`]): A4 pages, a 目录 with page numbers,
//! CJK line breaking with 禁则, tables with merged headers repeated on every page, wide
//! tables on landscape pages. [`draw`] writes the PDF with pdf-writer: fonts embedded as
//! per-document subsets ([`cff`] assembles CFF subsets from a per-process charstring
//! cache), a nested outline, links, metadata, optionally a structure tree and PDF/A-2b.
//! Fonts are parsed once per process ([`FontSet::builtin`]). Output depends only on the
//! document and the options: never on other documents rendered in the same process.

// Page geometry is measured in points, with floats; money never reaches this crate as a
// float (amounts arrive as formatted text).
#![allow(clippy::float_arithmetic)]

mod cff;
mod check;
mod draw;
mod fonts;
mod grid;
mod layout;
mod text;

use gongkai_model::document::Document;
use gongkai_model::plugin::{Backend, BackendError, RenderSettings};

pub use fonts::{FontChoice, FontFile, FontSet, Role};

/// Which PDF standard to meet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PdfStandard {
    /// Plain PDF 1.7.
    #[default]
    Pdf17,
    /// PDF/A-2b, for archives.
    A2b,
}

/// Settings for PDF export.
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Creation date, seconds since the Unix epoch; `None` = the document's publication date.
    pub timestamp: Option<i64>,
    /// The standard to meet.
    pub standard: PdfStandard,
    /// Fonts; `None` = the built-in subsets.
    pub fonts: Option<FontSet>,
    /// Write a tagged PDF (structure tree: headings, paragraphs, tables with header and
    /// data cells; page furniture marked as artifacts), for screen readers and reflow.
    /// Costs about a third more time and up to twice the size, so it is asked for.
    pub tagged: bool,
}

/// Why a PDF could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Characters that no font (nor the fallback) can draw.
    #[error("以下字符在 PDF 字体中没有字形，无法正确显示：{}", describe(.0))]
    MissingGlyphs(Vec<(char, Vec<String>)>),
    /// A font file that cannot be used.
    #[error("字体 {font} 无法使用：{reason}")]
    BadFont {
        /// The font's name.
        font: String,
        /// Why.
        reason: String,
    },
    /// The PDF writer failed (for PDF/A: the document breaks a rule of the standard).
    #[error("PDF 生成失败：{0}")]
    Write(String),
}

fn describe(missing: &[(char, Vec<String>)]) -> String {
    let parts: Vec<String> = missing
        .iter()
        .map(|(c, places)| format!("“{c}”（U+{:04X}，见{}）", *c as u32, places.join("、")))
        .collect();
    format!("{}。请用 --pdf-font-fallback 指定一个包含这些字符的字体文件", parts.join("；"))
}

/// Exports a document as PDF bytes.
///
/// # Errors
///
/// [`PdfError::MissingGlyphs`] when a character cannot be drawn (never a silent blank);
/// [`PdfError::Write`] when the PDF writer or the PDF/A validation fails.
pub fn pdf(document: &Document, options: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let fonts = options.fonts.as_ref().unwrap_or_else(|| FontSet::builtin());
    let missing = check::missing_glyphs(document, fonts);
    if !missing.is_empty() {
        return Err(PdfError::MissingGlyphs(missing));
    }
    let laid = layout::layout(document, fonts);
    draw::write(document, &laid, fonts, options)
}

/// The PDF backend for the registry.
#[derive(Debug, Clone, Default)]
pub struct PdfBackend {
    /// Options other than the timestamp, which comes from the render settings.
    pub options: PdfOptions,
}

impl Backend for PdfBackend {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, document: &Document, settings: &RenderSettings) -> Result<Vec<u8>, BackendError> {
        let options =
            PdfOptions { timestamp: settings.timestamp.or(self.options.timestamp), ..self.options.clone() };
        pdf(document, &options).map_err(|e| BackendError { backend: "pdf", message: e.to_string() })
    }
}
