//! The built-in `guangdong` profile reproduces 深圳市人民政府办公厅's 2026 disclosure (表1–表11)
//! row for row, with 第七部分's key-project table.
//!
//! `tests/fixtures/guangdong-2026/tables.txt` holds every printed row of the eleven tables,
//! transcribed mechanically from the reference text (`scripts/guangdong-fixture.sh` checks it
//! against the text); the input beside it reconstructs the budget lines (to the 元, so that the
//! document's 0.01 尾差 come out as printed) and last year's figures. Every derived row must print
//! exactly the transcribed one: codes, labels, amounts with separators. What the profile cannot
//! print yet is listed in [`NOT_YET`] and asserted to be missing.

use std::collections::BTreeMap;

use gongkai_model::Analysis;
use gongkai_model::table::{NumberPosition, Orientation};
use rust_decimal::Decimal;

use crate::common::{
    Printed, analysed, assert_example_total_under, checks_and_renders, compare_rows, content_rows,
    narrative_of, numbers_of, rendered_json, root, squash, transcribed,
};

const DIR: &str = "tests/fixtures/guangdong-2026";
const INPUT: &str = "shenzhen-gov-office-2026.yaml";
const REFERENCE: &str =
    "../shared/reference/regions/16-guangdong-shenzhen-gov-general-office-2026-dept-budget.txt";

fn fixture() -> BTreeMap<String, Printed> {
    transcribed(DIR, "tables.txt")
}

/// Tables of the reference the profile does not print yet, each with the reason. The test
/// asserts they really differ, so the list can only shrink.
const NOT_YET: &[(&str, &str)] = &[
    (
        "t3",
        "表3's two 政府采购 columns 其中：预留给中小企业 / 小型、微型企业的项目资金规模 need each line's reserved share; the input has only the department's totals (procurement.sme_reserved), so the profile prints the 小计 column alone",
    ),
    (
        "t9",
        "表9 prints one row per year (2025 年, 2026 年, 增减变化金额) beside a 年度 column; fixed rows read this year's lines only and the engine has no difference row, so the profile prints the 2026 figures in one row",
    ),
];

/// The input analysed with the guangdong profile.
fn analysis() -> Analysis {
    analysed("guangdong", DIR, INPUT)
}

#[test]
fn every_printed_row_of_the_eleven_tables_and_the_key_project_table() {
    let analysis = analysis();
    let fixture = fixture();
    assert_eq!(fixture.len(), 12);
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
        let rows = compare_rows(table, want);
        if let Some((_, why)) = not_yet {
            assert!(
                leaves != want_leaves || rows.is_err(),
                "{} is printed now ({why}): take it off NOT_YET",
                want.number
            );
            continue;
        }
        assert_eq!(leaves, want_leaves, "{} header", table.number);
        assert_eq!(table.empty_note, want.empty, "{}: empty-table sentence", table.number);
        assert_eq!(table.notes, want.notes, "{}: notes under the table", table.number);
        compared += rows.unwrap_or_else(|e| panic!("{}: {e}", table.number));
    }
    assert_eq!(compared, 156, "every transcribed row of the tables printed was compared");
}

/// What the profile prints of the tables on [`NOT_YET`]: 表3 every row and figure but the
/// two reserved-share columns, 表9 the 2026 row.
#[test]
fn the_tables_not_yet_printed_whole_print_what_they_can() {
    let analysis = analysis();
    let fixture = fixture();
    let t3 = analysis.tables.iter().find(|t| t.id == "t3").unwrap();
    let want = &fixture["t3"];
    let got = content_rows(t3);
    assert_eq!(got.len(), want.rows.len());
    for (g, (line, _, cells)) in got.iter().zip(&want.rows) {
        // The first seven figures: 支出总计 … 上缴上级支出 and the 政府采购 小计.
        let figures: Vec<&String> = g.iter().skip(3).collect();
        let printed: Vec<String> = cells[..7].iter().map(|c| money(c.as_deref().unwrap())).collect();
        assert_eq!(figures, printed.iter().collect::<Vec<_>>(), "表3 L{line}");
    }
    let t9 = analysis.tables.iter().find(|t| t.id == "t9").unwrap();
    let want = &fixture["t9"];
    let row_2026 = &want.rows[1].2;
    let figures: Vec<String> = content_rows(t9)[0].iter().skip(1).cloned().collect();
    let printed: Vec<String> = row_2026.iter().map(|c| money(c.as_deref().unwrap())).collect();
    assert_eq!(figures, printed, "表9 2026 年");
}

