//! The built-in `jiangsu` profile reproduces 苏州市审计局's 2026 disclosure (公开01表–公开13表)
//! row for row.
//!
//! `tests/fixtures/jiangsu-2026/tables.txt` holds every printed row of the thirteen tables,
//! transcribed mechanically from the reference text (`scripts/jiangsu-fixture.sh` checks it
//! against the text); the input beside it reconstructs the budget lines and last year's
//! figures. Every derived row must print exactly the transcribed one: codes, labels,
//! amounts with separators, 公开13表's purchase items included (the lines name their
//! 采购品目名称 and 采购组织形式). A table the profile could not print would be listed in
//! [`NOT_YET`] and asserted to be missing; none is.

use std::collections::BTreeMap;

use gongkai_model::Analysis;
use gongkai_model::table::{NumberPosition, Orientation, RowKind};
use rust_decimal::Decimal;

use crate::common::{
    Printed, analysed, assert_example_total_under, checks_and_renders, compare_rows, content_rows, gongkai,
    narrative_of, numbers_of, rendered_json, root, squash, transcribed,
};

const DIR: &str = "tests/fixtures/jiangsu-2026";
const INPUT: &str = "suzhou-shenjiju-2026.yaml";

fn fixture() -> BTreeMap<String, Printed> {
    transcribed(DIR, "tables.txt")
}

/// Tables and rows of the reference the profile does not print yet, each with the reason.
/// The test asserts they really differ, so the list can only shrink.
const NOT_YET: &[(&str, &str)] = &[];

/// The input analysed with the jiangsu profile.
fn analysis() -> Analysis {
    analysed("jiangsu", DIR, INPUT)
}

#[test]
fn every_printed_row_of_the_thirteen_tables() {
    let analysis = analysis();
    let fixture = fixture();
    let mut compared = 0;
    for (id, want) in &fixture {
        let not_yet = NOT_YET.iter().find(|(t, _)| t == id);
        let Some(table) = analysis.tables.iter().find(|t| &t.id == id) else {
            assert!(not_yet.is_some(), "{}: not printed", want.number);
            continue;
        };
        assert_eq!(squash(&table.number), squash(&want.number), "{id}");
        assert_eq!(table.title, want.title, "{id}");
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        assert_eq!(leaves, want_leaves, "{} header", table.number);
        assert_eq!(table.empty_note, want.empty, "{}: empty-table sentence", table.number);
        assert_eq!(table.notes, want.notes, "{}: notes under the table", table.number);
        match (compare_rows(table, want), not_yet) {
            (Ok(n), None) => compared += n,
            (Err(e), None) => panic!("{}: {e}", table.number),
            (Ok(_), Some((_, why))) => panic!("{} is printed now ({why}): take it off NOT_YET", table.number),
            (Err(_), Some(_)) => {}
        }
    }
    assert_eq!(compared, 202, "every transcribed row of the tables printed was compared");
}

#[test]
fn the_tables_follow_the_printed_layout() {
    let analysis = analysis();
    // 公开01表 P · 02 L · 03 L · 04 L · 05 L · 06 P · 07 L · 08 P · 09 L · 10 P · 11 L · 12 P.
    let portrait = ["t1", "t6", "t8", "t10", "t12"];
    for table in &analysis.tables {
        assert_eq!(table.org_line().as_deref(), Some("部门：苏州市审计局"), "{}", table.number);
        assert_eq!(table.unit_line().as_deref(), Some("单位：万元"), "{}", table.number);
        assert_eq!(table.layout.number_position, NumberPosition::AboveLeft, "{}", table.number);
        let want = if portrait.contains(&table.id.as_str()) {
            Orientation::Portrait
        } else {
            Orientation::Landscape
        };
        assert_eq!(table.layout.orientation, want, "{}", table.number);
        if let Some(first) = table.rows.first()
            && !matches!(table.id.as_str(), "t1" | "t4")
        {
            assert_eq!(first.kind, RowKind::Total, "{}: total on top", table.number);
        }
    }
    // Only 公开09表 prints its zero cells (0.00), and only 公开11表 has the 栏次 row.
    let t9 = analysis.tables.iter().find(|t| t.id == "t9").unwrap();
    assert!(content_rows(t9)[0].iter().filter(|c| *c == "0.00").count() == 4, "{:?}", content_rows(t9));
    let numbered: Vec<&str> = analysis
        .tables
        .iter()
        .filter(|t| t.header.iter().any(|h| h.text == "栏次"))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(numbered, ["t11"]);
}

#[test]
fn the_profile_checks_and_renders_in_all_three_formats() {
    checks_and_renders("jiangsu", &root().join(DIR).join(INPUT));
}

/// The example renders under jiangsu (findings are allowed, a crash is not), and its
/// 收支总表 total equals its xinjiang-11 表1 total in 万元.
#[test]
fn the_example_renders_under_jiangsu_with_the_same_total() {
    assert_example_total_under("jiangsu");
}

