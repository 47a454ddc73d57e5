//! The profile's identities on imported tables, at the printed precision.
//!
//! The relations are the model's ([`gongkai_model::check::relations`]: rows adding up
//! their child rows, total columns adding up their parts), and so are the identities and
//! agreements between tables. Imported figures are rounded as printed, so a difference
//! of one unit in the last printed digit is rounding (I714) — unless the document says
//! so itself in a note under the table (gongkai does, in one sentence), which is then no
//! finding at all — and anything more is an error. Between tables, a side that adds up several printed
//! cells may differ from the other by the rounding of those cells ([`slack`]); single
//! cells must agree exactly.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_model::check::{relations, row_label};
use gongkai_model::money::{MoneyUnit, fixed};
use gongkai_model::profile::{CellRef, Profile};
use gongkai_model::rules::Rule;
use gongkai_model::table::Table;
use rust_decimal::Decimal;

use crate::finding::Finding;
use crate::number::unit;
use crate::read::Imported;
use crate::text::{Place, squeeze};

/// An amount in the table's printed unit.
fn printed(table: &Table, wan: Decimal) -> Decimal {
    match table.format.unit {
        MoneyUnit::Wan => wan,
        MoneyUnit::Yuan => wan * Decimal::from(10_000),
    }
}

fn show(table: &Table, wan: Decimal) -> String {
    fixed(printed(table, wan), table.format.decimals, true)
}

/// Whether the note under the table declares this difference (`“301 工资福利支出”合计
/// 95.01，下级科目之和 95.00`).
fn declared(imp: &Imported, row: &str, column: &str, total: &str, parts: &str) -> bool {
    let notes = &imp.notes;
    let plain = |s: &str| s.replace(',', "");
    notes.contains("尾差")
        && (notes.contains(&format!("{column}{total}"))
            || notes.contains(&format!("{column}{}", plain(total))))
        && (notes.contains(parts) || notes.contains(&plain(parts)))
        && (notes.contains(&squeeze(row)) || row.is_empty())
}

/// Checks a difference: nothing, a rounding note, or an error of `rule`.
#[allow(clippy::too_many_arguments)]
fn judge(
    out: &mut Vec<Finding>,
    imp: &Imported,
    rule: Rule,
    row: usize,
    col: usize,
    want: Decimal,
    got: Decimal,
    what: &str,
    parts: usize,
) {
    let table = &imp.table;
    if want == got {
        return;
    }
    let label = row_label(table, row);
    let column = table.columns[col].label.clone();
    let (p, e) = (show(table, want), show(table, got));
    if declared(imp, &label, &squeeze(&column), &p, &e) {
        return;
    }
    let diff = printed(table, want - got);
    let one = unit(table.format.decimals);
    // n printed parts and their printed total each round by up to half a unit: the sum of
    // the parts may miss the total by up to (n + 1) / 2 units without any figure wrong.
    let rounding = one * Decimal::from(parts.div_ceil(2).max(1));
    // A note that declares rounding differences in general (由于四舍五入因素，部分分项加和
    // 与合计可能略有差异) covers them; more is an error.
    if diff.abs() <= rounding && (imp.notes.contains("四舍五入") || imp.notes.contains("尾差")) {
        return;
    }
    let rule = if diff.abs() <= rounding { Rule::CheckRounding } else { rule };
    let place = imp.places.get(row).and_then(|r| r[col].clone()).or_else(|| imp.row_places.get(row).cloned());
    let message = if rule == Rule::CheckRounding {
        format!("{}：“{label}”{column}列示 {p}，{what}为 {e}，在四舍五入尾差范围内", table.number)
    } else {
        format!("{}：“{label}”{column}列示 {p}，{what}为 {e}", table.number)
    };
    out.push(
        Finding::new(rule, message)
            .at(&place.unwrap_or_default())
            .cell_of(&table.number, Some(label), Some(column))
            .figures(p, e, fixed(diff, table.format.decimals, true)),
    );
}

/// How far two sides of an identity between tables may differ when printed: a sum of n
/// printed cells is off the printed sum by up to n/2 units of the last digit, so sides
/// of several cells differ by rounding alone (nothing a reader can fault: no printed
/// total claims that sum); two single cells print the same exact figure identically.
fn slack(left: usize, right: usize, decimals: u32) -> Decimal {
    if left <= 1 && right <= 1 {
        return Decimal::ZERO;
    }
    unit(decimals) * Decimal::from((left + right) / 2)
}

/// Where a place is in print order: (page, line), or a workbook's row.
fn order(place: &Place) -> (usize, usize) {
    let row = place.cell.as_deref().map_or(0, |c| {
        let digits: String = c.chars().rev().take_while(char::is_ascii_digit).collect();
        digits.chars().rev().collect::<String>().parse().unwrap_or(0)
    });
    (place.page.unwrap_or(0), place.line.unwrap_or(row))
}

/// The rows an unread line may belong under: the row printed before it and all that
/// row's ancestors (the line may be that row's child or any ancestor's).
fn incomplete(imp: &Imported, rows: &[(usize, Vec<usize>, Vec<usize>)]) -> BTreeSet<usize> {
    let mut parent = BTreeMap::new();
    for (p, children, _) in rows {
        for &c in children {
            parent.insert(c, *p);
        }
    }
    let mut open = BTreeSet::new();
    for (place, _) in &imp.unread {
        let at = order(place);
        let before = (0..imp.row_places.len())
            .filter(|&r| order(&imp.row_places[r]) < at)
            .max_by_key(|&r| order(&imp.row_places[r]));
        let mut row = before;
        while let Some(r) = row {
            if !open.insert(r) {
                break;
            }
            row = parent.get(&r).copied();
        }
    }
    open
}

