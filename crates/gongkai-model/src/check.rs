//! Identities on the derived tables: sums within a table and equalities between tables.
//!
//! For YAML input they hold by construction, since every cell is a sum over budget lines;
//! these checks guard the derivation itself and, later, tables imported from elsewhere.
//! Comparisons are exact. Display rounding is [`crate::rounding`]'s business.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::diag::{Diagnostic, Location};
use crate::money::fmt2;
use crate::profile::{ColumnSpec, HeaderNode, Profile, RowScheme, TableSpec};
use crate::rules::Rule;
use crate::table::{Cell, Table};

/// How a table's amounts relate, as seen by the identity checks, the rounding notes and
/// the checks of imported tables (`gongkai-check`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relations {
    /// (parent row, children rows, columns the relation holds in).
    pub rows: Vec<(usize, Vec<usize>, Vec<usize>)>,
    /// (total column, part columns), holding in every row.
    pub cols: Vec<(usize, Vec<usize>)>,
}

/// Collects the sum relations a table of `spec` must satisfy, from its rows' `children`
/// and `right_children` and the spec's column sums.
pub fn relations(spec: &TableSpec, table: &Table) -> Relations {
    // The leaf columns once, by reference: asking the header per column cloned every leaf
    // for every column.
    let mut specs = Vec::new();
    leaf_specs(&spec.header, &mut specs);
    let amount_cols: Vec<usize> = (0..table.columns.len())
        .filter(|&c| matches!(specs.get(c), Some(ColumnSpec::Amount { .. } | ColumnSpec::LeftAmount { .. })))
        .collect();
    let left_cols: Vec<usize> = (0..table.columns.len())
        .filter(|&c| matches!(specs.get(c), Some(ColumnSpec::LeftAmount { .. })))
        .collect();
    // The class rows add up on the right side only: a further pane's rows are its own.
    let pane_of = crate::profile::leaf_panes(&specs);
    let right_cols: Vec<usize> = amount_cols
        .iter()
        .copied()
        .filter(|&c| !left_cols.contains(&c) && pane_of.get(c).is_none_or(|&p| p == 0))
        .collect();
    let mut rows = Vec::new();
    let balance = matches!(spec.rows, RowScheme::Balance { .. });
    for (i, row) in table.rows.iter().enumerate() {
        if row.children.is_empty() {
            continue;
        }
        let cols = if balance { left_cols.clone() } else { amount_cols.clone() };
        rows.push((i, row.children.clone(), cols));
    }
    if balance {
        // The right side's totals add up the class rows.
        for (i, row) in table.rows.iter().enumerate().filter(|(_, r)| !r.right_children.is_empty()) {
            rows.push((i, row.right_children.clone(), right_cols.clone()));
        }
    }
    let cols = spec
        .sums
        .iter()
        .filter_map(|s| {
            let total = table.column(&s.total)?;
            let parts = s.parts.iter().map(|p| table.column(p)).collect::<Option<Vec<_>>>()?;
            Some((total, parts))
        })
        .collect();
    Relations { rows, cols }
}

fn leaf_specs<'s>(nodes: &'s [HeaderNode], out: &mut Vec<&'s ColumnSpec>) {
    for n in nodes {
        match &n.column {
            Some(c) => out.push(c),
            None => leaf_specs(&n.children, out),
        }
    }
}

/// A row as people name it: `301 工资福利支出`, `总计`, `一、本年收入`.
pub fn row_label(table: &Table, row: usize) -> String {
    let r = &table.rows[row];
    let code: String =
        r.cells.iter().filter_map(|c| if let Cell::Code(s) = c { Some(s.as_str()) } else { None }).collect();
    let name = r.cells.iter().find_map(|c| match c {
        Cell::Text(s) if !s.is_empty() => Some(s.as_str()),
        _ => None,
    });
    match (code.is_empty(), name) {
        (false, Some(n)) => format!("{code} {n}"),
        (false, None) => code,
        (true, Some(n)) => n.to_owned(),
        (true, None) => r.key.clone(),
    }
}

