//! Diagnostics as data: what is wrong, which rule says so, and where.
//!
//! The model knows places only as [`Path`]s into the input (`lines[3].amount`). Each input
//! adapter turns a path into a [`Location`] its users recognise: `file:line:column` for
//! YAML, `sheet!cell` for a workbook. So the same rule fires with the same ID whichever
//! format the budget came in.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::rules::Rule;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something to know, such as a display rounding difference.
    Info,
    /// Output is produced, but a person should look.
    Warning,
    /// The input cannot be published as it is; nothing is written.
    Error,
}

impl Severity {
    /// The Chinese word for the severity, as printed to users.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

/// One step of a [`Path`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Seg {
    /// A mapping key (a field name).
    Key(String),
    /// A position in a list, from zero.
    Index(usize),
}

/// A place in the input, independent of its format: `lines[3].amount`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Path(pub Vec<Seg>);

impl Path {
    /// The document root.
    pub fn root() -> Self {
        Path(Vec::new())
    }

    /// This path extended by a field name.
    pub fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_owned()));
        Path(segs)
    }

    /// This path extended by a list index.
    pub fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        Path(segs)
    }

    /// The path without its last step, if it has one.
    pub fn parent(&self) -> Option<Self> {
        let mut segs = self.0.clone();
        segs.pop().map(|_| Path(segs))
    }

    /// Parses the dotted form written by [`fmt::Display`] (`lines[3].amount`).
    pub fn parse(text: &str) -> Self {
        let mut segs = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let mut rest = part;
            if let Some(open) = rest.find('[') {
                if open > 0 {
                    segs.push(Seg::Key(rest[..open].to_owned()));
                }
                rest = &rest[open..];
                while let Some(stripped) = rest.strip_prefix('[') {
                    let close = stripped.find(']').unwrap_or(stripped.len());
                    if let Ok(i) = stripped[..close].parse() {
                        segs.push(Seg::Index(i));
                    }
                    rest = stripped.get(close + 1..).unwrap_or("");
                }
            } else {
                segs.push(Seg::Key(rest.to_owned()));
            }
        }
        Path(segs)
    }
}

/// A place in the input as borrowed steps back to a start, made into a [`Path`] only when
/// a finding needs one: a reader or a check that visits every node would otherwise copy
/// all of a node's parent's steps into each of its children's paths.
#[derive(Debug, Clone, Copy)]
pub enum Trail<'p> {
    /// The document root.
    Root,
    /// A place already known as a path.
    At(&'p Path),
    /// A field of a place.
    Key(&'p Trail<'p>, &'p str),
    /// An item of a list.
    Index(&'p Trail<'p>, usize),
}

impl Trail<'_> {
    /// The place as a path.
    pub fn path(&self) -> Path {
        fn steps(trail: &Trail<'_>, out: &mut Vec<Seg>) {
            match *trail {
                Trail::Root => {}
                Trail::At(path) => out.extend_from_slice(&path.0),
                Trail::Key(parent, key) => {
                    steps(parent, out);
                    out.push(Seg::Key(key.to_owned()));
                }
                Trail::Index(parent, index) => {
                    steps(parent, out);
                    out.push(Seg::Index(index));
                }
            }
        }
        let mut segs = Vec::new();
        steps(self, &mut segs);
        Path(segs)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Where a finding is, in terms the user recognises.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Location {
    /// A place in a text file, 1-based.
    Text {
        /// The file as the user named it.
        file: String,
        /// Line, from 1.
        line: usize,
        /// Column in characters, from 1.
        column: usize,
    },
    /// A cell of a workbook.
    Cell {
        /// The file as the user named it.
        file: String,
        /// The sheet name.
        sheet: String,
        /// The cell in A1 notation.
        cell: String,
    },
    /// A whole file, when nothing finer is known.
    File {
        /// The file as the user named it.
        file: String,
    },
    /// A cell of a derived table (for identity checks).
    Table {
        /// The table's number, `表6`.
        table: String,
        /// What the row shows (code and name, or label).
        row: String,
        /// The column header.
        column: String,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Text { file, line, column } => write!(f, "{file}:{line}:{column}"),
            Location::Cell { file, sheet, cell } => write!(f, "{file}:{sheet}!{cell}"),
            Location::File { file } => write!(f, "{file}"),
            Location::Table { table, row, column } => write!(f, "{table}「{row}」行「{column}」列"),
        }
    }
}

/// One finding about a budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The stable rule ID, `E301`.
    pub rule: String,
    /// The rule's short English slug, `negative-amount`, for scripts.
    pub slug: String,
    /// Severity, fixed by the rule.
    pub severity: Severity,
    /// The message, in Chinese.
    pub message: String,
    /// Where in the input (format-neutral); empty when not about one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<Path>,
    /// Where, as the user sees it; filled in by the input adapter or the table checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Advice on how to fix it, in Chinese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` with a message.
    pub fn new(rule: Rule, message: impl Into<String>) -> Self {
        Diagnostic {
            rule: rule.id().to_owned(),
            slug: rule.slug().to_owned(),
            severity: rule.severity(),
            message: message.into(),
            path: None,
            location: None,
            hint: None,
        }
    }

    /// Attaches the input path the finding is about.
    pub fn at(mut self, path: Path) -> Self {
        self.path = Some(path);
        self
    }

    /// Attaches a user-facing location.
    pub fn located(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Attaches advice.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this finding stops output.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(loc) = &self.location {
            write!(f, "{loc}: ")?;
        } else if let Some(path) = &self.path {
            write!(f, "{path}: ")?;
        }
        write!(f, "{}[{}]: {}", self.severity.label(), self.rule, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  提示：{hint}")?;
        }
        Ok(())
    }
}

