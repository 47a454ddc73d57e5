//! The built-in `zhejiang` profile reproduces 杭州市交通运输局's 2026 disclosure (表1–表10)
//! row for row.
//!
//! `tests/fixtures/zhejiang-2026/tables.txt` holds every printed row of 表1–表10, transcribed
//! from the reference text (`scripts/zhejiang-fixture.sh` checks every row against its source
//! line); the input beside it reconstructs the budget lines (`reconstruct.py` writes them) and
//! last year's figures. Every derived row must print exactly the transcribed one: names (the
//! reference prints no codes), amounts with separators. The cells the reference prints against
//! its own tables are listed in [`PRINTED_OTHERWISE`] with the printed and the derived figure;
//! 表11, whose cells are long 绩效目标 texts, is compared with `goals.tsv` (transcribed by
//! `goals.py`); a table the profile could not print would be in [`NOT_YET`] (none is).

use std::collections::BTreeMap;

use gongkai_model::Analysis;
use gongkai_model::table::{ColumnKind, NumberPosition, Orientation, RowKind, Table};
use gongkai_model::text::printed_rows;
use rust_decimal::Decimal;

use crate::common::{
    Printed, analysed, assert_example_total_under, checks_and_renders, narrative_of, numbers_of,
    rendered_json, root, squash, transcribed,
};
use crate::shanghai::TEXT_OTHERWISE;

const DIR: &str = "tests/fixtures/zhejiang-2026";
const INPUT: &str = "hangzhou-jtj-2026.yaml";

fn fixture() -> BTreeMap<String, Printed> {
    transcribed(DIR, "tables.txt")
}

/// Tables of the reference the profile does not print yet, each with the reason. The test
/// asserts they are really missing, so the list can only shrink.
const NOT_YET: &[(&str, &str)] = &[];

/// A cell the reference prints otherwise than its own parts: (table, source line, column
/// among the figures, printed, derived). The input follows the majority of the tables (see
/// its header): 表1's 一般公共服务支出 and 表5's 合计, 基本支出小计, 交通运输支出 and
/// 公路水路运输 rows lack 50.60 万元 their own 款 and 项 rows (and 表3, 表4, 表6 and the
/// narrative) have.
const PRINTED_OTHERWISE: &[(&str, usize, usize, &str, &str)] = &[
    ("t1", 530, 1, "6,651.38", "6,701.98"),
    ("t5", 793, 0, "432,513.70", "432,564.30"),
    ("t5", 793, 1, "82,479.29", "82,529.89"),
    ("t5", 832, 0, "165,602.60", "165,653.20"),
    ("t5", 832, 1, "51,417.49", "51,468.09"),
    ("t5", 834, 0, "97,402.60", "97,453.20"),
    ("t5", 834, 1, "51,417.49", "51,468.09"),
];

/// The input analysed with the zhejiang profile.
fn analysis() -> Analysis {
    analysed("zhejiang", DIR, INPUT)
}

/// The rows a derived table prints that carry something: padding rows are not transcribed.
fn rows(table: &Table) -> Vec<Vec<String>> {
    printed_rows(table).into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect()
}

/// Compares every derived row of `table` with the transcription: texts in order (without the
/// indentation), figures column by column. Returns the rows compared and the cells that
/// differ, as (line, column, printed, derived).
fn compare(table: &Table, want: &Printed) -> (usize, Vec<(usize, usize, String, String)>) {
    let got = rows(table);
    assert_eq!(got.len(), want.rows.len(), "{}: row count", table.number);
    let is_amount: Vec<bool> = table.columns.iter().map(|c| c.kind == ColumnKind::Amount).collect();
    let mut differ = Vec::new();
    for (g, (line, labels, cells)) in got.iter().zip(&want.rows) {
        let got_labels: Vec<String> =
            g.iter().zip(&is_amount).filter(|(c, a)| !**a && !c.is_empty()).map(|(c, _)| squash(c)).collect();
        let want_labels: Vec<String> = labels
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                TEXT_OTHERWISE.iter().find(|(p, _)| p == l).map_or_else(|| squash(l), |(_, d)| squash(d))
            })
            .collect();
        assert_eq!(got_labels, want_labels, "{} source line {line}: texts", table.number);
        let got_figures: Vec<&String> =
            g.iter().zip(&is_amount).filter(|(_, a)| **a).map(|(c, _)| c).collect();
        assert_eq!(got_figures.len(), cells.len(), "{} source line {line}: columns", table.number);
        for (i, (got, want)) in got_figures.iter().zip(cells).enumerate() {
            let want = want
                .as_deref()
                .map(|c| gongkai_model::money::fixed(c.parse::<Decimal>().unwrap(), 2, true))
                .unwrap_or_default();
            if **got != want {
                differ.push((*line, i, want, (*got).clone()));
            }
        }
    }
    (want.rows.len(), differ)
}

