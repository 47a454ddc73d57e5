//! What a change of figures did to the published documents.
//!
//! Two analysed documents in (each a [`Document`] and its findings), a typed change list
//! out: every table cell that changed (as printed and exact), rows that appeared or went,
//! tables that became empty or non-empty, every narrative sentence whose words or figures
//! changed (aligned over the whole text, the changed figures marked), and the findings that
//! appeared or went. [`last_year`] compares this year's figures with last year's.
//!
//! The crate is pure: no files, no clock. [`Snapshot`] is the compact derived state a
//! batch keeps between runs so that it can say what changed since the previous one;
//! [`report`] lays a change list out for people (terminal text, HTML).

pub mod findings;
pub mod last_year;
pub mod report;
mod tables;
mod text;

use gongkai_model::diag::Diagnostic;
use gongkai_model::document::{Block, Document};
use serde::{Deserialize, Serialize};

pub use findings::FindingChanges;
pub use tables::{CellChange, CellValue, RowRef, TableChange, TableKind, TableStatus};
pub use text::{FigureChange, Marked, Part, SentenceChange, SentenceKind};

/// Version of the serialised [`Snapshot`] and [`Changes`] shapes.
pub const FORMAT_VERSION: u32 = 1;

/// One side of a comparison: a document as it would be published, and the findings of
/// the analysis that made it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// The document.
    pub document: &'a Document,
    /// Every finding, located.
    pub findings: &'a [Diagnostic],
}

/// A department's derived state, kept by `batch` between runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Always `gongkai-snapshot`.
    pub format: String,
    /// [`FORMAT_VERSION`] at the time of writing.
    pub version: u32,
    /// The document as published.
    pub document: Document,
    /// The findings of its analysis.
    pub findings: Vec<Diagnostic>,
}

/// Why a stored snapshot cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// Not JSON of the snapshot's shape.
    #[error("快照无法读取：{0}")]
    Malformed(#[from] serde_json::Error),
    /// Written by another version of the shape.
    #[error("快照的格式版本是 {found}，本程序读取版本 {FORMAT_VERSION}")]
    Version {
        /// The version found.
        found: u32,
    },
}

impl Snapshot {
    /// A snapshot of `document` and its findings.
    pub fn new(document: Document, findings: Vec<Diagnostic>) -> Snapshot {
        Snapshot { format: "gongkai-snapshot".into(), version: FORMAT_VERSION, document, findings }
    }

    /// The snapshot as compact JSON.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a snapshot written by [`Snapshot::to_json`].
    ///
    /// # Errors
    ///
    /// Bytes that are not a snapshot of this version.
    pub fn from_json(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
        #[derive(Deserialize)]
        struct Head {
            version: u32,
        }
        let head: Head = serde_json::from_slice(bytes)?;
        if head.version != FORMAT_VERSION {
            return Err(SnapshotError::Version { found: head.version });
        }
        Ok(serde_json::from_slice(bytes)?)
    }

    /// The snapshot as one side of a comparison.
    pub fn side(&self) -> Side<'_> {
        Side { document: &self.document, findings: &self.findings }
    }
}

/// A change of a single text: the document's title, a table's unit line, …
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// What it is, for people: `标题`, `编制部门`.
    pub field: String,
    /// Before (empty when there was none).
    pub old: String,
    /// After (empty when there is none).
    pub new: String,
}

/// Everything that differs between two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Always `gongkai-changes`.
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub version: u32,
    /// Whether the published documents would be identical (findings aside).
    pub identical: bool,
    /// The document's own texts: title, department, date, profile, structure.
    pub document: Vec<FieldChange>,
    /// Tables and forms that changed, in the new document's order (then the ones that went).
    pub tables: Vec<TableChange>,
    /// Narrative sentences that changed, appeared or went, in reading order.
    pub narrative: Vec<SentenceChange>,
    /// Findings that appeared or went.
    pub findings: FindingChanges,
}

/// How many changes of each kind a change list has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Tables with any change.
    pub tables: usize,
    /// Cells that changed.
    pub cells: usize,
    /// Rows that appeared or went.
    pub rows: usize,
    /// Sentences that changed, appeared or went.
    pub sentences: usize,
    /// Findings that appeared or went.
    pub findings: usize,
}

impl Changes {
    /// Whether nothing at all differs, findings included.
    pub fn is_empty(&self) -> bool {
        self.identical && self.findings.is_empty()
    }

    /// The number of changes of each kind.
    pub fn counts(&self) -> Counts {
        Counts {
            tables: self.tables.len(),
            cells: self.tables.iter().map(|t| t.cells.len()).sum(),
            rows: self.tables.iter().map(|t| t.rows_appeared.len() + t.rows_went.len()).sum(),
            sentences: self.narrative.len(),
            findings: self.findings.appeared.len() + self.findings.went.len(),
        }
    }
}

/// Compares two documents and their findings.
pub fn diff(old: Side<'_>, new: Side<'_>) -> Changes {
    let identical = old.document == new.document;
    let (tables, narrative, mut document) = if identical {
        (Vec::new(), Vec::new(), Vec::new())
    } else {
        (
            tables::diff(old.document, new.document),
            text::diff(old.document, new.document),
            meta(old.document, new.document),
        )
    };
    // Whatever else differs (a page break, the 目录) is named, so that a report of a
    // changed document is never empty.
    if !identical && tables.is_empty() && narrative.is_empty() && document.is_empty() {
        document.push(FieldChange {
            field: "文档结构".into(),
            old: structure(old.document),
            new: structure(new.document),
        });
    }
    Changes {
        format: "gongkai-changes".into(),
        version: FORMAT_VERSION,
        identical,
        document,
        tables,
        narrative,
        findings: findings::diff(old.findings, new.findings),
    }
}

/// Changes of the document's own facts.
fn meta(old: &Document, new: &Document) -> Vec<FieldChange> {
    let (a, b) = (&old.meta, &new.meta);
    let fields = [
        ("标题", a.title.clone(), b.title.clone()),
        ("部门", a.org.clone(), b.org.clone()),
        ("预算年度", a.year.to_string(), b.year.to_string()),
        ("公开日期", a.published.chinese(), b.published.chinese()),
        ("表套", a.profile.clone(), b.profile.clone()),
        ("目录级数", a.toc_levels.to_string(), b.toc_levels.to_string()),
    ];
    fields
        .into_iter()
        .filter(|(_, o, n)| o != n)
        .map(|(field, old, new)| FieldChange { field: field.into(), old, new })
        .collect()
}

/// The kinds of a document's blocks, in order, for the rare change no other part names.
fn structure(document: &Document) -> String {
    let kinds: Vec<&str> = document
        .blocks
        .iter()
        .map(|b| match b {
            Block::Cover { .. } => "封面",
            Block::Toc => "目录",
            Block::Heading { .. } => "标题",
            Block::Paragraph { .. } => "段落",
            Block::List { .. } => "列表",
            Block::Table(_) => "表",
            Block::Form { .. } => "表单",
            Block::PageBreak => "分页",
            Block::Signature { .. } => "落款",
        })
        .collect();
    kinds.join("、")
}