/// A transcribed figure as the tables print it (2 decimals, separators).
fn money(cell: &str) -> String {
    gongkai_model::money::fixed(cell.parse::<Decimal>().unwrap(), 2, true)
}

#[test]
fn the_tables_follow_the_printed_layout() {
    let analysis = analysis();
    assert_eq!(analysis.tables.len(), 12);
    // 第七部分's key-project table is part of the text: no number, no 部门名称 and 单位 lines,
    // on a portrait page; 表1–表11 are landscape.
    let t12 = analysis.tables.iter().find(|t| t.id == "t12").unwrap();
    assert_eq!((t12.number.as_str(), t12.org_line(), t12.unit_line()), ("", None, None));
    assert_eq!(t12.layout.orientation, Orientation::Portrait);
    for table in analysis.tables.iter().filter(|t| t.id != "t12") {
        assert_eq!(table.org_line().as_deref(), Some("部门名称：深圳市人民政府办公厅"), "{}", table.number);
        assert_eq!(table.unit_line().as_deref(), Some("单位：万元"), "{}", table.number);
        assert_eq!(table.layout.number_position, NumberPosition::AboveLeft, "{}", table.number);
        assert_eq!(table.layout.orientation, Orientation::Landscape, "{}", table.number);
        // Zero cells print 0.00, and no table has a numbering row.
        assert!(!table.header.iter().any(|h| h.text == "栏次" || h.text == "※"), "{}", table.number);
    }
    // The department's row comes first (the tables' total), in the 预算单位 column where
    // the table has one; codes and names have columns of their own.
    for id in ["t3", "t7", "t8", "t10", "t11"] {
        let t = analysis.tables.iter().find(|t| t.id == id).unwrap();
        let rows = content_rows(t);
        assert_eq!(rows[0][..3], ["深圳市人民政府办公厅".to_owned(), String::new(), String::new()], "{id}");
        if let Some(second) = rows.get(1) {
            assert!(
                second[0].is_empty() && !second[1].is_empty() && !second[2].is_empty(),
                "{id}: {second:?}"
            );
        }
    }
    // The empty 表10 and 表11 print the department's row in zeros and their sentence.
    for id in ["t10", "t11"] {
        let t = analysis.tables.iter().find(|t| t.id == id).unwrap();
        assert_eq!(content_rows(t), [["深圳市人民政府办公厅", "", "", "0.00", "0.00", "0.00"]], "{id}");
        assert_eq!(t.empty_note.as_deref(), Some("注：本表本年无发生额。"));
    }
}

#[test]
fn the_profile_checks_and_renders_in_all_three_formats() {
    checks_and_renders("guangdong", &root().join(DIR).join(INPUT));
}

/// The example renders under guangdong (findings are allowed, a crash is not), and its
/// 收支总表 total equals its xinjiang-11 表1 total in 万元.
#[test]
fn the_example_renders_under_guangdong_with_the_same_total() {
    assert_example_total_under("guangdong");
}