#[test]
fn every_printed_row_of_tables_1_to_10() {
    let analysis = analysis();
    let fixture = fixture();
    let mut compared = 0;
    let mut differ = Vec::new();
    for (id, want) in &fixture {
        let table =
            analysis.tables.iter().find(|t| &t.id == id).unwrap_or_else(|| panic!("{id}: not printed"));
        assert_eq!(squash(&table.number), squash(&want.number), "{id}");
        assert_eq!(table.title, want.title, "{id}");
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        assert_eq!(leaves, want_leaves, "{} header", table.number);
        assert_eq!(table.empty_note, want.empty, "{}: empty-table sentence", table.number);
        assert_eq!(table.notes, want.notes, "{}: notes under the table", table.number);
        let (n, d) = compare(table, want);
        compared += n;
        differ.extend(d.into_iter().map(|(l, c, p, g)| (id.clone(), l, c, p, g)));
    }
    let expected: Vec<(String, usize, usize, String, String)> = PRINTED_OTHERWISE
        .iter()
        .map(|(t, l, c, p, d)| ((*t).to_owned(), *l, *c, (*p).to_owned(), (*d).to_owned()))
        .collect();
    assert_eq!(
        differ, expected,
        "cells that differ from the reference: (table, line, column, printed, derived)"
    );
    assert_eq!(compared, 281, "every transcribed row of 表1–表10 was compared");
    for (id, why) in NOT_YET {
        assert!(
            !analysis.tables.iter().any(|t| t.id == *id) && !fixture.contains_key(*id),
            "{id} is printed now ({why}): take it off NOT_YET"
        );
    }
}

#[test]
fn the_tables_follow_the_printed_layout() {
    let analysis = analysis();
    let landscape = ["t2", "t3", "t10", "t11"];
    for table in &analysis.tables {
        assert_eq!(table.org_line().as_deref(), Some("部门名称：杭州市交通运输局"), "{}", table.number);
        assert_eq!(table.unit_line().as_deref(), Some("单位：万元"), "{}", table.number);
        assert_eq!(table.layout.number_position, NumberPosition::Inline, "{}", table.number);
        assert!(
            table.heading_title().starts_with(&format!("{}2026年市级部门", table.number)),
            "{}",
            table.number
        );
        let want = if landscape.contains(&table.id.as_str()) {
            Orientation::Landscape
        } else {
            Orientation::Portrait
        };
        assert_eq!(table.layout.orientation, want, "{}", table.number);
        // Names only: no code column anywhere.
        assert!(
            !table.columns.iter().any(|c| c.kind == ColumnKind::Code),
            "{}: the reference prints no codes",
            table.number
        );
        // 表11 lists projects with their goals and prints no total.
        if let Some(first) = table.rows.first()
            && !matches!(table.id.as_str(), "t1" | "t4" | "t11")
        {
            assert_eq!(first.kind, RowKind::Total, "{}: 合计 on top", table.number);
        }
    }
    // The 栏次 row (** for texts, 1 2 3 … for amounts) under every header but the two 收支 tables'.
    let numbered: Vec<&str> = analysis
        .tables
        .iter()
        .filter(|t| t.header.iter().any(|h| h.text == "**"))
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(numbered, ["t2", "t3", "t5", "t6", "t7", "t8", "t9", "t10"]);
    // 表2: the department's row above its eight units, 本级 first.
    let t2 = analysis.tables.iter().find(|t| t.id == "t2").unwrap();
    let names: Vec<String> = rows(t2).iter().map(|r| squash(&r[0])).collect();
    assert_eq!(names[..3], ["合计", "杭州市交通运输局", "杭州市交通运输局"]);
    assert_eq!(t2.rows[1].kind, RowKind::Unit);
    assert_eq!(t2.rows[1].children.len(), 8, "the department's row adds up its eight units");
}

