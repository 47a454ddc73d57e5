//! Reading a PDF's text layer with positions (pdf-extract's `OutputDev`), into
//! [`crate::text::Doc`].
//!
//! Characters are placed by their text rendering matrix; a line is the characters that
//! share a baseline; a span breaks where the gap between two characters is wider than a
//! quarter of the font size, which separates table cells and keeps numbers whole
//! (letter-spaced labels such as `合   计` become several spans; readers match labels on
//! the squeezed line). Coordinates become integers (hundredths of a point) at
//! once: the floating point stays in this module and never touches money.

// Geometry, not money: positions arrive as floats from the PDF and leave as integers.
#![allow(clippy::float_arithmetic)]

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::text::{Doc, Line, Page, Span};

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Not a PDF, or damaged beyond reading.
    #[error("无法读取 PDF 文件：{0}")]
    Unreadable(String),
    /// Encrypted: its text cannot be read without the password.
    #[error("PDF 文件已加密，无法读取其中的文字")]
    Encrypted,
}

#[derive(Debug, Clone, Copy)]
struct Glyph {
    /// Where its run (one string the PDF draws at one position) starts, and its place
    /// in the stream: glyphs keep the order they were drawn in, runs their position.
    run: (i64, usize),
    x0: i64,
    x1: i64,
    y: i64,
    size: i64,
    ch: char,
    /// Whether its width was estimated (the reader knew none).
    estimated: bool,
}

#[derive(Default)]
struct Collector {
    height: f64,
    /// The previous glyph's reported position and estimated end.
    last: Option<(f64, f64, f64)>,
    /// Where the current run started.
    run_x: f64,
    /// Glyphs drawn so far.
    order: usize,
    pages: Vec<Vec<Glyph>>,
}

fn centi(v: f64) -> i64 {
    if v.is_finite() { (v * 100.0).round() as i64 } else { 0 }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _: u32,
        media_box: &MediaBox,
        _: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.height = media_box.ury - media_box.lly;
        self.pages.push(Vec::new());
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text rendering matrix (Tm × CTM) scales text space to the page; the glyph's
        // advance is `width` ems of `font_size`.
        let size = font_size * trm.m21.hypot(trm.m22);
        let scale_x = font_size * trm.m11.hypot(trm.m12);
        let (raw_x, y) = (trm.m31, self.height - trm.m32);
        let Some(page) = self.pages.last_mut() else { return Ok(()) };
        // Some fonts' widths are unknown to the reader (it reports 0 and does not move
        // on): such a glyph follows the previous one, at an estimated advance.
        let x = match self.last {
            Some((lx, ly, end)) if width == 0.0 && lx == raw_x && ly == y => end,
            _ => {
                self.run_x = raw_x;
                raw_x
            }
        };
        let mut at = x;
        for ch in text.chars() {
            if ch.is_control() {
                continue;
            }
            let advance = if width > 0.0 {
                width * scale_x / text.chars().count().max(1) as f64
            } else if matches!(ch, '.' | ',' | ':' | ';' | '\'' | '!' | '|') {
                size * 0.25
            } else if ch.is_ascii() {
                size * 0.5
            } else {
                size
            };
            self.order += 1;
            page.push(Glyph {
                run: (centi(self.run_x), self.order),
                x0: centi(at),
                x1: centi(at + advance),
                y: centi(y),
                size: centi(size).max(1),
                ch,
                estimated: width == 0.0,
            });
            at += advance;
        }
        self.last = Some((raw_x, y, at));
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Reads the text of a PDF.
///
/// # Errors
///
/// [`PdfError`] when the bytes are not a readable PDF.
pub fn read(bytes: &[u8]) -> Result<Doc, PdfError> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| PdfError::Unreadable(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(PdfError::Encrypted);
    }
    let mut collector = Collector::default();
    // pdf-extract panics on some malformed files; a damaged file is bad input, not a crash.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        pdf_extract::output_doc(&doc, &mut collector)
    }));
    match run {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(PdfError::Unreadable(e.to_string())),
        Err(_) => return Err(PdfError::Unreadable("文件结构无法解析".into())),
    }
    let pages = collector.pages.into_iter().enumerate().map(|(i, glyphs)| page(i + 1, glyphs)).collect();
    Ok(Doc { pages })
}

/// Groups a page's glyphs into lines and spans.
fn page(number: usize, mut glyphs: Vec<Glyph>) -> Page {
    glyphs.retain(|g| !g.ch.is_whitespace());
    glyphs.sort_by_key(|g| (g.y, g.x0));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            // Same baseline within a third of the font size: the same line.
            Some(row) if (g.y - row[0].y).abs() * 3 <= g.size.max(row[0].size) => row.push(g),
            _ => rows.push(vec![g]),
        }
    }
    let lines = rows
        .into_iter()
        .enumerate()
        .map(|(i, mut row)| {
            row.sort_by_key(|g| g.run);
            let y = row[0].y;
            let height = row.iter().map(|g| g.size).max().unwrap_or(1);
            let mut spans: Vec<Span> = Vec::new();
            let mut last: Option<Glyph> = None;
            for g in row {
                let gap = last.map(|l| g.x0 - l.x1);
                // With estimated widths the gap is a guess: a new run is a new span.
                let new_run = last.is_some_and(|l| g.estimated && l.run.0 != g.run.0);
                match (spans.last_mut(), gap) {
                    // A gap under a quarter of the font size keeps the span: cells of a
                    // table are further apart than that, characters of one cell closer.
                    (Some(s), Some(gap)) if gap * 4 < g.size && !new_run => {
                        s.text.push(g.ch);
                        s.x1 = g.x1;
                    }
                    _ => spans.push(Span {
                        x0: g.x0,
                        x1: g.x1,
                        text: g.ch.to_string(),
                        cell: None,
                        number: false,
                    }),
                }
                last = Some(g);
            }
            Line { number: i + 1, y, height, spans }
        })
        .collect();
    Page { number, sheet: None, lines }
}
