//! Table-set profiles: which tables a region publishes, their headers, rows and columns.
//!
//! A profile is data. The derivation engine ([`crate::derive`]) knows a handful of row
//! schemes (a function-code tree, an economic-code tree, unit → project groupings, fixed
//! listings and the two-sided 收支 tables); everything else — titles, header trees, which
//! budget lines each column adds up, which identities must hold between tables — is
//! written here, per region. A new region is a new profile, not a new backend.

mod xinjiang;

use serde::{Deserialize, Serialize};

use crate::facts::Fact;
use crate::source::{Kind, Source};

/// A table set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// The profile's name, `xinjiang-11`.
    pub name: String,
    /// The tables, in print order.
    pub tables: Vec<TableSpec>,
    /// Equalities between cells of different tables.
    pub identities: Vec<Identity>,
    /// Pairs of columns that must agree row by row.
    pub agreements: Vec<Agreement>,
}

/// Names of the built-in profiles.
pub const BUILTIN: &[&str] = &["xinjiang-11"];

impl Profile {
    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Option<Profile> {
        match name {
            "xinjiang-11" => Some(xinjiang::profile()),
            _ => None,
        }
    }

    /// A table spec by id.
    pub fn table(&self, id: &str) -> Option<&TableSpec> {
        self.tables.iter().find(|t| t.id == id)
    }
}

/// One table of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSpec {
    /// Stable key, `t6`.
    pub id: String,
    /// 表号 as printed, `表6`.
    pub number: String,
    /// 标题.
    pub title: String,
    /// Which budget lines the table is about.
    pub scope: Filter,
    /// How rows are formed.
    pub rows: RowScheme,
    /// The header tree; its leaves, left to right, are the grid columns.
    pub header: Vec<HeaderNode>,
    /// Whether a ※ / 1, 2, 3 … numbering row closes the header.
    pub numbered: bool,
    /// Sentence printed when the scope has no lines; `{org}` and `{year}` are filled in.
    pub empty_note: Option<String>,
    /// Column identities: the column `total` equals the sum of `parts`.
    pub sums: Vec<ColumnSum>,
}

/// A column that is the sum of others (by column id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSum {
    /// The total column.
    pub total: String,
    /// Its parts.
    pub parts: Vec<String>,
}

/// A node of a header tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderNode {
    /// The printed label.
    pub label: String,
    /// For a leaf: what its column holds.
    pub column: Option<ColumnSpec>,
    /// Sub-headers.
    pub children: Vec<HeaderNode>,
}

/// What a leaf column holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ColumnSpec {
    /// Part `level` of the row's code: 0 = 类, 1 = 款, 2 = 项.
    Code(u8),
    /// The row's name (科目名称, unit name or total label).
    Name,
    /// The project name (表7).
    Project,
    /// The left label of a two-sided table (收入 side).
    LeftLabel,
    /// The left amount of a two-sided table.
    LeftAmount(String),
    /// The right label of a two-sided table (支出 side: `201 一般公共服务支出`).
    RightLabel,
    /// An amount: lines within the scope that also pass `filter`.
    Amount {
        /// Column key for identities.
        id: String,
        /// Which lines the column adds up.
        filter: Filter,
    },
}

/// How a table forms its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RowScheme {
    /// 总计, then 类 / 款 / 项 rows of the function code.
    FunctionTree {
        /// Label of the total row.
        total: String,
    },
    /// 总计, then 类 / 款 rows of the economic code.
    EconomicTree {
        /// Label of the total row.
        total: String,
    },
    /// 总计, then per unit: 类, 款 and one row per 项 × project.
    UnitFunctionProject {
        /// Label of the total row.
        total: String,
    },
    /// 总计, then per unit: one row per project (and one for basic spending).
    UnitProject {
        /// Label of the total row.
        total: String,
        /// Label of a unit's row of carried-over basic spending.
        basic: String,
    },
    /// Fixed rows, each adding up the lines that pass its filter.
    Fixed(Vec<FixedRow>),
    /// Two-sided 收支 table: fixed income rows on the left, every function 类 on the right.
    Balance {
        /// Income rows.
        left: Vec<FixedRow>,
        /// Label of the left total (收入总计).
        left_total: String,
        /// Label of the right total (支出总计).
        right_total: String,
    },
}

/// A fixed row of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixedRow {
    /// Key for identities.
    pub key: String,
    /// The printed label.
    pub label: String,
    /// Indentation level; 0 rows add up to the total.
    pub level: u8,
    /// Which lines the row adds up (within the table scope).
    pub filter: Filter,
    /// Keys of the rows this row is the sum of.
    pub children: Vec<String>,
    /// Whether this is the table's total row.
    pub total: bool,
}

/// A selection of budget lines. Every set condition must hold; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    /// Allowed fund sources.
    pub sources: Option<Vec<Source>>,
    /// 基本 or 项目.
    pub kind: Option<Kind>,
    /// 人员经费 (true) or 公用经费 (false).
    pub personnel: Option<bool>,
    /// Allowed economic 类 (3 digits).
    pub econ_classes: Option<Vec<String>>,
    /// Allowed economic 款 (5 digits).
    pub econ_codes: Option<Vec<String>>,
}

impl Filter {
    /// Whether `fact` passes.
    pub fn matches(&self, fact: &Fact) -> bool {
        self.sources.as_ref().is_none_or(|s| s.contains(&fact.source))
            && self.kind.is_none_or(|k| k == fact.kind)
            && self.personnel.is_none_or(|p| p == fact.is_personnel())
            && self.econ_classes.as_ref().is_none_or(|c| c.iter().any(|c| c == fact.econ_class()))
            && self.econ_codes.as_ref().is_none_or(|c| c.contains(&fact.econ))
    }
}

/// A reference to one cell of a derived table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellRef {
    /// Table id.
    pub table: String,
    /// Row key.
    pub row: String,
    /// Column id.
    pub col: String,
}

/// `sum(left) == sum(right)` over exact amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// What the identity says, in Chinese, for messages.
    pub name: String,
    /// Left-hand cells.
    pub left: Vec<CellRef>,
    /// Right-hand cells.
    pub right: Vec<CellRef>,
}

/// Two tables' columns that must agree on every row key either table has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// What the agreement says, for messages.
    pub name: String,
    /// First table and its columns (summed).
    pub a: (String, Vec<String>),
    /// Second table and its columns (summed).
    pub b: (String, Vec<String>),
}
