//! The layout-neutral table: what every backend draws.
//!
//! A table is a title block, a header grid with spans, typed rows and notes. Amounts stay
//! exact (万元, not rounded): backends round for display with [`crate::money`], so every
//! format prints the same figures.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::MoneyUnit;

/// How amounts print in a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumberFormat {
    /// The money unit of the table (amounts are kept in exact 万元 and converted).
    pub unit: MoneyUnit,
    /// Decimal places.
    pub decimals: u32,
    /// How a zero amount prints.
    pub zero: Zero,
    /// Thousands separators.
    pub separators: bool,
    /// Decimal places of percentage cells.
    pub percent_decimals: u32,
}

impl NumberFormat {
    /// An exact amount in 万元 in the table's unit, rounded to its decimals: the figure
    /// as printed, as a number.
    pub fn rounded(&self, wan: Decimal) -> Decimal {
        let value = match self.unit {
            MoneyUnit::Wan => wan,
            MoneyUnit::Yuan => wan * Decimal::from(10_000),
        };
        value.round_dp_with_strategy(self.decimals, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }

    /// An exact amount in 万元 as this format prints it.
    pub fn amount(&self, wan: Decimal) -> String {
        let rounded = self.rounded(wan);
        if rounded.is_zero() {
            return match self.zero {
                Zero::Blank => String::new(),
                Zero::Zero => crate::money::fixed(Decimal::ZERO, self.decimals, self.separators),
                Zero::Dash => "-".to_owned(),
                Zero::Bare => "0".to_owned(),
            };
        }
        crate::money::fixed(rounded, self.decimals, self.separators)
    }

    /// A percentage as this format prints it: `1009.71%`, `-55.76%`, `0.00%`.
    pub fn percent(&self, value: Decimal) -> String {
        let rounded = value.round_dp_with_strategy(
            self.percent_decimals,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        format!("{}%", crate::money::fixed(rounded, self.percent_decimals, false))
    }
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat {
            unit: MoneyUnit::Wan,
            decimals: 2,
            zero: Zero::Blank,
            separators: true,
            percent_decimals: 2,
        }
    }
}

/// How a zero amount prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Zero {
    /// Nothing.
    Blank,
    /// `0.00` (with the table's decimals).
    Zero,
    /// `-`.
    Dash,
    /// `0`: a bare zero, without the table's decimals (tables that print `0.83` and `0`).
    Bare,
}

/// The lines above the grid, and the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// The organisation line's label (`编制部门`, `编制单位`, `部门名称`); `None` for no line.
    pub org_label: Option<String>,
    /// The unit line's label (`单位`, `金额单位`); `None` for no unit line.
    pub unit_label: Option<String>,
    /// Where the table number goes.
    pub number_position: NumberPosition,
    /// Page orientation of the table.
    pub orientation: Orientation,
    /// The line a table continued on a later page prints above its repeated header, with
    /// the organisation and unit line under it (`{number}（续）`, `续表`); `None` for the
    /// header alone. `{number}` stands for the table's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continued: Option<String>,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            org_label: Some("编制部门".into()),
            unit_label: Some("单位".into()),
            number_position: NumberPosition::Above,
            orientation: Orientation::Portrait,
            continued: None,
        }
    }
}

