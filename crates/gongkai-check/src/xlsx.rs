//! Reading an xlsx workbook into [`crate::text::Doc`]: one page per sheet, one line per
//! row, one span per non-empty cell.
//!
//! A cell's span covers its column (`x0 = column × 100`), so that the table reader aligns
//! workbook cells exactly as it aligns PDF text. Numbers become their shortest decimal
//! text (`1034.5`), which the amount parser reads exactly like a printed figure.

use std::io::Cursor;

use calamine::{Data, Reader as _, Xlsx};

use crate::text::{Doc, Line, Page, Span};

/// The width of one workbook column in the text model's units.
pub const COLUMN: i64 = 100;

/// Why a workbook could not be read.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// Not an xlsx workbook, or damaged.
    #[error("无法读取工作簿：{0}")]
    Unreadable(String),
}

/// `A`, `B`, … `AA` for a 0-based column.
pub fn column_name(mut col: u32) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Reads every sheet of a workbook.
///
/// # Errors
///
/// [`XlsxError`] when the bytes are not a readable workbook.
pub fn read(bytes: &[u8]) -> Result<Doc, XlsxError> {
    let mut book: Xlsx<Cursor<&[u8]>> = calamine::Reader::new(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| XlsxError::Unreadable(e.to_string()))?;
    let mut pages = Vec::new();
    for (i, name) in book.sheet_names().into_iter().enumerate() {
        let range = book.worksheet_range(&name).map_err(|e| XlsxError::Unreadable(e.to_string()))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut lines: Vec<Line> = Vec::new();
        for (r, row) in range.rows().enumerate() {
            let at = top + r as u32;
            let spans: Vec<Span> = row
                .iter()
                .enumerate()
                .filter_map(|(c, cell)| {
                    let text = match cell {
                        Data::String(s) => s.replace(['\n', '\r'], ""),
                        Data::Float(f) => f.to_string(),
                        Data::Int(n) => n.to_string(),
                        Data::Bool(_) | Data::Error(_) | Data::Empty => String::new(),
                        Data::DateTime(d) => d.to_string(),
                        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                    };
                    let col = left + c as u32;
                    (!text.trim().is_empty()).then(|| Span {
                        x0: i64::from(col) * COLUMN,
                        x1: i64::from(col) * COLUMN + COLUMN - 1,
                        text: text.trim().to_owned(),
                        cell: Some(format!("{}{}", column_name(col), at + 1)),
                        number: matches!(cell, Data::Float(_) | Data::Int(_)),
                    })
                })
                .collect();
            if !spans.is_empty() {
                lines.push(Line { number: at as usize + 1, y: i64::from(at), height: 1, spans });
            }
        }
        pages.push(Page { number: i + 1, sheet: Some(name), lines });
    }
    Ok(Doc { pages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_follow_excel() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
