//! Identities and agreements between the tables of a profile.

use serde::{Deserialize, Serialize};

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

/// Columns of one table, summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnsRef {
    /// Table id.
    pub table: String,
    /// Column ids, summed.
    pub columns: Vec<String>,
}

/// Two tables' columns that must agree on every row key either table has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    /// What the agreement says, for messages.
    pub name: String,
    /// First table and its columns.
    pub a: ColumnsRef,
    /// Second table and its columns.
    pub b: ColumnsRef,
}