/// Resolves input paths to user-facing locations; one per input format.
pub trait SourceMap {
    /// The best location for `path`: the path itself, or its nearest ancestor that the
    /// source map knows.
    fn locate(&self, path: &Path) -> Option<Location>;
}

/// Fills in the location of every diagnostic that has a path but no location.
pub fn locate_all(diags: &mut [Diagnostic], map: &dyn SourceMap) {
    for d in diags.iter_mut().filter(|d| d.location.is_none()) {
        if let Some(path) = &d.path {
            d.location = map.locate(path);
        }
    }
}

impl Path {
    /// Whether `self` is `other` or lies under it.
    pub fn starts_with(&self, other: &Path) -> bool {
        self.0.starts_with(&other.0)
    }
}

/// The findings of reading an input and of checking it, as one list: the checks'
/// findings about places the reader had to fill in (`repaired`) are left out, since they
/// only repeat the reader's finding there.
pub fn combine(read: Vec<Diagnostic>, checked: Vec<Diagnostic>, repaired: &[Path]) -> Vec<Diagnostic> {
    let repaired: std::collections::BTreeSet<&Path> = repaired.iter().collect();
    // A path is under a repaired place when one of its prefixes is one: depth lookups,
    // not a scan of every repaired place per finding.
    let under = |p: &Path| (0..=p.0.len()).any(|n| repaired.contains(&Path(p.0[..n].to_vec())));
    let mut out = read;
    out.extend(checked.into_iter().filter(|d| d.path.as_ref().is_none_or(|p| !under(p))));
    out
}

/// An order of places: the file as a whole, then text positions, then workbook cells by
/// sheet, row and column, then derived tables; findings without a place last.
fn place_key(d: &Diagnostic) -> (u8, String, usize, usize) {
    match &d.location {
        Some(Location::File { file }) => (0, file.clone(), 0, 0),
        Some(Location::Text { file, line, column }) => (1, file.clone(), *line, *column),
        Some(Location::Cell { sheet, cell, .. }) => {
            let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
            let row: usize = cell[letters.len()..].parse().unwrap_or(0);
            let col =
                letters.bytes().fold(0usize, |n, b| n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1));
            (2, sheet.clone(), row, col)
        }
        Some(Location::Table { .. }) => (3, String::new(), 0, 0),
        None => (4, String::new(), 0, 0),
    }
}

/// Sorts findings by place (see [`place_key`]); findings at the same place keep their
/// order, and table findings keep the order of the tables.
pub fn sort_by_place(diags: &mut [Diagnostic]) {
    diags.sort_by_cached_key(place_key);
}

/// Whether any finding is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_and_parse_back() {
        let p = Path::root().key("lines").index(3).key("amount");
        assert_eq!(p.to_string(), "lines[3].amount");
        assert_eq!(Path::parse("lines[3].amount"), p);
        assert_eq!(Path::parse("a[1][2].b").to_string(), "a[1][2].b");
        assert_eq!(p.parent().unwrap().to_string(), "lines[3]");
    }
}