/// Row sums and column sums within each table.
pub fn within(profile: &Profile, tables: &[Imported]) -> Vec<Finding> {
    let mut out = Vec::new();
    for imp in tables {
        let Some(spec) = profile.table(&imp.table.id) else { continue };
        let table = &imp.table;
        let rel = relations(spec, table);
        let open = incomplete(imp, &rel.rows);
        for (parent, children, cols) in &rel.rows {
            // A row with an unread line among its descendants cannot be summed (the line
            // is reported, W704): its difference is no finding about the document.
            if open.contains(parent) {
                continue;
            }
            for &c in cols {
                let want = table.rows[*parent].cells[c].amount();
                let got: Decimal = children.iter().map(|&k| table.rows[k].cells[c].amount()).sum();
                judge(
                    &mut out,
                    imp,
                    Rule::CheckRowSum,
                    *parent,
                    c,
                    want,
                    got,
                    "下级科目之和",
                    children.len(),
                );
            }
        }
        for (i, _) in table.rows.iter().enumerate() {
            for (total, parts) in &rel.cols {
                let want = table.rows[i].cells[*total].amount();
                let got: Decimal = parts.iter().map(|&p| table.rows[i].cells[p].amount()).sum();
                let names: Vec<&str> = parts.iter().map(|&p| table.columns[p].label.as_str()).collect();
                judge(
                    &mut out,
                    imp,
                    Rule::CheckColumnSum,
                    i,
                    *total,
                    want,
                    got,
                    &(names.join("、") + "之和"),
                    parts.len(),
                );
            }
        }
    }
    out
}

/// The profile's identities and agreements between the imported tables.
pub fn between(profile: &Profile, tables: &[Imported]) -> Vec<Finding> {
    let mut out = Vec::new();
    let find = |id: &str| tables.iter().find(|t| t.table.id == id);
    let place_of = |r: &CellRef| -> Place {
        find(&r.table)
            .and_then(|imp| {
                let row = imp.table.rows.iter().position(|x| x.key == r.row)?;
                let col = imp.table.column(&r.col)?;
                imp.places.get(row).and_then(|p| p[col].clone()).or_else(|| imp.row_places.get(row).cloned())
            })
            .unwrap_or_default()
    };
    for identity in &profile.identities {
        // Only between tables the document has (a missing one is reported already).
        let all = identity.left.iter().chain(&identity.right).all(|r| find(&r.table).is_some());
        if !all {
            continue;
        }
        let side = |refs: &[CellRef]| -> Decimal {
            refs.iter()
                .map(|r| find(&r.table).map_or(Decimal::ZERO, |t| t.table.amount(&r.row, &r.col)))
                .sum()
        };
        let (l, r) = (side(&identity.left), side(&identity.right));
        if l == r {
            continue;
        }
        let Some(first) = identity.left.first().and_then(|r| find(&r.table)) else { continue };
        let table = &first.table;
        let decimals = table.format.decimals;
        let diff = printed(table, l - r);
        if diff.abs() <= slack(identity.left.len(), identity.right.len(), decimals) {
            continue;
        }
        let rule = Rule::CheckCrossTable;
        let (p, e) = (show(table, l), show(table, r));
        out.push(
            Finding::new(rule, format!("{}不成立：{p} ≠ {e}", identity.name))
                .at(&place_of(&identity.left[0]))
                .cell_of(&table.number, None, None)
                .figures(p, e, fixed(diff, decimals, true)),
        );
    }
    for agreement in &profile.agreements {
        let (Some(a), Some(b)) = (find(&agreement.a.table), find(&agreement.b.table)) else { continue };
        let rows = |t: &Table| -> BTreeMap<String, usize> {
            t.rows.iter().enumerate().map(|(i, r)| (r.key.clone(), i)).collect()
        };
        let (ra, rb) = (rows(&a.table), rows(&b.table));
        let value = |t: &Table, index: &BTreeMap<String, usize>, key: &str, cols: &[String]| -> Decimal {
            let Some(&r) = index.get(key) else { return Decimal::ZERO };
            cols.iter().filter_map(|c| t.column(c)).map(|c| t.rows[r].cells[c].amount()).sum()
        };
        let keys: BTreeSet<&str> = a.table.rows.iter().chain(&b.table.rows).map(|r| r.key.as_str()).collect();
        for key in keys {
            let va = value(&a.table, &ra, key, &agreement.a.columns);
            let vb = value(&b.table, &rb, key, &agreement.b.columns);
            if va == vb {
                continue;
            }
            let table = &a.table;
            let decimals = table.format.decimals;
            let diff = printed(table, va - vb);
            if diff.abs() <= slack(agreement.a.columns.len(), agreement.b.columns.len(), decimals) {
                continue;
            }
            let rule = Rule::CheckCrossTable;
            let (row, place) = match ra.get(key) {
                Some(&i) => (row_label(table, i), a.row_places[i].clone()),
                None => rb.get(key).map_or((key.to_owned(), Place::default()), |&i| {
                    (row_label(&b.table, i), b.row_places[i].clone())
                }),
            };
            let (p, e) = (show(table, va), show(table, vb));
            out.push(
                Finding::new(rule, format!("{}不成立：“{row}” {p} ≠ {e}", agreement.name))
                    .at(&place)
                    .cell_of(&table.number, Some(row), None)
                    .figures(p, e, fixed(diff, decimals, true)),
            );
        }
    }
    out
}
