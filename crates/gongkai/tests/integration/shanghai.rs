//! The built-in `shanghai` profile reproduces 上海市普陀区司法局's 2026 部门预算 (02) and,
//! from the same input, its 本部's 单位预算 (03), row for row.
//!
//! `tests/fixtures/shanghai-2026/dept.txt` and `unit.txt` hold every printed row of the
//! nine tables of each document, cells exactly as printed (`scripts/shanghai-fixture.sh`
//! checks them against the reference texts). The input beside them reconstructs the
//! department's lines as two units (本部 and 普陀区法律援助中心); 03 is its `--unit 本部`
//! document. Every derived row must print exactly the transcribed one, except the cells
//! the references print against their own tables, which are listed here with the printed
//! and the derived figure.

use std::collections::BTreeMap;

use gongkai_model::Analysis;
use gongkai_model::input::Budget;
use gongkai_model::profile::Profile;
use gongkai_model::table::{ColumnKind, Table};
use gongkai_model::text::printed_rows;

use crate::common::{Printed, figures_of, gongkai, narrative_of, root, squash, transcribed};

const DIR: &str = "tests/fixtures/shanghai-2026";
const INPUT: &str = "shanghai-sifaju-2026.yaml";

fn fixture(name: &str) -> BTreeMap<String, Printed> {
    transcribed(DIR, name)
}

fn budget() -> Budget {
    let text = std::fs::read_to_string(root().join(DIR).join(INPUT)).unwrap();
    gongkai_yaml::parse(text.as_bytes(), INPUT).map_err(|d| format!("{d:?}")).unwrap().value
}

fn profile() -> Profile {
    gongkai_profile::builtin("shanghai").unwrap()
}

fn analyse(budget: &Budget, profile: &Profile) -> Analysis {
    let analysis = gongkai_model::analyse(budget, profile);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis
}

/// The rows a derived table prints that carry something: padding rows are not
/// transcribed.
pub(crate) fn rows(table: &Table) -> Vec<Vec<String>> {
    printed_rows(table).into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect()
}

