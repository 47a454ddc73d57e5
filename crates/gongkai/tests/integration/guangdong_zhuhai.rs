//! The built-in `guangdong-zhuhai` profile reproduces 珠海市商务局's 2026 disclosure (表1–表12)
//! row for row.
//!
//! 珠海's tables are another set than 深圳's (`guangdong`): other titles, order and columns, a
//! 单位名称 line, the 合计 row on top, the tables between 第一部分 and the 情况说明. So the region
//! has two profiles. `tests/fixtures/guangdong-zhuhai-2026/tables.txt` holds every printed row
//! of the twelve tables, transcribed mechanically from the reference text
//! (`scripts/guangdong-zhuhai-fixture.sh` checks it against the text); the input beside it
//! reconstructs the budget lines (to the 元, so that the document's 0.01 尾差 come out as
//! printed; `reconstruct.py` made them from the transcription). Every derived row must print
//! exactly the transcribed one. What the profile cannot print yet is listed in [`NOT_YET`] and
//! asserted to be missing.

use std::collections::BTreeMap;

use gongkai_model::Analysis;
use gongkai_model::table::{NumberPosition, Orientation};

use crate::common::{
    Printed, analysed, assert_example_total_under, checks_and_renders, compare_tables, narrative_of,
    numbers_of, rendered_json, root, squash, transcribed,
};

const DIR: &str = "tests/fixtures/guangdong-zhuhai-2026";
const INPUT: &str = "zhuhai-commerce-2026.yaml";
const REFERENCE: &str =
    "../shared/reference/regions/20-guangdong-zhuhai-commerce-bureau-2026-dept-budget.txt";

fn fixture() -> BTreeMap<String, Printed> {
    transcribed(DIR, "tables.txt")
}

/// Tables of the reference the profile does not print yet, each with the reason. The test
/// asserts they really differ, so the list can only shrink.
const NOT_YET: &[(&str, &str)] = &[];

/// The input analysed with the guangdong-zhuhai profile.
fn analysis() -> Analysis {
    analysed("guangdong-zhuhai", DIR, INPUT)
}

#[test]
fn every_printed_row_of_the_twelve_tables() {
    let analysis = analysis();
    let fixture = fixture();
    assert_eq!(fixture.len(), 12);
    let (compared, failures) = compare_tables(&analysis, &fixture, NOT_YET);
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(compared, 290, "every transcribed row of the tables printed was compared");
}

#[test]
fn the_tables_follow_the_printed_layout() {
    let analysis = analysis();
    assert_eq!(analysis.tables.len(), 12);
    for table in &analysis.tables {
        assert_eq!(table.org_line().as_deref(), Some("单位名称：珠海市商务局"), "{}", table.number);
        assert_eq!(table.unit_line().as_deref(), Some("单位：万元"), "{}", table.number);
        assert_eq!(table.layout.number_position, NumberPosition::AboveRight, "{}", table.number);
        assert_eq!(table.layout.orientation, Orientation::Landscape, "{}", table.number);
    }
    // 表9 and 表10 are empty: their 合计 row in zeros and their sentence.
    for id in ["t9", "t10"] {
        let t = analysis.tables.iter().find(|t| t.id == id).unwrap();
        assert_eq!(t.empty_note.as_deref(), Some("注：本表本年无发生额。"), "{id}");
    }
}

#[test]
fn the_profile_checks_and_renders_in_all_three_formats() {
    checks_and_renders("guangdong-zhuhai", &root().join(DIR).join(INPUT));
}

/// `gongkai check` reads the rendered PDF and workbook back, every table and row.
#[test]
fn gongkai_check_reads_the_rendered_documents_back() {
    crate::common::assert_check_reads_back("guangdong-zhuhai", DIR, INPUT, 12);
}

/// The example renders under guangdong-zhuhai (findings are allowed, a crash is not), and
/// its 收支总表 total equals its xinjiang-11 表1 total in 万元.
#[test]
fn the_example_renders_under_guangdong_zhuhai_with_the_same_total() {
    assert_example_total_under("guangdong-zhuhai");
}