/// Figures the reference's 文字部分 states that the profile does not print, each with the
/// reason; each listed one must really be missing, so the list can only shrink.
const NARRATIVE_NOT_YET: &[(&str, &str)] = &[
    (
        "7678.47",
        "在职人员经费 is 工资福利支出 (301) without the 增人增资 60 万元 reserve, which no line marks: the profile prints 301 whole, 7,738.47",
    ),
    (
        "847.01",
        "机关运行经费: no sum of printed cells gives 847.01; the profile sums the items 第九部分 九 names (838.55 of the lines, 838.56 of the printed cells)",
    ),
    ("74.52", "the change of 机关运行经费 on 847.01"),
    ("9.6%", "the change of 机关运行经费 on 847.01"),
];

/// Figures the reference prints otherwise than its own figures give: (printed, ours, why).
const PRINTED_OTHERWISE: &[(&str, &str, &str)] =
    &[("4.1%", "4.0%", "信息公开业务: 0.28 / 7.00 is 4.0%; the reference prints 减幅 4.1%")];

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_states_the_figures_of_the_reference() {
    let Ok(reference) = std::fs::read_to_string(root().join(REFERENCE)) else {
        eprintln!("skipped: the reference text {REFERENCE} is absent");
        return;
    };
    // 文字部分: from 第二部分 (the last occurrence: the first is the 目录) to 第九部分 名词解释.
    let from = reference.rfind("第二部分").unwrap();
    let to = reference.rfind("第九部分").unwrap();
    let stated: Vec<String> = numbers_of(&reference[from..to])
        .into_iter()
        .filter(|f| f.contains('.') || f.ends_with('%'))
        .collect();
    assert!(stated.len() > 50, "{} figures found in the reference's 文字部分", stated.len());

    let doc = rendered_json(&root().join(DIR).join(INPUT));
    // 第七部分's table (t12) is part of the text: its goals state 100%.
    let t12 = analysis().tables.into_iter().find(|t| t.id == "t12").unwrap();
    let ours = narrative_of(&doc) + &content_rows(&t12).concat().concat();
    let is_printed = crate::common::printed_by_value(&numbers_of(&ours));
    let listed = |f: &str| {
        NARRATIVE_NOT_YET.iter().any(|(g, _)| *g == f) || PRINTED_OTHERWISE.iter().any(|(g, _, _)| *g == f)
    };
    let missing: Vec<&String> = stated.iter().filter(|f| !is_printed(f) && !listed(f)).collect();
    assert!(missing.is_empty(), "stated in the reference, not in our narrative: {missing:?}");
    for (gap, why) in NARRATIVE_NOT_YET {
        assert!(stated.iter().any(|f| f == gap), "{gap} is not in the reference");
        assert!(!is_printed(gap), "{gap} is printed now ({why}): take it off NARRATIVE_NOT_YET");
    }
    for (theirs, ours_, why) in PRINTED_OTHERWISE {
        assert!(stated.iter().any(|f| f == theirs), "{theirs} is not in the reference");
        assert!(!is_printed(theirs) && is_printed(ours_), "{why}");
    }
    eprintln!(
        "{} of the reference narrative's {} figures printed",
        stated.len() - NARRATIVE_NOT_YET.len() - PRINTED_OTHERWISE.len(),
        stated.len()
    );
}

/// The narrative's sections in the reference's order: 第一部分 … 第九部分, then the tables.
#[test]
fn the_narrative_follows_the_reference_sections() {
    let doc = rendered_json(&root().join(DIR).join(INPUT));
    let text = squash(&narrative_of(&doc));
    let parts = [
        "一、文字部分",
        "第一部分部门概况",
        "第二部分部门预算收支总体情况",
        "第三部分部门预算支出具体情况",
        "第四部分政府采购预算情况",
        "第五部分财政拨款“三公”经费预算情况",
        "第六部分部门预算绩效管理情况",
        "第七部分重点项目预算绩效情况说明",
        "第八部分其他需要说明情况",
        "第九部分名词解释",
        "二、表格部分",
    ];
    let mut at = 0;
    for p in parts {
        let found = text[at..].find(p).unwrap_or_else(|| panic!("{p} missing or out of order"));
        at += found + p.len();
    }
}
