//! Display rounding: where a printed total differs from the sum of its printed parts.
//!
//! Amounts are exact and sums are exact, so a total is always right; but printed to 0.01
//! 万元, parts need not add up to the printed total (the example's 表6: the 301 items
//! print 95.00 in all, the total 95.01). The honest answer is to say so, under the table
//! and as an info diagnostic, rather than to fudge a figure.

use rust_decimal::Decimal;

use crate::check::{relations, row_label};
use crate::diag::{Diagnostic, Location};
use crate::money;
use crate::profile::{RowScheme, TableSpec};
use crate::rules::Rule;
use crate::table::{Cell, Table};

/// Adds the profile's rounding sentence under `table` when a printed total differs from
/// the sum of its printed parts, and returns one info diagnostic per difference: the
/// details go to validate's findings, the page gets one sentence.
pub fn annotate(spec: &TableSpec, table: &mut Table) -> Vec<Diagnostic> {
    let rel = relations(spec, table);
    let shown = |d: Decimal| table.format.rounded(d);
    let mut found: Vec<(usize, usize, Decimal, Decimal, String)> = Vec::new();
    // Only where the exact figures add up: a relation that fails exactly is an identity
    // error (E501/E502), not a rounding difference.
    for (parent, children, cols) in &rel.rows {
        for &c in cols {
            let exact: Decimal = children.iter().map(|&k| table.rows[k].cells[c].amount()).sum();
            if exact != table.rows[*parent].cells[c].amount() {
                continue;
            }
            let printed = shown(table.rows[*parent].cells[c].amount());
            let parts: Decimal = children.iter().map(|&k| shown(table.rows[k].cells[c].amount())).sum();
            if printed != parts {
                found.push((*parent, c, printed, parts, "下级科目之和".to_owned()));
            }
        }
    }
    for (i, row) in table.rows.iter().enumerate() {
        for (total, parts) in &rel.cols {
            let exact: Decimal = parts.iter().map(|&p| row.cells[p].amount()).sum();
            if exact != row.cells[*total].amount() {
                continue;
            }
            let printed = shown(row.cells[*total].amount());
            let sum: Decimal = parts.iter().map(|&p| shown(row.cells[p].amount())).sum();
            if printed != sum && !row.cells[*total].display().is_empty() {
                let names: Vec<&str> = parts.iter().map(|&p| table.columns[p].label.as_str()).collect();
                found.push((i, *total, printed, sum, names.join("、") + "之和"));
            }
        }
    }
    let fmt = |d: Decimal| money::fixed(d, table.format.decimals, table.format.separators);
    let mut diags = Vec::new();
    for (row, col, printed, parts, what) in &found {
        let label = side_label(spec, table, *row, *col);
        let column = table.columns[*col].label.clone();
        diags.push(
            Diagnostic::new(
                Rule::DisplayRounding,
                format!(
                    "{}：“{label}”{column}列示 {}，{what}为 {}（四舍五入尾差）",
                    table.number,
                    fmt(*printed),
                    fmt(*parts)
                ),
            )
            .located(Location::Table { table: table.number.clone(), row: label, column }),
        );
    }
    if !found.is_empty() && !spec.rounding_note.trim().is_empty() {
        table.notes.push(spec.rounding_note.clone());
    }
    diags
}

/// The label of the row on the side of column `col`: in a two-sided table the text
/// cell nearest to the left of the column (支出总计 for an expenditure column, not the
/// 收入总计 beside it), else the row's label.
fn side_label(spec: &TableSpec, table: &Table, row: usize, col: usize) -> String {
    let cells = &table.rows[row].cells;
    let text = cells[..col.min(cells.len())].iter().rev().find_map(|c| match c {
        Cell::Text(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    });
    match text {
        Some(t) if matches!(spec.rows, RowScheme::Balance(_)) => t,
        _ => row_label(table, row),
    }
}
