//! Display rounding: where a printed total differs from the sum of its printed parts.
//!
//! Amounts are exact and sums are exact, so a total is always right; but printed to 0.01
//! 万元, parts need not add up to the printed total (the example's 表6: the 301 items
//! print 95.00 in all, the total 95.01). The honest answer is to say so, under the table
//! and as an info diagnostic, rather than to fudge a figure.

use rust_decimal::Decimal;

use crate::check::{relations, row_label};
use crate::diag::{Diagnostic, Location};
use crate::money::{fmt2, round2};
use crate::profile::TableSpec;
use crate::rules::Rule;
use crate::table::Table;

/// Adds rounding notes to `table` and returns one info diagnostic per difference.
pub fn annotate(spec: &TableSpec, table: &mut Table) -> Vec<Diagnostic> {
    let rel = relations(spec, table);
    let mut found: Vec<(usize, usize, Decimal, Decimal, String)> = Vec::new();
    // Only where the exact figures add up: a relation that fails exactly is an identity
    // error (E501/E502), not a rounding difference.
    for (parent, children, cols) in &rel.rows {
        for &c in cols {
            let exact: Decimal = children.iter().map(|&k| table.rows[k].cells[c].amount()).sum();
            if exact != table.rows[*parent].cells[c].amount() {
                continue;
            }
            let printed = round2(table.rows[*parent].cells[c].amount());
            let parts: Decimal = children.iter().map(|&k| round2(table.rows[k].cells[c].amount())).sum();
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
            let printed = round2(row.cells[*total].amount());
            let sum: Decimal = parts.iter().map(|&p| round2(row.cells[p].amount())).sum();
            if printed != sum && !row.cells[*total].display().is_empty() {
                let names: Vec<&str> = parts.iter().map(|&p| table.columns[p].label.as_str()).collect();
                found.push((i, *total, printed, sum, names.join("、") + "之和"));
            }
        }
    }
    let mut diags = Vec::new();
    let mut items = Vec::new();
    for (row, col, printed, parts, what) in found {
        let label = row_label(table, row);
        let column = table.columns[col].label.clone();
        items.push(format!("“{label}”{column} {}，{what} {}", fmt2(printed), fmt2(parts)));
        diags.push(
            Diagnostic::new(
                Rule::DisplayRounding,
                format!(
                    "{}：“{label}”{column}列示 {}，{what}为 {}（四舍五入尾差）",
                    table.number,
                    fmt2(printed),
                    fmt2(parts)
                ),
            )
            .located(Location::Table { table: table.number.clone(), row: label, column }),
        );
    }
    if !items.is_empty() {
        table.notes.push(format!(
            "注：本表金额按四舍五入保留两位小数列示，合计数按精确数计算，与分项列示数之和存在尾差：{}。",
            items.join("；")
        ));
    }
    diags
}