/// A cell the reference prints otherwise than its own tables: (table, source line, column
/// among the figures, printed, derived).
type Otherwise = (&'static str, usize, usize, &'static str, &'static str);

/// Compares every derived row with the transcription; returns how many rows it compared.
/// Every figure must agree, except the cells `otherwise` lists, which must differ exactly
/// so.
fn compare(analysis: &Analysis, fixture: &BTreeMap<String, Printed>, otherwise: &[Otherwise]) -> usize {
    assert_eq!(analysis.tables.len(), 9);
    let mut compared = 0;
    let mut differ = Vec::new();
    for table in &analysis.tables {
        let want = &fixture[&table.id];
        assert_eq!(table.number, "", "{}: no table number", table.id);
        assert_eq!(table.title, want.title, "{}", table.id);
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        assert_eq!(leaves, want_leaves, "{} header", table.id);
        assert_eq!(table.empty_note.as_deref(), want.empty.as_deref(), "{}", table.id);
        let got = rows(table);
        assert_eq!(got.len(), want.rows.len(), "{}: row count", table.id);
        let is_amount: Vec<bool> = table.columns.iter().map(|c| c.kind == ColumnKind::Amount).collect();
        for (g, (line, labels, cells)) in got.iter().zip(&want.rows) {
            // Texts in order (a total's label may stand in a code column or the name
            // column: the text layer cannot tell), figures column by column.
            let got_labels: Vec<&String> =
                g.iter().zip(&is_amount).filter(|(c, a)| !**a && !c.is_empty()).map(|(c, _)| c).collect();
            let want_labels: Vec<String> = labels
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| match TEXT_OTHERWISE.iter().find(|(p, _)| p == l) {
                    Some((_, derived)) => (*derived).to_owned(),
                    None => l.clone(),
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
                if got.as_str() != want {
                    differ.push((table.id.clone(), *line, i, want.to_owned(), (*got).clone()));
                }
            }
            compared += 1;
        }
    }
    let expected: Vec<(String, usize, usize, String, String)> = otherwise
        .iter()
        .map(|(t, l, c, p, d)| ((*t).to_owned(), *l, *c, (*p).to_owned(), (*d).to_owned()))
        .collect();
    assert_eq!(
        differ, expected,
        "cells that differ from the reference: (table, line, column, printed, derived)"
    );
    compared
}

/// Names both references print otherwise than the code catalogue (printed, derived): the
/// catalogue's 30213 has full-width parentheses.
pub(crate) const TEXT_OTHERWISE: &[(&str, &str)] = &[("维修(护)费", "维修（护）费")];

/// 02 prints its “三公” total as the sum of its rounded parts (0 + 0.83 + 9.98); the exact
/// total is 10.8015 万元.
const DEPT_OTHERWISE: &[Otherwise] = &[("t9", 354, 0, "10.81", "10.80")];

/// 03 prints these cells against its own tables (the majority is followed, see the input's
/// header): 表1 splits 人员/公用 otherwise than 表8 (101,200 元 moved) and drops the cents;
/// 表3 and 表5 print 行政运行's 项目支出 as its 类's, 购房补贴's zero as `0` and the 基本支出
/// total without cents.
const UNIT_OTHERWISE: &[Otherwise] = &[
    ("t1", 112, 2, "12,604,173", "12,502,973.00"),
    ("t1", 112, 3, "1,744,680", "1,845,880.34"),
    ("t1", 112, 4, "64,840,547", "64,840,547.00"),
    ("t1", 123, 2, "20,374,181", "20,272,981.00"),
    ("t1", 123, 3, "1,744,680", "1,845,880.34"),
    ("t1", 123, 4, "64,840,547", "64,840,547.00"),
    ("t3", 163, 2, "64,840,547.00", "0.00"),
    ("t3", 181, 2, "0", "0.00"),
    ("t3", 182, 1, "22,118,861", "22,118,861.34"),
    ("t5", 212, 2, "64,840,547.00", "0.00"),
    ("t5", 234, 2, "0", "0.00"),
    ("t5", 235, 1, "22,118,861", "22,118,861.34"),
];

#[test]
fn every_printed_row_of_the_department_budget() {
    let analysis = analyse(&budget(), &profile());
    assert_eq!(compare(&analysis, &fixture("dept.txt"), DEPT_OTHERWISE), 114, "every transcribed row");
}

#[test]
fn every_printed_row_of_the_unit_budget_from_the_same_input() {
    let profile = profile();
    let unit = profile.unit.as_deref().expect("the shanghai profile has a 单位预算");
    let budget = budget().unit_document(gongkai_model::input::OWN_UNIT).expect("本部");
    let analysis = analyse(&budget, unit);
    assert_eq!(compare(&analysis, &fixture("unit.txt"), UNIT_OTHERWISE), 114, "every transcribed row");
}

#[test]
fn the_tables_follow_the_printed_layout() {
    let profile = profile();
    let budget = budget();
    let dept = analyse(&budget, &profile);
    let unit = analyse(&budget.unit_document("本部").unwrap(), profile.unit.as_deref().unwrap());
    for (analysis, org) in [(&dept, "编制部门：上海市普陀区司法局"), (&unit, "编制单位：上海市普陀区司法局")]
    {
        for table in &analysis.tables {
            assert_eq!(table.org_line().as_deref(), Some(org), "{}", table.id);
            let unit_line = if table.id == "t9" { "单位：万元" } else { "单位：元" };
            assert_eq!(table.unit_line().as_deref(), Some(unit_line), "{}", table.id);
            assert_eq!(table.layout.orientation, gongkai_model::table::Orientation::Landscape);
            let last = table.rows.last().expect("every table prints its total row");
            assert_eq!(last.kind, gongkai_model::table::RowKind::Total, "{}: total at the bottom", table.id);
            assert!(table.notes.is_empty(), "{}: no note under the table: {:?}", table.id, table.notes);
        }
    }
}

#[test]
fn the_profile_checks_and_renders_both_documents_in_all_three_formats() {
    let out = gongkai(&["profile", "check", "shanghai"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let input = root().join(DIR).join(INPUT);
    let (input, dir_s) = (input.to_str().unwrap(), dir.path().to_str().unwrap());
    let out = gongkai(&["render", input, "-o", dir_s]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = gongkai(&["render", input, "--unit", "本部", "-o", dir_s]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = gongkai(&["render", input, "--unit", "flyz", "-o", dir_s, "--format", "html"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for ext in ["xlsx", "pdf", "html"] {
        for stem in ["shanghai-sifaju-2026", "shanghai-sifaju-2026.本部"] {
            assert!(names.contains(&format!("{stem}.{ext}")), "no {stem}.{ext} among {names:?}");
        }
    }
    assert!(names.contains(&"shanghai-sifaju-2026.flyz.html".to_owned()), "{names:?}");
}

#[test]
fn a_unit_the_input_lacks_or_a_profile_without_unit_documents_is_bad_input() {
    let input = root().join(DIR).join(INPUT);
    let input = input.to_str().unwrap();
    let out = gongkai(&["tables", input, "--unit", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("没有标识为“nope”的单位") && err.contains("flyz"), "{err}");
    let out = gongkai(&["tables", input, "--unit", "本部", "--profile", "central"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("没有单位预算"));
}

#[test]
fn the_two_units_add_up_to_the_department() {
    let profile = profile();
    let budget = budget();
    let total = |a: &Analysis| a.tables[0].amount("total", "in");
    let dept = analyse(&budget, &profile);
    let unit = profile.unit.as_deref().unwrap();
    let own = analyse(&budget.unit_document("本部").unwrap(), unit);
    let legal_aid = analyse(&budget.unit_document("flyz").unwrap(), unit);
    assert_eq!(total(&own) + total(&legal_aid), total(&dept));
    assert_eq!(legal_aid.facts.as_ref().unwrap().org(), "普陀区法律援助中心");
}

#[test]
fn the_example_renders_with_the_same_total_as_under_xinjiang() {
    let example = root().join("examples/changji-epmc-2025.yaml");
    let text = std::fs::read_to_string(&example).unwrap();
    let budget = gongkai_yaml::parse(text.as_bytes(), "example").map_err(|d| format!("{d:?}")).unwrap().value;
    let shanghai = gongkai_model::analyse(&budget, &profile());
    let xinjiang = gongkai_model::analyse(&budget, &gongkai_profile::builtin("xinjiang-11").unwrap());
    // The example's last-year figures are keyed by another profile's comparisons: each
    // missing (E405) or unknown (E420) key is a finding at its place, nothing else is wrong.
    use gongkai_model::rules::Rule;
    let last_year = [Rule::MissingLastYear.id(), Rule::UnknownCompareKey.id()];
    let errors: Vec<_> = shanghai.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|d| last_year.contains(&d.rule.as_str()) && d.path.is_some()), "{errors:#?}");
    let printed = |a: &Analysis| {
        let t = &a.tables[0];
        let col = t.columns.iter().rposition(|c| c.kind == ColumnKind::Amount).unwrap();
        let total = t.rows.iter().find(|r| r.key == "total").unwrap();
        t.format.rounded(total.cells[col].amount())
    };
    // Shanghai prints 元, Xinjiang 万元 with two decimals: the same figure in 万元.
    let in_wan = (printed(&shanghai) / rust_decimal::Decimal::from(10_000))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    assert_eq!(in_wan, printed(&xinjiang));
    let dir = tempfile::tempdir().unwrap();
    let out = gongkai(&[
        "render",
        example.to_str().unwrap(),
        "--profile",
        "shanghai",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("changji-epmc-2025.yaml:") && err.contains("E405"), "{err}");
}

/// Figures 02 states otherwise than its tables or its own arithmetic (printed, derived):
/// the “三公” total as the sum of its rounded parts; item 6's 2025 figure 43269.3 (its
/// +17.62% computes from 3269.3); item 7's −2.21% (57.80 / 59.11 − 1 = −2.22%); item 9's
/// +17.66% (91.97 / 77.99 − 1 = +17.93%, item 8's figure repeated); item 12's
/// “2026年预算安排201.50” (the tables and its own heading: 208.80).
const DEPT_PRINTED_OTHERWISE: &[(&str, &str)] = &[
    ("10.81", "10.80"),
    ("43269.3", "3269.30"),
    ("2.21%", "2.22%"),
    ("17.66%", "17.93%"),
    ("201.50", "208.80"),
];

/// Figures 03 states that its `--unit 本部` document does not print: its comparisons with
/// 2025 (the input has last year's figures for the department only, so the unit's document
/// compares the 本部's lines with the department's 2025 figures) and its 政府采购 (the
/// input has the department's). Each must really be missing, so the list can only shrink.
const UNIT_NOT_YET: &[&str] = &[
    "794.88", "1.10%", "114.87", "0.98%", "57.43", "57.8", "2.27%", "133.84", "17.48%", "66.74", "17.80%",
    "22.22%", "50.78", "93.51%", "205.04", "12.63%", "170.03", "21.74%", "1484.2", "1.44",
];

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_states_the_figures_of_the_department_budget() {
    narrative(
        "02-shanghai-putuo-justice-bureau-2026-dept-budget.txt",
        ("2026年部门预算编制说明", "2026年部门财务收支预算总表"),
        None,
        DEPT_PRINTED_OTHERWISE,
        &[],
    );
}

#[test]
#[allow(clippy::print_stderr)] // The skip message, and how much of the narrative is printed.
fn the_narrative_of_the_unit_budget_from_the_same_input() {
    narrative(
        "03-shanghai-putuo-justice-bureau-2026-unit-budget.txt",
        ("2026年单位预算编制说明", "2026年预算单位财务收支预算总表"),
        Some("本部"),
        &[],
        UNIT_NOT_YET,
    );
}

/// Checks that the narrative of the document rendered from the input (`unit`'s with
/// `--unit`) states every figure the reference states in its 编制说明 (`section`: its
/// heading and the first table's title) and from 其他相关情况说明 to the end: as printed,
/// or as `otherwise` derives it, or listed in `not_yet` (and then really missing).
#[allow(clippy::print_stderr)]
fn narrative(
    reference: &str,
    section: (&str, &str),
    unit: Option<&str>,
    otherwise: &[(&str, &str)],
    not_yet: &[&str],
) {
    let path = root().join("../shared/reference/regions").join(reference);
    let Ok(reference) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: the reference text {} is absent", path.display());
        return;
    };
    let lines: Vec<&str> = reference.lines().collect();
    let from = |needle: &str| lines.iter().rposition(|l| l.trim() == needle).unwrap();
    let prose: String = lines[from(section.0)..from(section.1)]
        .iter()
        .chain(&lines[from("其他相关情况说明")..])
        .copied()
        .collect::<Vec<_>>()
        .join("");
    let stated = figures_of(&prose);
    assert!(stated.len() > 60, "{} figures found in the reference's narrative", stated.len());

    let tmp = tempfile::tempdir().unwrap();
    let input = root().join(DIR).join(INPUT);
    let out = tmp.path().join("out");
    let mut args = vec!["render", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"];
    args.extend(unit.iter().flat_map(|u| ["--unit", *u]));
    let o = gongkai(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let name = match unit {
        Some(u) => format!("shanghai-sifaju-2026.{u}.json"),
        None => "shanghai-sifaju-2026.json".to_owned(),
    };
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap();
    let ours = narrative_of(&doc);
    // Figures compare by value: the reference trims trailing zeros (57.8, 686万元).
    let value =
        |f: &str| (f.ends_with('%'), f.trim_end_matches('%').parse::<rust_decimal::Decimal>().unwrap());
    let printed: Vec<_> = figures_of(&ours).iter().map(|f| value(f)).collect();
    let is_printed = |f: &str| printed.contains(&value(f));
    let mut missing = Vec::new();
    for figure in &stated {
        let want = otherwise.iter().find(|(p, _)| p == figure).map_or(figure.as_str(), |(_, d)| *d);
        if !is_printed(want) && !not_yet.contains(&figure.as_str()) {
            missing.push(figure.clone());
        }
    }
    assert!(missing.is_empty(), "stated in the reference, not in our narrative: {missing:?}");
    for (p, d) in otherwise {
        assert!(stated.iter().any(|s| s == p) && is_printed(d), "{p} → {d}");
    }
    for gap in not_yet {
        assert!(stated.iter().any(|s| s == gap), "{gap} is not stated in the reference");
        assert!(!is_printed(gap), "{gap} is printed now: take it off the list");
    }
    let count = |list: &dyn Fn(&str) -> bool| stated.iter().filter(|s| list(s)).count();
    eprintln!(
        "{}: {} of {} figures printed ({} as the tables have them), {} not yet",
        path.display(),
        count(&|s| !not_yet.contains(&s)),
        stated.len(),
        count(&|s| otherwise.iter().any(|(p, _)| *p == s)),
        count(&|s| not_yet.contains(&s)),
    );
}

#[test]
fn batch_units_writes_each_units_document_beside_the_departments() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(root().join(DIR).join(INPUT), input.join(INPUT)).unwrap();
    let out = tmp.path().join("out");
    let (i, o) = (input.to_str().unwrap(), out.to_str().unwrap());
    let run = gongkai(&["batch", i, "-o", o, "--profile", "shanghai", "--units", "--format", "html"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let folder = out.join("上海市普陀区司法局");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".html"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["上海市普陀区司法局.flyz.html", "上海市普陀区司法局.html", "上海市普陀区司法局.本部.html"]
    );
    // The unit documents are the ones render --unit writes.
    let single = tmp.path().join("single");
    let s = single.to_str().unwrap();
    let r = gongkai(&[
        "render",
        &input.join(INPUT).to_string_lossy(),
        "--unit",
        "本部",
        "-o",
        s,
        "--format",
        "html",
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let html = |p: std::path::PathBuf| std::fs::read_to_string(p).unwrap();
    let own = html(folder.join("上海市普陀区司法局.本部.html"));
    assert_eq!(own, html(single.join("shanghai-sifaju-2026.本部.html")));
    assert!(own.contains("2026年预算单位财务收支预算总表") && own.contains("编制单位"));
    // Without --units the same batch is a different run: the unit files go.
    let run = gongkai(&["batch", i, "-o", o, "--profile", "shanghai", "--format", "html"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(!folder.join("上海市普陀区司法局.本部.html").exists());
    // A profile without unit documents cannot make them: a usage error before any work.
    let run = gongkai(&["batch", i, "-o", o, "--profile", "central", "--units", "--format", "html"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("没有单位预算"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The input types last year's figures for the department, which has two units: the
/// 本部's document compares with them, and says so (W428), since they are not the
/// 本部's own. 07's input, whose department is its 本部 alone, gets no such warning.
#[test]
fn a_units_document_says_when_it_compares_with_the_departments_last_year() {
    let warned = |dir: &str, input: &str| {
        let path = root().join(dir).join(input);
        let out = gongkai(&["validate", path.to_str().unwrap(), "--unit", "本部"]);
        String::from_utf8_lossy(&out.stdout).contains("W428")
            || String::from_utf8_lossy(&out.stderr).contains("W428")
    };
    assert!(warned(DIR, INPUT));
    assert!(!warned("tests/fixtures/shanghai-2025", "shanghai-shangwuwei-2025.yaml"));
}
