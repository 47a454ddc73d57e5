//! The built-in `shanghai` profile on a second pair: 上海市普陀区商务委员会's 2025 部门预算
//! (07) and, from the same input, its 本部's 单位预算 (08).
//!
//! `tests/fixtures/shanghai-2025/dept.txt` and `unit.txt` hold every printed row of the nine
//! tables of each document, cells exactly as printed (`scripts/shanghai-fixture.sh` checks
//! them against the reference texts). The input beside them reconstructs the department's
//! lines; the 中小企业服务中心 is 不单列预算, so 08 is the `--unit 本部` document and prints
//! 07's figures.
//!
//! The 2025 documents print in a style the profile (proven on 2026's 02 and 03) does not
//! have: every zero cell blank, thousands separators in every table, no `无` row in an
//! empty table, and other words for the 财政拨款 sources in 表1 and 表4. Until the profile
//! can print by year, every figure is compared by value and its printed text must be the
//! derived one in that style; the rows and labels the style changes are listed here.

use std::collections::BTreeMap;

use gongkai_model::Analysis;
use gongkai_model::input::Budget;
use gongkai_model::profile::Profile;
use gongkai_model::table::ColumnKind;
use rust_decimal::Decimal;

use crate::common::{Printed, transcribed};
use crate::common::{root, squash};
use crate::shanghai::{TEXT_OTHERWISE, rows};

const DIR: &str = "tests/fixtures/shanghai-2025";
const INPUT: &str = "shanghai-shangwuwei-2025.yaml";

fn budget() -> Budget {
    let text = std::fs::read_to_string(root().join(DIR).join(INPUT)).unwrap();
    gongkai_yaml::parse(text.as_bytes(), INPUT).map_err(|d| format!("{d:?}")).unwrap().value
}

fn profile() -> Profile {
    gongkai_profile::builtin("shanghai").unwrap()
}

/// The analysis of `budget`: its tables are whole. Its only errors are the profile's
/// comparisons of each 财政拨款 item with last year (E405 at `last_year.items`): 02's
/// 编制说明 compares every item, 07's compares none, and the input has no figure for them.
fn analyse(budget: &Budget, profile: &Profile) -> Analysis {
    use gongkai_model::rules::Rule;
    let analysis = gongkai_model::analyse(budget, profile);
    let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.is_error()).collect();
    let items =
        budget.lines.iter().map(|l| format!("{:?}", l.func)).collect::<std::collections::BTreeSet<_>>();
    assert_eq!(errors.len(), items.len(), "one E405 per 项: {errors:#?}");
    assert!(errors.iter().all(|d| d.rule.as_str() == Rule::MissingLastYear.id()), "{errors:#?}");
    analysis
}

/// A printed cell's value: blank is zero, separators dropped.
fn value(cell: &str) -> Decimal {
    if cell.is_empty() { Decimal::ZERO } else { cell.replace(',', "").parse().unwrap() }
}

/// A derived cell as the 2025 documents print it: zero blank, thousands separators.
fn in_2025_style(cell: &str) -> String {
    if cell.is_empty() || value(cell).is_zero() {
        return String::new();
    }
    let (int, frac) = cell.split_once('.').unwrap_or((cell, ""));
    let digits: Vec<char> = int.replace(',', "").chars().collect();
    let mut out = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    if frac.is_empty() { out } else { format!("{out}.{frac}") }
}

/// Labels the 2025 documents print otherwise than the profile (printed, derived): the
/// 财政拨款 sources of 表1 and 表4.
const LABELS_2025: &[(&str, &str)] = &[
    ("1. 一般公共预算资金", "1. 一般公共预算"),
    ("2. 政府性基金", "2. 政府性基金预算"),
    ("1、一般公共预算资金", "1、一般公共预算"),
    ("2、政府性基金", "2、政府性基金预算"),
    ("一、一般公共预算资金", "一、一般公共预算"),
    ("二、政府性基金", "二、政府性基金预算"),
];

/// What the comparison found: rows compared, derived cells restyled, derived `无` rows the
/// documents do not print, labels the documents print otherwise.
#[derive(Debug, Default, PartialEq)]
struct Found {
    rows: usize,
    restyled: usize,
    marker_rows: Vec<String>,
    labels: Vec<(String, String)>,
}

