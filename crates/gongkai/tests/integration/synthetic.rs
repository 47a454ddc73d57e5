//! Synthetic departments: subordinate units, 政府性基金, and identities that must hold.

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::check::check_tables;
use gongkai_model::table::{Cell, RowKind, Table};
use rust_decimal::Decimal;

use crate::common::{analyse, root};

fn synthetic() -> gongkai_model::Analysis {
    let text = std::fs::read_to_string(root().join("tests/fixtures/synthetic-units-fund.yaml")).unwrap();
    analyse(&text).unwrap()
}

fn table<'a>(tables: &'a [Table], id: &str) -> &'a Table {
    tables.iter().find(|t| t.id == id).unwrap()
}

fn wan(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn derives_without_findings_and_every_identity_holds() {
    let a = synthetic();
    let findings: Vec<_> = a.diagnostics.iter().map(ToString::to_string).collect();
    assert!(findings.is_empty(), "{findings:#?}");
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    assert!(check_tables(&profile, &a.tables).is_empty());
}

#[test]
fn units_group_table_7_and_table_11() {
    let a = synthetic();
    let units = |t: &Table| -> Vec<String> {
        t.rows.iter().filter(|r| r.kind == RowKind::Unit).map(|r| r.cells[3].display()).collect()
    };
    let t7 = table(&a.tables, "t7");
    assert_eq!(units(t7), ["某市生态环境局", "某市生态环境监测站", "某市生态环境保护综合行政执法支队"]);
    assert_eq!(t7.amount("total", "total"), wan("82"));
    assert_eq!(t7.amount("u2", "e310"), wan("25"));
    let t11 = table(&a.tables, "t11");
    let names: Vec<String> = t11.rows.iter().map(|r| r.cells[0].display()).collect();
    assert_eq!(
        names,
        [
            "总计",
            "某市生态环境局",
            "城区扬尘治理",
            "某市生态环境监测站",
            "监测设备更新",
            "某市生态环境保护综合行政执法支队",
            "基本支出"
        ]
    );
    assert_eq!(t11.amount("u2/basic", "nonfiscal_public"), wan("2"));
    assert_eq!(t11.amount("total", "fiscal_project"), wan("14"));
}

#[test]
fn government_funds_fill_table_8_and_the_fund_columns() {
    let a = synthetic();
    let t8 = table(&a.tables, "t8");
    assert!(t8.empty_note.is_none());
    assert_eq!(t8.amount("total", "project"), wan("35"));
    assert_eq!(t8.amount("2120803", "total"), wan("30"));
    assert_eq!(t8.amount("2296002", "total"), wan("5"));
    let t2 = table(&a.tables, "t2");
    assert_eq!(t2.amount("total", "fund"), wan("30"));
    assert_eq!(t2.amount("total", "fund_transfer"), wan("5"));
    assert_eq!(t2.amount("total", "carry_fiscal"), wan("14"));
    assert_eq!(t2.amount("total", "unit"), wan("6"));
    let t9 = table(&a.tables, "t9");
    assert!(t9.is_empty() && t9.empty_note.as_deref().unwrap().contains("国有资本经营"));
}

#[test]
fn all_three_public_items() {
    let a = synthetic();
    let t10 = table(&a.tables, "t10");
    let got: Vec<(String, String)> =
        t10.rows.iter().map(|r| (r.cells[0].display(), r.cells[1].display())).collect();
    let want = [
        ("合计", "30.50"),
        ("因公出国（境）费", "2.00"),
        ("公务接待费", "0.50"),
        ("公务用车购置及运行费（小计）", "28.00"),
        ("其中：公务用车购置费", "25.00"),
        ("公务用车运行费", "3.00"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    assert_eq!(got, want);
}

/// The checks are not vacuous: a tampered cell breaks the identities it belongs to.
#[test]
fn tampered_tables_fail_the_checks() {
    let a = synthetic();
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    let cases: [(&str, &str, &str, &[&str]); 4] = [
        ("t3", "21101", "basic", &["E501", "E502"]),
        ("t6", "total", "total", &["E501", "E502", "E503"]),
        ("t1", "general", "in", &["E501"]),
        ("t8", "2296002", "total", &["E501", "E502", "E503"]),
    ];
    for (id, row, col, rules) in cases {
        let mut tables = a.tables.clone();
        let t = tables.iter_mut().find(|t| t.id == id).unwrap();
        let c = t.column(col).unwrap();
        let r = t.rows.iter_mut().find(|r| r.key == row).unwrap();
        r.cells[c] = Cell::Amount(r.cells[c].amount() + Decimal::new(1, 2));
        let found: Vec<String> = check_tables(&profile, &tables).into_iter().map(|d| d.rule).collect();
        for rule in rules {
            assert!(found.iter().any(|f| f == rule), "{id}/{row}/{col}: expected {rule}, got {found:?}");
        }
    }
}

/// A 类 the catalogue does not know, named in `code_names`, gets its own row on the 支出
/// side of 表1 and 表4, so their totals still add up.
#[test]
fn a_named_new_class_appears_in_the_balance_tables() {
    let yaml = crate::common::minimal(
        "  - {func: 2340101, econ: 30201, kind: 基本, source: 一般公共预算, amount: 30000}
  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: 150000}
",
    ) + "code_names: {\"234\": 新设支出, \"23401\": 新设款, \"2340101\": 新设项}\n";
    let a = analyse(&yaml).unwrap();
    assert!(
        a.diagnostics.iter().all(|d| !d.rule.starts_with("E5") && d.rule != "I510"),
        "{:#?}",
        a.diagnostics
    );
    for (id, col) in [("t1", "out"), ("t4", "total")] {
        let t = table(&a.tables, id);
        let row = t.rows.iter().find(|r| r.cells.iter().any(|c| c.display() == "234 新设支出")).expect(id);
        assert_eq!(row.cells[t.column(col).unwrap()].amount(), wan("3"), "{id}");
    }
}

/// Three 类 of 40 元 (0.004 万元) each print 0.00, their total 0.012 prints 0.01: the balance
/// tables' expenditure side does not add up as printed. The note is one sentence, and the
/// finding names the expenditure side's total, not the 收入总计 printed beside it.
#[test]
fn a_rounding_difference_is_one_sentence_and_names_its_side() {
    let line = |func: &str| {
        format!("  - {{func: {func}, econ: 30201, kind: 基本, source: 一般公共预算, amount: 40}}\n")
    };
    let yaml = crate::common::minimal(&(line("2011301") + &line("2080505") + &line("2101101")));
    let a = analyse(&yaml).unwrap();
    let t1 = &a.tables[0];
    assert_eq!(t1.notes.len(), 1, "{:?}", t1.notes);
    assert!(!t1.notes[0].contains('；') && t1.notes[0].matches('。').count() == 1, "{:?}", t1.notes);
    let found: Vec<String> = a
        .diagnostics
        .iter()
        .filter(|d| d.rule == "I510" && d.message.starts_with(&format!("{}：", t1.number)))
        .map(|d| d.message.clone())
        .collect();
    assert!(!found.is_empty());
    for m in &found {
        assert!(!m.contains("收入总计"), "{m}");
    }
    assert!(
        found.iter().any(|m| m.contains("支出总计") && m.contains("列示 0.01") && m.contains("为 0.00")),
        "{found:?}"
    );
}