/// Figures the reference's 情况说明 states that the profile does not print yet (none at
/// present: every figure with a decimal point or a % is printed); each listed one must
/// really be missing, so the list can only shrink.
const NARRATIVE_NOT_YET: &[&str] = &[];

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_states_the_figures_of_the_reference() {
    let path = root().join("../shared/reference/regions/21-jiangsu-suzhou-audit-bureau-2026-dept-budget.txt");
    let Ok(reference) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the reference text {} is absent", path.display());
        return;
    };
    // 第三部分 (the last occurrence: the first is the 目录) up to 第四部分, without the
    // running header and page numbers.
    let from = reference.rfind("第三部分").unwrap();
    let to = reference.rfind("第四部分").filter(|t| *t > from).unwrap_or(reference.len());
    let prose: String = reference[from..to]
        .lines()
        .filter(|l| !l.contains("年度部门预算公开") && !l.trim().starts_with("- "))
        .collect::<Vec<_>>()
        .join("");
    let stated: Vec<String> =
        numbers_of(&prose).into_iter().filter(|f| f.contains('.') || f.ends_with('%')).collect();
    assert!(stated.len() > 60, "{} figures found in the reference's 第三部分", stated.len());

    let doc = rendered_json(&root().join(DIR).join(INPUT));
    let ours = narrative_of(&doc);
    let is_printed = crate::common::printed_by_value(&numbers_of(&ours));
    let missing: Vec<&String> =
        stated.iter().filter(|f| !is_printed(f) && !NARRATIVE_NOT_YET.contains(&f.as_str())).collect();
    assert!(missing.is_empty(), "stated in the reference, not in our narrative: {missing:?}");
    for gap in NARRATIVE_NOT_YET {
        assert!(!is_printed(gap), "{gap} is printed now: take it off NARRATIVE_NOT_YET");
    }
    eprintln!(
        "{} of the reference narrative's {} figures printed",
        stated.len() - NARRATIVE_NOT_YET.len(),
        stated.len()
    );
}

/// 单位代码 are all given or none, with a 部门代码 they all sit under: else E425 at the
/// code, and nothing renders (a table printing them would nest the units wrongly, and
/// `gongkai check` would misread it). A 部门代码 alone is fine; its document reads back
/// with the department's row coded and its units named.
#[test]
fn department_and_unit_codes_are_all_or_none_and_nested() {
    let text = std::fs::read_to_string(root().join(DIR).join(INPUT)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let validate = |name: &str, edited: &str| {
        assert_ne!(edited, text, "{name}: the edit changed nothing");
        let path = tmp.path().join(format!("{name}.yaml"));
        std::fs::write(&path, edited).unwrap();
        let o = gongkai(&["validate", path.to_str().unwrap(), "--profile", "jiangsu"]);
        (
            o.status.code(),
            format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)),
        )
    };

    let (code, err) = validate("elsewhere", &text.replace("code: \"024\"", "code: \"292\""));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("错误[E425]: 部门本级的单位代码 024001 不在部门代码 292 之下"), "{err}");
    let (code, err) = validate("no-department-code", &text.replace("  code: \"024\"\n", ""));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("错误[E425]: 填写了单位代码，但没有部门代码"), "{err}");
    // No 单位代码 at all: with or without a 部门代码.
    let no_units = text.replace("  unit_code: \"024001\"\n", "");
    let (code, err) = validate("none", &no_units.replace("  code: \"024\"\n", ""));
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = validate("department-only", &no_units);
    assert_eq!(code, Some(0), "{err}");
    let out = tmp.path().join("out");
    let input = tmp.path().join("department-only.yaml");
    let o =
        gongkai(&["render", input.to_str().unwrap(), "--profile", "jiangsu", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.join("department-only.pdf");
    let o = gongkai(&["check", pdf.to_str().unwrap(), "--profile", "jiangsu"]);
    let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{said}");
}

/// Where lines name their 政府采购品目, the 货物/工程/服务 totals are theirs: a total typed
/// beside them that differs is E427 at its place, and a line naming a 采购品目名称 without
/// its category is E105 at that field (公开13表 would leave it out).
#[test]
fn purchases_are_the_lines_and_a_typed_total_must_agree() {
    let text = std::fs::read_to_string(root().join(DIR).join(INPUT)).unwrap();
    let mut budget = gongkai_yaml::parse(text.as_bytes(), INPUT).unwrap().value;
    let profile = gongkai_profile::builtin("jiangsu").unwrap();
    let found = |budget: &gongkai_model::input::Budget| crate::common::errors_of(budget, &profile);
    budget.procurement.goods = "6.00".into();
    assert_eq!(
        found(&budget),
        [(
            "E427".to_owned(),
            "procurement.goods".to_owned(),
            "政府采购货物合计填写为 6.00 万元，预算明细中写明“货物”的合计为 5.50 万元".to_owned()
        )]
    );
    // Without the typed totals the narrative's figures are still the lines' 5.50 and 183.00.
    budget.procurement.goods = "".into();
    budget.procurement.services = "".into();
    let analysis = gongkai_model::analyse(&budget, &profile);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    let p = analysis.facts.as_ref().unwrap().procurement;
    assert_eq!([p[0], p[1], p[2]], [Decimal::new(550, 2), Decimal::ZERO, Decimal::new(18300, 2)]);
    let i = budget.lines.iter().position(|l| l.procurement_item.as_deref() == Some("复印纸")).unwrap();
    budget.lines[i].procurement = None;
    assert_eq!(
        found(&budget),
        [(
            "E105".to_owned(),
            format!("lines[{i}].procurement_item"),
            "写了采购品目名称或采购组织形式，却没有写政府采购品目".to_owned()
        )]
    );
}