#[test]
fn the_profile_checks_and_renders_in_all_three_formats() {
    checks_and_renders("zhejiang", &root().join(DIR).join(INPUT));
}

/// The example renders under zhejiang (findings are allowed, a crash is not), and its 收支总表
/// total equals its xinjiang-11 表1 total in 万元.
#[test]
fn the_example_renders_under_zhejiang_with_the_same_total() {
    assert_example_total_under("zhejiang");
}

/// Figures the reference's 情况说明 states that the profile does not print, each with the
/// reason; each must really be missing, so the list can only shrink.
const NARRATIVE_NOT_YET: &[(&str, &str)] = &[
    (
        "0.004%",
        "the reference prints this one share (国防 18.00 of 432,564.30) with three decimals; the profile prints every share with one (0.0%)",
    ),
    (
        "568368.51",
        "（十）4 counts 24 一级项目 with 568,368.51 万元; 表10 lists 27 projects (576,171.11 万元) and the document does not say which 24",
    ),
];

/// Whole numbers of the reference's 情况说明 (counts, not compared above) the narrative does
/// not print: the input's 国有资产 has no 特种专业技术用车 (the reference's 34 of 324 vehicles;
/// the narrative prints 其他用车 279 = 34 + 245), and no planned vehicles by kind (4 一般公务用车,
/// 19 其他用车 of the 23; 4 and 19 are not listed, as the narrative prints them as item numbers).
const COUNTS_NOT_YET: &[&str] = &["34", "245"];

/// Figures the reference's 情况说明 states otherwise than its tables (printed, what the
/// narrative prints instead).
const NARRATIVE_OTHERWISE: &[(&str, &str)] = &[
    // 事业收入 9,680.97 of 665,964.37 is 1.4537%: the reference cuts it to 1.4%.
    ("1.4%", "1.5%"),
    // 一般公共服务 6,701.98 of 432,564.30 is 1.549%, of 表5's 432,513.70 1.550%: neither is 1.6%.
    ("1.6%", "1.5%"),
    // 其他公路水路运输支出 down 9,871.30 from 63,393.59 is 15.571%: the reference cuts it to 15.5%.
    ("15.5%", "15.6%"),
];

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_states_the_figures_of_the_reference() {
    let path =
        root().join("../shared/reference/regions/28-zhejiang-hangzhou-transport-bureau-2026-dept-budget.txt");
    let Ok(reference) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the reference text {} is absent", path.display());
        return;
    };
    // 二、…部门预算安排情况说明 (after the 目录) up to 三、名词解释, without page numbers.
    let from = reference.find("（一）收支预算情况的总体说明（详见").unwrap();
    let to = reference[from..].find("三、名词解释").map_or(reference.len(), |t| from + t);
    let prose: String = reference[from..to]
        .lines()
        .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit() || c == '\u{c}'))
        .collect::<Vec<_>>()
        .join("");
    let stated: Vec<String> =
        numbers_of(&prose).into_iter().filter(|f| f.contains('.') || f.ends_with('%')).collect();
    assert!(stated.len() > 100, "{} figures found in the reference's 情况说明", stated.len());

    let doc = rendered_json(&root().join(DIR).join(INPUT));
    let ours = narrative_of(&doc);
    let is_printed = crate::common::printed_by_value(&numbers_of(&ours));
    let listed = |f: &str| {
        NARRATIVE_NOT_YET.iter().any(|(g, _)| *g == f) || NARRATIVE_OTHERWISE.iter().any(|(g, _)| *g == f)
    };
    let missing: Vec<&String> = stated.iter().filter(|f| !is_printed(f) && !listed(f)).collect();
    assert!(missing.is_empty(), "stated in the reference, not in our narrative: {missing:?}");
    for (gap, why) in NARRATIVE_NOT_YET {
        assert!(!is_printed(gap), "{gap} is printed now ({why}): take it off NARRATIVE_NOT_YET");
    }
    let whole: Vec<String> = numbers_of(&ours);
    for count in COUNTS_NOT_YET {
        assert!(numbers_of(&prose).iter().any(|n| n == count), "{count} is not stated in the reference");
        assert!(!whole.iter().any(|n| n == count), "{count} is printed now: take it off COUNTS_NOT_YET");
    }
    for (slip, ours) in NARRATIVE_OTHERWISE {
        assert!(!is_printed(slip) && is_printed(ours), "{slip}: the narrative should print {ours} instead");
    }
    eprintln!(
        "{} of the reference narrative's {} figures printed",
        stated.len() - NARRATIVE_NOT_YET.len() - NARRATIVE_OTHERWISE.len(),
        stated.len()
    );
}

