//! The built-in `central` profile reproduces 国家信访局's 2026 disclosure row for row.
//!
//! `tests/fixtures/central-2026/tables.txt` holds every printed row of 部门公开表 1–9,
//! transcribed mechanically from the reference text (`scripts/central-fixture.sh` checks
//! it against the text); the input beside it reconstructs the budget lines, and last
//! year's input the 2025 执行数 of 表5. Every derived row must print exactly the
//! transcribed one: codes, labels, amounts with separators, percentages with `%`.

use std::collections::BTreeMap;

use gongkai_model::table::{ColumnKind, Table};
use gongkai_model::text::printed_rows;
use gongkai_model::{Analysis, LastYearInput};
use rust_decimal::Decimal;

use crate::common::{gongkai, root, squash};

const DIR: &str = "tests/fixtures/central-2026";

/// One transcribed table: its number, title, printed leaf labels, empty-table sentence
/// and rows (labels, cells; `None` is a blank cell).
#[derive(Default)]
struct Printed {
    number: String,
    title: String,
    header: Vec<String>,
    empty: Option<String>,
    percent: Vec<bool>,
    rows: Vec<(usize, Vec<String>, Vec<Option<String>>)>,
}

fn fixture() -> BTreeMap<String, Printed> {
    let text = std::fs::read_to_string(root().join(DIR).join("tables.txt")).unwrap();
    let mut tables: BTreeMap<String, Printed> = BTreeMap::new();
    let mut key = String::new();
    let split = |v: &str| v.split('|').map(|s| s.trim().to_owned()).collect::<Vec<_>>();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix('@') {
            let (k, v) = rest.split_once(' ').unwrap_or((rest, ""));
            if k == "table" {
                key = v.to_owned();
            }
            let t = tables.entry(key.clone()).or_default();
            match k {
                "no" => t.number = v.to_owned(),
                "title" => t.title = v.to_owned(),
                "header" => t.header = split(v),
                "empty" => t.empty = Some(v.to_owned()),
                "columns" => t.percent = split(v).iter().map(|c| c.ends_with('%')).collect(),
                _ => {}
            }
            continue;
        }
        let (head, cells) = line.split_once("::").expect("a row has ::");
        let (no, labels) = head.trim().split_once(' ').unwrap_or((head.trim(), ""));
        let no: usize = no.trim_start_matches('L').parse().unwrap();
        let labels = if labels.trim().is_empty() { Vec::new() } else { split(labels) };
        let cells = cells.split_whitespace().map(|c| (c != "-").then(|| c.to_owned())).collect();
        tables.get_mut(&key).unwrap().rows.push((no, labels, cells));
    }
    tables
}

/// A transcribed figure as the document prints it: amounts with thousands separators,
/// percentages with `%` and none.
fn printed(cell: &str, percent: bool) -> String {
    let d: Decimal = cell.parse().unwrap();
    if percent { format!("{d:.2}%") } else { gongkai_model::money::fixed(d, 2, true) }
}

/// The input analysed with the central profile, last year's input read as the CLI does.
fn analysis() -> Analysis {
    let profile = gongkai_profile::builtin("central").unwrap();
    let read = |name: &str| {
        let text = std::fs::read_to_string(root().join(DIR).join(name)).unwrap();
        gongkai_yaml::parse(text.as_bytes(), name).map_err(|d| format!("{d:?}")).unwrap()
    };
    let last = read("guojia-xinfangju-2025.yaml");
    let last = gongkai_model::analyse_last_year(&last.value, &profile);
    assert!(!last.has_errors(), "{:#?}", last.diagnostics);
    let this = read("guojia-xinfangju-2026.yaml");
    let analysis = gongkai_model::analyse_with_last_year(
        &this.value,
        &profile,
        Some(LastYearInput::Read(Box::new(last.facts.unwrap()))),
    );
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis
}

/// The rows a derived table prints that carry something: padding rows are not
/// transcribed.
fn rows(table: &Table) -> Vec<Vec<String>> {
    printed_rows(table).into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect()
}

#[test]
fn every_printed_row_of_the_nine_tables() {
    let analysis = analysis();
    let fixture = fixture();
    assert_eq!(analysis.tables.len(), 9);
    let mut compared = 0;
    for table in &analysis.tables {
        let want = &fixture[&table.id];
        assert_eq!(table.number, want.number, "{}", table.id);
        assert_eq!(table.title, want.title, "{}", table.id);
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        assert_eq!(leaves, want_leaves, "{} header", table.number);
        assert_eq!(
            table.empty_note.as_deref().map(squash),
            want.empty.as_deref().map(squash),
            "{}",
            table.number
        );
        let got = rows(table);
        assert_eq!(got.len(), want.rows.len(), "{}: row count", table.number);
        for (g, (line, labels, cells)) in got.iter().zip(&want.rows) {
            // The transcription lists a row's texts, then its figures. Texts are compared in
            // order (a total's label may stand in the code columns or the name column: the
            // text layer cannot tell), figures column by column.
            let is_amount: Vec<bool> = table.columns.iter().map(|c| c.kind == ColumnKind::Amount).collect();
            let got_labels: Vec<&String> =
                g.iter().zip(&is_amount).filter(|(c, a)| !**a && !c.is_empty()).map(|(c, _)| c).collect();
            let want_labels: Vec<&String> = labels.iter().filter(|l| !l.is_empty()).collect();
            assert_eq!(got_labels, want_labels, "{} source line {line}: texts", table.number);
            let got_figures: Vec<&String> =
                g.iter().zip(&is_amount).filter(|(_, a)| **a).map(|(c, _)| c).collect();
            let want_figures: Vec<String> = cells
                .iter()
                .zip(&want.percent)
                .map(|(cell, percent)| cell.as_deref().map(|c| printed(c, *percent)).unwrap_or_default())
                .collect();
            assert_eq!(
                got_figures,
                want_figures.iter().collect::<Vec<_>>(),
                "{} source line {line}: figures",
                table.number
            );
            compared += 1;
        }
    }
    assert_eq!(compared, 112, "every transcribed row was compared");
}

#[test]
fn the_nine_tables_follow_the_printed_layout() {
    let analysis = analysis();
    for table in &analysis.tables {
        assert_eq!(table.org_line(), None, "{}: no 编制部门 line", table.number);
        assert_eq!(table.unit_line().as_deref(), Some("单位：万元"), "{}", table.number);
        assert_eq!(table.layout.number_position, gongkai_model::table::NumberPosition::AboveRight);
        assert_eq!(table.layout.orientation, gongkai_model::table::Orientation::Landscape);
        let last = table.rows.last().expect("every table prints its total row");
        assert_eq!(last.kind, gongkai_model::table::RowKind::Total, "{}: total at the bottom", table.number);
    }
}

#[test]
fn the_profile_checks_and_renders_in_all_three_formats() {
    let out = gongkai(&["profile", "check", "central"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let input = root().join(DIR).join("guojia-xinfangju-2026.yaml");
    let out = gongkai(&["render", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for ext in ["xlsx", "pdf", "html"] {
        assert!(names.iter().any(|n| n.ends_with(ext)), "no .{ext} among {names:?}");
    }
}
