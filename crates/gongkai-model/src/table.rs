//! The layout-neutral table: what every backend draws.
//!
//! A table is a title block, a header grid with spans, typed rows and notes. Amounts stay
//! exact (万元, not rounded): backends round for display with [`crate::money`], so every
//! format prints the same figures.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One derived table, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The profile's key for the table (`t6`), stable for scripts.
    pub id: String,
    /// 表号 as printed: `表6`.
    pub number: String,
    /// 标题.
    pub title: String,
    /// 编制部门.
    pub org: String,
    /// 金额单位, `万元`.
    pub unit: String,
    /// What each grid column holds.
    pub columns: Vec<Column>,
    /// Header cells with their grid position and spans, row by row.
    pub header: Vec<HeaderCell>,
    /// Number of header rows (including the ※ numbering row when present).
    pub header_rows: usize,
    /// Data rows, in print order.
    pub rows: Vec<Row>,
    /// The sentence printed under the header when the table has no data.
    pub empty_note: Option<String>,
    /// Notes printed under the table (display rounding).
    pub notes: Vec<String>,
    /// Merged cells of the body (forms such as the performance-target tables); `row` counts
    /// data rows from 0. Cells a span covers are [`Cell::Empty`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<HeaderCell>,
}

impl Table {
    /// Whether the table has no data rows (and so prints its empty note).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The index of the column with profile key `id`.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id.as_deref() == Some(id))
    }

    /// The row with key `key` (`total`, a code, `unit:0/project:3`, …).
    pub fn row(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key)
    }

    /// The exact amount at row `key`, column `id`; zero where the row does not exist.
    pub fn amount(&self, key: &str, id: &str) -> Decimal {
        let col = self.column(id);
        self.row(key).zip(col).map_or(Decimal::ZERO, |(r, c)| r.cells[c].amount())
    }
}

/// What a grid column holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The profile's key for an amount column, used by identities.
    pub id: Option<String>,
    /// What kind of values the column has.
    pub kind: ColumnKind,
    /// The leaf header label.
    pub label: String,
    /// Relative width hint in character cells.
    pub width: u16,
}

/// The kind of values in a column, which decides alignment and number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// A classification code part (类, 款, 项): text, centred, leading zeros kept.
    Code,
    /// Names and labels: text, left aligned, indented by level.
    Text,
    /// Money: right aligned, two decimals.
    Amount,
}

/// A header cell placed on the header grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderCell {
    /// The text.
    pub text: String,
    /// Grid row, from 0.
    pub row: usize,
    /// Grid column, from 0.
    pub col: usize,
    /// Rows covered, at least 1.
    pub rowspan: usize,
    /// Columns covered, at least 1.
    pub colspan: usize,
}

/// A data row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// What the row is.
    pub kind: RowKind,
    /// A key unique within the table: `total`, a code, `u0`, `u0/p3`, `in:3`, …
    pub key: String,
    /// Nesting level for indentation, 0 for totals.
    pub level: u8,
    /// Rows whose sum this row is (indices into `rows`), for identity checks.
    pub children: Vec<usize>,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// What a row is, for styling and checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// 总计 / 合计 rows.
    Total,
    /// A budget unit's group row.
    Unit,
    /// A 类 row.
    Class,
    /// A 款 row.
    Section,
    /// A 项 row.
    Item,
    /// A project row.
    Project,
    /// A fixed row of a listing table (表1, 表4, 表10).
    Line,
    /// A row of labels inside a form (the indicator header of a performance table).
    Label,
}

impl RowKind {
    /// Whether backends print the row in bold.
    pub fn is_strong(self) -> bool {
        matches!(self, RowKind::Total | RowKind::Unit | RowKind::Label)
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", content = "v", rename_all = "lowercase")]
pub enum Cell {
    /// Nothing.
    Empty,
    /// A code part, kept as text.
    Code(String),
    /// A name or label.
    Text(String),
    /// An exact amount in 万元; zero prints blank.
    Amount(Decimal),
}

impl Cell {
    /// The amount, or zero for non-amount cells.
    pub fn amount(&self) -> Decimal {
        match self {
            Cell::Amount(d) => *d,
            _ => Decimal::ZERO,
        }
    }

    /// The cell as printed: amounts rounded to 0.01 with separators, zero blank.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Code(s) | Cell::Text(s) => s.clone(),
            Cell::Amount(d) => crate::money::fmt_cell(*d),
        }
    }
}