/// 表11 项目支出绩效表 prints, for each unit's project that has a 绩效目标, its unit, name,
/// amount and goal, exactly as `goals.tsv` transcribes the reference (24 rows; the three
/// projects of 杭州技师学院 without a goal are not printed, and neither is a total).
#[test]
fn the_project_performance_table_prints_each_projects_goal_in_its_unit() {
    let analysis = analysis();
    let table = analysis.tables.iter().find(|t| t.id == "t11").expect("表11");
    assert_eq!(table.title, "2026年市级部门项目支出绩效表");
    let labels: Vec<&str> = table.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["单位名称", "项目名称", "金额", "绩效目标"]);
    assert_eq!(table.layout.orientation, Orientation::Landscape);
    let text = std::fs::read_to_string(root().join(DIR).join("goals.tsv")).unwrap();
    let want: Vec<Vec<String>> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            let amount: Decimal = cells[3].parse().unwrap();
            vec![
                cells[1].to_owned(),
                cells[2].to_owned(),
                gongkai_model::money::fixed(amount, 2, true),
                cells[4].to_owned(),
            ]
        })
        .collect();
    let got: Vec<Vec<String>> =
        rows(table).into_iter().map(|r| r.into_iter().map(|c| c.trim().to_owned()).collect()).collect();
    assert_eq!(want.len(), 24);
    assert_eq!(got, want);
}

/// A project text for one unit names a unit of the input (E403 otherwise) that has lines of
/// that project (E407 otherwise), once (E410 for a second text of the same unit's project).
#[test]
fn a_units_project_text_must_be_of_that_units_project() {
    let text = std::fs::read_to_string(root().join(DIR).join(INPUT)).unwrap();
    let budget = gongkai_yaml::parse(text.as_bytes(), INPUT).unwrap().value;
    let profile = gongkai_profile::builtin("zhejiang").unwrap();
    let errors = |edit: &dyn Fn(&mut gongkai_model::input::Budget)| -> Vec<(String, String)> {
        let mut b = budget.clone();
        edit(&mut b);
        crate::common::errors_of(&b, &profile).into_iter().map(|(rule, path, _)| (rule, path)).collect()
    };
    assert_eq!(errors(&|_| {}), []);
    let at = |rule: &str, path: &str| vec![(rule.to_owned(), path.to_owned())];
    assert_eq!(errors(&|b| b.projects[0].unit = Some("nope".into())), at("E403", "projects[0].unit"));
    // 综合交通规划及发展研究 is the 本级's project, not the 道路运输管理服务中心's.
    assert_eq!(errors(&|b| b.projects[1].unit = Some("dlys".into())), at("E407", "projects[1].name"));
    assert_eq!(errors(&|b| b.projects.push(b.projects[1].clone())), at("E410", "projects[24].name"));
}