/// Where a table's number goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberPosition {
    /// A line of its own above the title, centred (`表1`).
    Above,
    /// A line of its own above the title, at the right (`部门公开表 1`).
    AboveRight,
    /// A line of its own above the title, at the left (`公开01表`).
    AboveLeft,
    /// Before the title on its line (`预算01表 收支总表`, `表1：…`).
    Inline,
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    /// Upright.
    Portrait,
    /// Sideways: wide tables.
    Landscape,
}

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
    /// How amounts print.
    #[serde(default)]
    pub format: NumberFormat,
    /// The lines above the grid, and the page.
    #[serde(default)]
    pub layout: Layout,
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

    /// A cell as this table prints it: amounts in the table's unit, decimals and zero
    /// style; text as it is.
    pub fn show(&self, cell: &Cell) -> String {
        match cell {
            Cell::Amount(d) => self.format.amount(*d),
            Cell::Percent(p) => self.format.percent(*p),
            Cell::Change(d) => NumberFormat { zero: Zero::Zero, ..self.format.clone() }.amount(*d),
            other => other.display(),
        }
    }

    /// Where the 表号 prints on a line of its own above the title (`Above`, `AboveLeft`,
    /// `AboveRight`); `None` for an unnumbered table or one whose number goes inline.
    pub fn number_line(&self) -> Option<NumberPosition> {
        let own_line = !self.number.is_empty() && self.layout.number_position != NumberPosition::Inline;
        own_line.then_some(self.layout.number_position)
    }

    /// The title as printed: `预算01表 收支总表` when the number goes inline (no space after a
    /// number that ends in punctuation, as `表1：`), the bare title otherwise.
    pub fn heading_title(&self) -> String {
        if self.layout.number_position != NumberPosition::Inline || self.number.is_empty() {
            return self.title.clone();
        }
        let glued = self.number.ends_with(['：', ':', '、', '．', '.', ' ', '　']);
        if glued {
            format!("{}{}", self.number, self.title)
        } else {
            format!("{} {}", self.number, self.title)
        }
    }

    /// The organisation line above the grid (`编制部门：某局`), if the table has one.
    pub fn org_line(&self) -> Option<String> {
        self.layout.org_label.as_ref().filter(|_| !self.org.is_empty()).map(|l| format!("{l}：{}", self.org))
    }

    /// The line above the repeated header on a page the table continues on (`表1（续）`),
    /// if the profile prints one.
    pub fn continued_line(&self) -> Option<String> {
        self.layout.continued.as_ref().map(|c| c.replace("{number}", &self.number))
    }

    /// The unit line above the grid (`单位：万元`), if the table has one.
    pub fn unit_line(&self) -> Option<String> {
        self.layout
            .unit_label
            .as_ref()
            .filter(|_| !self.unit.is_empty())
            .map(|l| format!("{l}：{}", self.unit))
    }

    /// The row with key `key` (`total`, a code, `u0/p3`, …).
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
    /// In a two-sided table, the rows whose sum this row is on the right side.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub right_children: Vec<usize>,
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
    /// An exact amount in 万元; printed by the table's [`NumberFormat`].
    Amount(Decimal),
    /// A percentage (exact), such as a change on last year.
    Percent(Decimal),
    /// A change on last year (增减额, exact 万元): printed like an amount, but no change
    /// prints `0.00`, since it is a figure and not an empty cell.
    Change(Decimal),
}

impl Cell {
    /// The amount (an amount or a change), or zero for other cells.
    pub fn amount(&self) -> Decimal {
        match self {
            Cell::Amount(d) | Cell::Change(d) => *d,
            _ => Decimal::ZERO,
        }
    }

    /// The cell in the default format (万元, 0.01, separators, zero blank); tables print
    /// their cells with [`Table::show`].
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Code(s) | Cell::Text(s) => s.clone(),
            Cell::Amount(d) => crate::money::fmt_cell(*d),
            Cell::Percent(p) => NumberFormat::default().percent(*p),
            Cell::Change(d) => NumberFormat { zero: Zero::Zero, ..NumberFormat::default() }.amount(*d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(zero: Zero, wan: &str, want: &str) {
        let format = NumberFormat { zero, ..NumberFormat::default() };
        assert_eq!(format.amount(wan.parse().unwrap()), want);
    }

    #[test]
    fn zeros_print_as_the_format_says() {
        check(Zero::Blank, "0", "");
        check(Zero::Zero, "0", "0.00");
        check(Zero::Dash, "0.004", "-");
        check(Zero::Bare, "0.001", "0");
        check(Zero::Bare, "0.83", "0.83");
    }
}