/// Figures the reference's 情况说明 states that the profile does not print, each with the
/// reason; each listed one must really be missing, so the list can only shrink.
const NARRATIVE_NOT_YET: &[(&str, &str)] = &[
    (
        "522897.93",
        "五、固定资产金额: the input's assets give the 房屋 area and the 设备 count, but no total value of the fixed assets",
    ),
    (
        "24",
        "五、截至2025年12月24日: the input has no date of the assets' count, so the profile says 2025年底",
    ),
    (
        "7.56",
        "五、本年度拟购置固定资产: the input has no planned purchase value (表6 and 表7's 310 items are 28.82)",
    ),
];

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_states_the_figures_of_the_reference() {
    let Ok(reference) = std::fs::read_to_string(root().join(REFERENCE)) else {
        eprintln!("skipped: the reference text {REFERENCE} is absent");
        return;
    };
    // 第三部分 情况说明 (the last occurrence: the first is the 目录) up to 七、重点项目.
    let from = reference.rfind("第三部分").unwrap();
    let to = reference.rfind("七、重点项目").unwrap();
    // Without the page numbers (`- 28 -`) the text runs over.
    let text: String = reference[from..to]
        .lines()
        .filter(|l| !l.trim().trim_matches('-').trim().chars().all(|c| c.is_ascii_digit()))
        .collect();
    let stated: Vec<String> = numbers_of(&text);
    assert!(stated.len() > 30, "{} figures found in the reference's 情况说明", stated.len());
    let doc = rendered_json(&root().join(DIR).join(INPUT));
    let ours = narrative_of(&doc);
    let is_printed = crate::common::printed_by_value(&numbers_of(&ours));
    let listed = |f: &str| NARRATIVE_NOT_YET.iter().any(|(g, _)| *g == f);
    let missing: Vec<&String> = stated.iter().filter(|f| !is_printed(f) && !listed(f)).collect();
    assert!(missing.is_empty(), "stated in the reference, not in our narrative: {missing:?}");
    for (gap, why) in NARRATIVE_NOT_YET {
        assert!(stated.iter().any(|f| f == gap), "{gap} is not in the reference");
        assert!(!is_printed(gap), "{gap} is printed now ({why}): take it off NARRATIVE_NOT_YET");
    }
    eprintln!(
        "{} of the reference narrative's {} figures printed",
        stated.len() - NARRATIVE_NOT_YET.len(),
        stated.len()
    );
}

/// Parts of the reference's text the profile does not print yet, each with the reason; the
/// test asserts they are missing, so the list can only shrink.
const PARTS_NOT_YET: &[(&str, &str)] = &[
    (
        "本部门重点项目绩效目标情况如下",
        "第三部分 七 prints a table of the key projects (项目, 预算数 without trailing zeros, 绩效目标): the input does not mark which projects are key, and the table differs from 表12 in places (辅助人员补助经费-拱北海关 7672.25 there, 7,672.50 in 表12; 拱北口岸和青茂口岸设施设备维保费 175 and 234.48; goals for projects 表12 prints without one), so the profile points to 表12's 绩效目标 column",
    ),
    ("第四部分名词解释", "第四部分 名词解释 is fixed text the profile does not carry yet"),
];

/// The document's parts in the reference's order: 第一部分 概况, 第二部分 the tables, 第三部分
/// 情况说明.
#[test]
fn the_document_follows_the_reference_parts() {
    let doc = rendered_json(&root().join(DIR).join(INPUT));
    let text = squash(&narrative_of(&doc));
    let parts = [
        "第一部分珠海市商务局概况",
        "一、主要职责",
        "二、部门机构设置",
        "三、部门预算构成",
        "第二部分2026年部门预算表",
        "第三部分2026年部门预算情况说明",
        "一、部门预算收支增减变化情况",
        "二、“三公”经费安排情况",
        "三、机关运行经费安排情况",
        "四、政府采购情况",
        "五、国有资产占有使用情况",
        "六、委托业务费安排情况",
        "七、重点项目预算绩效目标情况",
    ];
    let mut at = 0;
    for p in parts {
        let found = text[at..].find(p).unwrap_or_else(|| panic!("{p} missing or out of order"));
        at += found + p.len();
    }
    for (part, why) in PARTS_NOT_YET {
        assert!(!text.contains(part), "{part} is printed now ({why}): take it off PARTS_NOT_YET");
    }
}
