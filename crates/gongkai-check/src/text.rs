//! A published document as positioned text: pages of lines of spans.
//!
//! Both readers produce this one form, so that finding tables and reading their rows knows
//! nothing of the file format. A PDF span is a run of characters without a wide gap,
//! with its horizontal extent in hundredths of a point; a workbook span is one cell, its
//! extent the cell's column (so wide cells and narrow ones align the same way).

use serde::Serialize;

/// A document's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    /// The pages (PDF) or sheets (xlsx), in order.
    pub pages: Vec<Page>,
}

/// One page or sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The page number, from 1 (the sheet's position for a workbook).
    pub number: usize,
    /// The sheet's name, for a workbook.
    pub sheet: Option<String>,
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
}

/// One line of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    /// The line's number on its page, from 1 (the row number for a workbook).
    pub number: usize,
    /// The baseline, top down (hundredths of a point; the row index for a workbook).
    pub y: i64,
    /// The line height: the largest font size on the line (1 for a workbook row).
    pub height: i64,
    /// The spans, left to right.
    pub spans: Vec<Span>,
}

/// A run of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Span {
    /// Left edge.
    pub x0: i64,
    /// Right edge.
    pub x1: i64,
    /// The text, as printed (spaces inside kept).
    pub text: String,
    /// The cell it came from, for a workbook (`A5`).
    pub cell: Option<String>,
    /// A workbook's number cell: a figure even without the decimals it printed with (a
    /// workbook stores 396, a PDF prints 396.00).
    pub number: bool,
}

impl Line {
    /// The line's text, spans joined by one space.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self.spans.iter().map(|s| s.text.as_str()).collect();
        parts.join(" ")
    }

    /// The line's text without any whitespace, for matching titles and labels that are
    /// letter-spaced (`合   计`).
    pub fn squeezed(&self) -> String {
        squeeze(&self.text())
    }
}

/// Whether a (squeezed) label starts with an enumerator (`15、`, `十五、`, `(9)`, `（三）`):
/// the first line of a row's label, never the rest of one wrapped onto the next line.
pub(crate) fn enumerated(label: &str) -> bool {
    label.char_indices().find(|(_, c)| matches!(c, '、' | '）' | ')')).is_some_and(|(i, c)| {
        let head = &label[..i];
        let digits = head.trim_start_matches(['(', '（']);
        !digits.is_empty()
            && digits.chars().all(|d| d.is_ascii_digit() || "一二三四五六七八九十".contains(d))
            && (c == '、') == (digits.len() == head.len())
    })
}

/// A row label without its enumerator (`一、`, `1.`, `（一）`, `其中：`) or code.
pub(crate) fn bare(label: &str) -> String {
    let mut s = squeeze(label);
    for prefix in ["其中：", "其中:", "其中"] {
        if let Some(r) = s.strip_prefix(prefix) {
            s = r.to_owned();
        }
    }
    let enumerated = s
        .char_indices()
        .find(|(_, c)| matches!(c, '、' | '.' | '．' | '）' | ')'))
        .filter(|(i, _)| {
            s[..*i].chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十（(".contains(c)) && *i > 0
        })
        .map(|(i, c)| i + c.len_utf8());
    if let Some(i) = enumerated {
        s = s[i..].to_owned();
    }
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if matches!(digits, 3 | 5 | 7) {
        s = s[digits..].to_owned();
    }
    s
}

/// A text without whitespace (ASCII and ideographic spaces).
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Where something is in the document, as the report prints it.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// Page (PDF), from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// Line on the page (PDF), from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// `sheet!cell` (xlsx).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
}

impl Place {
    /// The place of a span on a line of a page.
    pub fn of(page: &Page, line: &Line, span: Option<&Span>) -> Place {
        match (&page.sheet, span.and_then(|s| s.cell.as_ref())) {
            (Some(sheet), Some(cell)) => {
                Place { page: None, line: None, cell: Some(format!("{sheet}!{cell}")) }
            }
            (Some(sheet), None) => {
                Place { page: None, line: None, cell: Some(format!("{sheet}!A{}", line.number)) }
            }
            (None, _) => Place { page: Some(page.number), line: Some(line.number), cell: None },
        }
    }

    /// `第 3 页第 12 行` or `表6!D9`.
    pub fn describe(&self) -> String {
        match (&self.cell, self.page, self.line) {
            (Some(cell), _, _) => cell.clone(),
            (None, Some(p), Some(l)) => format!("第 {p} 页第 {l} 行"),
            (None, Some(p), None) => format!("第 {p} 页"),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::enumerated;

    #[test]
    fn an_enumerator_starts_a_label_and_a_wrapped_rest_has_none() {
        for label in ["15、资源勘探工业信息等", "十五、资源勘探", "(9)对社会保障基金补", "（三）社会保障"]
        {
            assert!(enumerated(label), "{label}");
        }
        for label in ["支出", "助", "设）", "其中：纳入财政专户管理的收", "(9、对", "20103政府办公厅"]
        {
            assert!(!enumerated(label), "{label}");
        }
    }
}
