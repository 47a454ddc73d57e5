//! What `gongkai check` reports: one finding per problem, with its rule, its place in
//! the document and, for figures, the printed and the recomputed value.

use gongkai_model::diag::Severity;
use gongkai_model::rules::Rule;
use serde::Serialize;

use crate::text::Place;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable ID (`E711`).
    pub rule: &'static str,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, in Chinese.
    pub message: String,
    /// The table (`表6`), when the finding is about one.
    pub table: Option<String>,
    /// The row as printed (`301 工资福利支出`).
    pub row: Option<String>,
    /// The column as printed (`合计`).
    pub column: Option<String>,
    /// Page, from 1 (PDF).
    pub page: Option<usize>,
    /// Line on the page, from 1 (PDF).
    pub line: Option<usize>,
    /// `sheet!cell` (xlsx).
    pub cell: Option<String>,
    /// The figure as printed.
    pub printed: Option<String>,
    /// The figure recomputed from the document's other figures.
    pub expected: Option<String>,
    /// printed − expected.
    pub difference: Option<String>,
    /// The rule, for sorting and severity.
    #[serde(skip)]
    pub kind: Rule,
}

impl Finding {
    /// A finding of `rule` with a message, nowhere yet.
    pub fn new(rule: Rule, message: impl Into<String>) -> Finding {
        Finding {
            rule: rule.id(),
            severity: rule.severity(),
            message: message.into(),
            table: None,
            row: None,
            column: None,
            page: None,
            line: None,
            cell: None,
            printed: None,
            expected: None,
            difference: None,
            kind: rule,
        }
    }

    /// Placed.
    pub fn at(mut self, place: &Place) -> Finding {
        self.page = place.page;
        self.line = place.line;
        self.cell.clone_from(&place.cell);
        self
    }

    /// About a table cell.
    pub fn cell_of(mut self, table: &str, row: Option<String>, column: Option<String>) -> Finding {
        self.table = Some(table.to_owned());
        self.row = row;
        self.column = column;
        self
    }

    /// With figures.
    pub fn figures(mut self, printed: String, expected: String, difference: String) -> Finding {
        self.printed = Some(printed);
        self.expected = Some(expected);
        self.difference = Some(difference);
        self
    }

    /// Where, as people read it: `第 3 页第 12 行`, `表6!D9`.
    pub fn place(&self) -> String {
        Place { page: self.page, line: self.line, cell: self.cell.clone() }.describe()
    }
}

/// Findings in document order (by place, then rule).
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.cell.is_none(), a.page, a.line, &a.cell, a.kind).cmp(&(
            b.cell.is_none(),
            b.page,
            b.line,
            &b.cell,
            b.kind,
        ))
    });
}