fn at(table: &Table, row: usize, col: usize) -> Location {
    Location::Table {
        table: table.number.clone(),
        row: row_label(table, row),
        column: table.columns[col].label.clone(),
    }
}

/// Checks every identity of the profile on the derived tables.
pub fn check_tables(profile: &Profile, tables: &[Table]) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for table in tables {
        let Some(spec) = profile.table(&table.id) else { continue };
        let rel = relations(spec, table);
        for (parent, children, cols) in &rel.rows {
            for &c in cols {
                let want = table.rows[*parent].cells[c].amount();
                let got: Decimal = children.iter().map(|&k| table.rows[k].cells[c].amount()).sum();
                if want != got {
                    diags.push(
                        Diagnostic::new(
                            Rule::RowSum,
                            format!(
                                "{}：{} 为 {}，下级合计为 {}",
                                table.number,
                                row_label(table, *parent),
                                want,
                                got
                            ),
                        )
                        .located(at(table, *parent, c)),
                    );
                }
            }
        }
        for (i, row) in table.rows.iter().enumerate() {
            for (total, parts) in &rel.cols {
                if matches!(row.cells[*total], Cell::Empty) {
                    continue;
                }
                let want = row.cells[*total].amount();
                let got: Decimal = parts.iter().map(|&p| row.cells[p].amount()).sum();
                if want != got {
                    diags.push(
                        Diagnostic::new(
                            Rule::ColumnSum,
                            format!(
                                "{}：{} 的{}为 {}，分项之和为 {}",
                                table.number,
                                row_label(table, i),
                                table.columns[*total].label,
                                want,
                                got
                            ),
                        )
                        .located(at(table, i, *total)),
                    );
                }
            }
        }
    }
    let find = |id: &str| tables.iter().find(|t| t.id == id);
    for identity in &profile.identities {
        let side = |refs: &[crate::profile::CellRef]| -> Option<Decimal> {
            refs.iter().map(|r| find(&r.table).map(|t| t.amount(&r.row, &r.col))).sum()
        };
        if let (Some(l), Some(r)) = (side(&identity.left), side(&identity.right))
            && l != r
        {
            diags.push(
                Diagnostic::new(
                    Rule::CrossTable,
                    format!("{}不成立：{} ≠ {}", identity.name, fmt2(l), fmt2(r)),
                )
                .hint(format!("左边精确值 {l}，右边精确值 {r}")),
            );
        }
    }
    for agreement in &profile.agreements {
        let (Some(a), Some(b)) = (find(&agreement.a.table), find(&agreement.b.table)) else { continue };
        // Rows by key, so that comparing two large tables stays n log n.
        let rows = |t: &'_ Table| -> BTreeMap<String, usize> {
            t.rows.iter().enumerate().map(|(i, r)| (r.key.clone(), i)).collect()
        };
        let (ra, rb) = (rows(a), rows(b));
        let value = |t: &Table, index: &BTreeMap<String, usize>, key: &str, cols: &[String]| -> Decimal {
            let Some(&r) = index.get(key) else { return Decimal::ZERO };
            cols.iter().filter_map(|c| t.column(c)).map(|c| t.rows[r].cells[c].amount()).sum()
        };
        let keys: BTreeSet<&str> = a.rows.iter().chain(&b.rows).map(|r| r.key.as_str()).collect();
        for key in keys {
            let va = value(a, &ra, key, &agreement.a.columns);
            let vb = value(b, &rb, key, &agreement.b.columns);
            if va != vb {
                diags.push(Diagnostic::new(
                    Rule::CrossTable,
                    format!("{}不成立：行 {key} {} ≠ {}", agreement.name, fmt2(va), fmt2(vb)),
                ));
            }
        }
    }
    diags
}