/// Compares every derived row with the transcription: every figure by value and, in the
/// 2025 style, as printed; every text as printed or as `LABELS_2025` has it.
fn compare(analysis: &Analysis, fixture: &BTreeMap<String, Printed>) -> Found {
    assert_eq!(analysis.tables.len(), 9);
    let mut found = Found::default();
    let mut differ = Vec::new();
    for table in &analysis.tables {
        let want = &fixture[&table.id];
        assert_eq!(table.number, "", "{}: no table number", table.id);
        assert_eq!(table.title, want.title, "{}", table.id);
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        assert_eq!(leaves, want_leaves, "{} header", table.id);
        assert_eq!(table.empty_note.as_deref(), want.empty.as_deref(), "{}", table.id);
        let is_amount: Vec<bool> = table.columns.iter().map(|c| c.kind == ColumnKind::Amount).collect();
        let mut got = rows(table);
        // An empty table's `无` row (02/03 print it, 07/08 do not).
        {
            let before = got.len();
            got.retain(|r| !(r.iter().any(|c| c == "无") && r.iter().all(|c| c.is_empty() || c == "无")));
            if got.len() < before {
                found.marker_rows.push(table.id.clone());
            }
        }
        assert_eq!(got.len(), want.rows.len(), "{}: row count", table.id);
        for (g, (line, labels, cells)) in got.iter().zip(&want.rows) {
            let got_labels: Vec<&String> =
                g.iter().zip(&is_amount).filter(|(c, a)| !**a && !c.is_empty()).map(|(c, _)| c).collect();
            let want_labels: Vec<String> = labels
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let otherwise = TEXT_OTHERWISE.iter().chain(LABELS_2025).find(|(p, _)| p == l);
                    match otherwise {
                        Some((p, derived)) => {
                            if LABELS_2025.iter().any(|(q, _)| q == p) {
                                found.labels.push(((*p).to_owned(), (*derived).to_owned()));
                            }
                            (*derived).to_owned()
                        }
                        None => l.clone(),
                    }
                })
                .collect();
            assert_eq!(
                got_labels,
                want_labels.iter().collect::<Vec<_>>(),
                "{} source line {line}: texts",
                table.id
            );
            let got_figures: Vec<&String> =
                g.iter().zip(&is_amount).filter(|(_, a)| **a).map(|(c, _)| c).collect();
            assert_eq!(got_figures.len(), cells.len(), "{} source line {line}: columns", table.id);
            for (i, (got, want)) in got_figures.iter().zip(cells).enumerate() {
                let want = want.as_deref().unwrap_or("");
                if value(got) != value(want) || in_2025_style(got) != want {
                    differ.push((table.id.clone(), *line, i, want.to_owned(), (*got).clone()));
                } else if got.as_str() != want {
                    found.restyled += 1;
                }
            }
            found.rows += 1;
        }
    }
    // 07 and 08 print no figure against their own tables (transcribe_*.py: every identity
    // holds), so every derived figure is the printed one.
    assert_eq!(
        differ,
        Vec::new(),
        "cells that differ from the reference: (table, line, column, printed, derived)"
    );
    found.labels.sort();
    found.labels.dedup();
    found
}

/// A document's gap to the profile, beside the rows: the `无` rows of 表6 and 表7, the labels
/// it prints otherwise (`labels`, as printed) and how many cells the 2025 style prints
/// otherwise (every zero, and every figure of a table the profile prints without
/// separators).
fn expect_gap(found: &Found, labels: &[&str], restyled: usize) {
    assert_eq!(found.marker_rows, ["t6", "t7"], "the profile prints 无 in the empty tables");
    let mut want: Vec<(String, String)> = LABELS_2025
        .iter()
        .filter(|(p, _)| labels.contains(p))
        .map(|(p, d)| ((*p).to_owned(), (*d).to_owned()))
        .collect();
    want.sort();
    assert_eq!(want.len(), labels.len());
    assert_eq!(found.labels, want);
    assert_eq!(found.restyled, restyled, "cells the 2025 style prints otherwise");
}

#[test]
fn every_printed_row_of_the_2025_department_budget() {
    let analysis = analyse(&budget(), &profile());
    let found = compare(&analysis, &transcribed(DIR, "dept.txt"));
    assert_eq!(found.rows, 143, "every transcribed row");
    expect_gap(
        &found,
        &["1. 一般公共预算资金", "2. 政府性基金", "一、一般公共预算资金", "二、政府性基金"],
        445,
    );
}

#[test]
fn every_printed_row_of_the_2025_unit_budget_from_the_same_input() {
    let profile = profile();
    let unit = profile.unit.as_deref().expect("the shanghai profile has a 单位预算");
    let budget = budget().unit_document(gongkai_model::input::OWN_UNIT).expect("本部");
    let analysis = analyse(&budget, unit);
    let found = compare(&analysis, &transcribed(DIR, "unit.txt"));
    assert_eq!(found.rows, 143, "every transcribed row");
    expect_gap(
        &found,
        &["1、一般公共预算资金", "2、政府性基金", "一、一般公共预算资金", "二、政府性基金"],
        217,
    );
}

#[test]
fn the_unit_budget_prints_the_department_budgets_figures() {
    // 不单列预算: the 本部's document has every line of the department.
    let profile = profile();
    let budget = budget();
    let dept = analyse(&budget, &profile);
    let own = analyse(&budget.unit_document("本部").unwrap(), profile.unit.as_deref().unwrap());
    let total = |a: &Analysis| a.tables[0].amount("total", "in");
    assert_eq!(total(&own), total(&dept));
    assert_eq!(own.facts.as_ref().unwrap().org(), "上海市普陀区商务委员会");
}
