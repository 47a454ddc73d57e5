//! `gongkai check`: reads a published 部门预算公开 — a PDF with a text layer or an xlsx
//! workbook, made by gongkai or by anyone — into the model's [`Table`]s by a profile, and
//! checks every identity of the profile and every figure of the narrative.
//!
//! ```text
//! bytes ─(pdf | xlsx)─▶ text::Doc ─(read)─▶ Imported tables ─(tables)─▶ identities
//!                              └──────────(narrative)─▶ amounts, shares, changes ─▶ Findings
//! ```
//!
//! Printed figures are rounded, so identities are compared at the printed precision: a
//! difference of one unit in the last printed digit is a rounding note (info), more is an
//! error. Whatever cannot be read (a table not found, a row not parsed) is a finding too,
//! never a silent pass. The crate does no IO: the CLI reads the file and prints the
//! report ([`html`] renders it for reviewers).
//!
//! [`Table`]: gongkai_model::table::Table

pub mod finding;
pub mod html;
pub mod narrative;
pub mod number;
pub mod pdf;
pub mod read;
pub mod tables;
pub mod text;
pub mod xlsx;

use gongkai_model::profile::Profile;
use gongkai_model::rules::Rule;
use serde::Serialize;

pub use finding::Finding;
pub use read::Imported;
pub use text::Doc;

/// The kinds of file `check` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A PDF with a text layer.
    Pdf,
    /// An xlsx workbook.
    Xlsx,
}

impl Format {
    /// The format a file's first bytes say (`%PDF`, a zip archive).
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"%PDF") || bytes.get(..1024).is_some_and(|h| h.windows(4).any(|w| w == b"%PDF"))
        {
            Some(Format::Pdf)
        } else if bytes.starts_with(b"PK\x03\x04") {
            Some(Format::Xlsx)
        } else {
            None
        }
    }
}

/// Why a document could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The PDF reader's error.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// The workbook reader's error.
    #[error(transparent)]
    Xlsx(#[from] xlsx::XlsxError),
    /// Neither a PDF nor a workbook.
    #[error("文件既不是 PDF 也不是 xlsx 工作簿")]
    Unknown,
    /// A PDF without text (a scan): nothing can be checked.
    #[error("PDF 文件没有文字层（可能是扫描件），无法核对")]
    NoText,
}

/// Reads a document's text.
///
/// # Errors
///
/// [`ReadError`] when the file cannot be read or has no text.
pub fn read_doc(bytes: &[u8]) -> Result<Doc, ReadError> {
    let doc = match Format::sniff(bytes).ok_or(ReadError::Unknown)? {
        Format::Pdf => pdf::read(bytes)?,
        Format::Xlsx => xlsx::read(bytes)?,
    };
    if doc.pages.iter().all(|p| p.lines.is_empty()) {
        return Err(ReadError::NoText);
    }
    Ok(doc)
}

/// The profile among `profiles` whose tables the document has most of (by their
/// titles); `None` when it has none of any.
pub fn detect(profiles: &[Profile], doc: &Doc) -> Option<usize> {
    let counts: Vec<usize> = profiles.iter().map(|p| read::locate(variant(p, doc), doc).len()).collect();
    let best = counts.iter().copied().max().filter(|&n| n > 0)?;
    counts.iter().position(|&n| n == best)
}

/// The profile to read `doc` by: the profile itself, or its 单位预算 variant when the
/// document is a unit's (its tables are found by the variant's titles, 预算单位…).
pub fn variant<'p>(profile: &'p Profile, doc: &Doc) -> &'p Profile {
    match profile.unit.as_deref() {
        Some(unit) if read::locate(unit, doc).len() > read::locate(profile, doc).len() => unit,
        _ => profile,
    }
}

/// One table as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableRead {
    /// The profile's id for it (`t6`).
    pub id: String,
    /// Its number (`表6`).
    pub number: String,
    /// Whether the document has it.
    pub found: bool,
    /// Rows read.
    pub rows: usize,
    /// Rows seen (read and not read).
    pub seen: usize,
}

/// Everything `check` found in one document.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The profile used.
    pub profile: String,
    /// Each table of the profile.
    pub tables: Vec<TableRead>,
    /// Amounts found in the narrative, and of those compared with a table.
    pub text_amounts: usize,
    /// Narrative amounts compared with a table.
    pub text_compared: usize,
    /// Shares and changes recomputed.
    pub text_recomputed: usize,
    /// The findings, in document order.
    pub findings: Vec<Finding>,
    /// The tables as read (for tests and `--format json` users who want the figures).
    #[serde(skip)]
    pub imported: Vec<Imported>,
}

impl Report {
    /// The number of findings of a severity.
    pub fn count(&self, severity: gongkai_model::diag::Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }
}

/// Checks a document against a profile.
pub fn check(profile: &Profile, doc: &Doc) -> Report {
    let (imported, missing) = read::read_tables(profile, doc);
    let mut findings = Vec::new();
    for &t in &missing {
        let spec = &profile.tables[t];
        let number = spec.number.clone().unwrap_or_default();
        findings.push(
            Finding::new(
                Rule::CheckTableMissing,
                format!("未找到{number}“{}”", spec.title.replace("{year}", "").replace("{org}", "")),
            )
            .cell_of(&number, None, None),
        );
    }
    for imp in &imported {
        for (place, what) in &imp.unread {
            let rule = if what.contains("无法对应到列") {
                Rule::CheckColumnUnread
            } else {
                Rule::CheckRowUnread
            };
            findings.push(Finding::new(rule, format!("{}：{what}", imp.table.number)).at(place).cell_of(
                &imp.table.number,
                None,
                None,
            ));
        }
    }
    findings.extend(tables::within(profile, &imported));
    findings.extend(tables::between(profile, &imported));
    let unlisted = read::unlisted_tables(profile, doc);
    for (place, title) in &unlisted {
        findings.push(
            Finding::new(Rule::CheckTableUnlisted, format!("“{title}”不在表套{}中，未读取", profile.id))
                .at(place),
        );
    }
    let lines = read::narrative_lines(profile, doc);
    let (text, coverage) = narrative::check(&lines, &imported, !unlisted.is_empty());
    findings.extend(text);
    finding::sort(&mut findings);
    let tables = profile
        .tables
        .iter()
        .map(|spec| {
            let imp = imported.iter().find(|i| i.table.id == spec.id);
            let (rows, seen) = imp.map_or((0, 0), Imported::recovered);
            TableRead {
                id: spec.id.clone(),
                number: spec.number.clone().unwrap_or_default(),
                found: imp.is_some(),
                rows,
                seen,
            }
        })
        .collect();
    Report {
        profile: profile.id.clone(),
        tables,
        text_amounts: coverage.amounts,
        text_compared: coverage.compared,
        text_recomputed: coverage.shares + coverage.changes,
        findings,
        imported,
    }
}
