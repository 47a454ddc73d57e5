//! Trust: no budget line is lost, no input makes the checks panic, every number has a
//! range, text is data, and all findings come at once. Each test is a minimal input that
//! failed before.

use gongkai_model::table::Table;
use rust_decimal::Decimal;

use crate::common::{analyse, minimal};

fn rules_at(yaml: &str) -> Vec<(String, String)> {
    let diags = match analyse(yaml) {
        Ok(a) => a.diagnostics,
        Err(d) => d,
    };
    diags
        .iter()
        .map(|d| (d.rule.clone(), d.location.as_ref().map(ToString::to_string).unwrap_or_default()))
        .collect()
}

/// `t.yaml:line:column` of the first occurrence of `needle` in `yaml` (columns in
/// characters, as the YAML reader counts them).
fn find(yaml: &str, needle: &str) -> String {
    let start = yaml.find(needle).unwrap_or_else(|| panic!("{needle} not in the input"));
    let line = yaml[..start].matches('\n').count() + 1;
    let column = yaml[..start].rsplit('\n').next().unwrap_or("").chars().count() + 1;
    format!("t.yaml:{line}:{column}")
}

/// Whether the analysis has errors other than the missing last-year figures a minimal
/// budget lacks.
fn has_real_errors(a: &gongkai_model::Analysis) -> bool {
    a.diagnostics.iter().any(|d| d.is_error() && !["E404", "E405"].contains(&d.rule.as_str()))
}

#[track_caller]
fn has(got: &[(String, String)], rule: &str, at: &str) {
    assert!(got.iter().any(|(r, l)| r == rule && l == at), "expected {rule} at {at}; got {got:?}");
}

fn total(tables: &[Table], id: &str, col: &str) -> Decimal {
    tables.iter().find(|t| t.id == id).unwrap().amount("total", col)
}

/// A code the catalogue lacks, named on its first line only: the later lines with it
/// vanished from every table while validation passed.
#[test]
fn a_code_named_once_keeps_every_line_with_it() {
    let yaml = minimal(
        "  - {func: 2080598, func_name: 试点支出, econ: 30108, kind: 基本, source: 一般公共预算, amount: 100}
  - {func: 2080598, econ: 30108, kind: 基本, source: 一般公共预算, amount: 200}
  - {func: 2080598, econ: 30108, kind: 基本, source: 一般公共预算, amount: 300}
  - {func: 2080505, econ: 39999, econ_name: 试点经济, kind: 基本, source: 一般公共预算, amount: 400}
  - {func: 2080505, econ: 39999, kind: 基本, source: 一般公共预算, amount: 500}
",
    );
    let a = analyse(&yaml).unwrap();
    assert!(!has_real_errors(&a), "{:#?}", a.diagnostics);
    assert_eq!(a.facts.as_ref().unwrap().lines.len(), 5);
    // 1,500 元 = 0.15 万元 in 表1, 表2, 表3 and 表5.
    for (t, c) in [("t1", "in"), ("t1", "out"), ("t2", "total"), ("t3", "total"), ("t5", "total")] {
        assert_eq!(total(&a.tables, t, c), Decimal::new(15, 2), "{t}.{c}");
    }
}

/// A name given later for the same code under another spelling is a warning, not a
/// second row and not a lost line.
#[test]
fn a_code_named_twice_differently_is_a_warning() {
    let yaml = minimal(
        "  - {func: 2080598, func_name: 试点支出, econ: 30108, kind: 基本, source: 一般公共预算, amount: 100}
  - {func: 2080598, func_name: 试点开支, econ: 30108, kind: 基本, source: 一般公共预算, amount: 200}
",
    );
    let got = rules_at(&yaml);
    has(&got, "W205", &find(&yaml, "试点开支"));
    assert_eq!(analyse(&yaml).unwrap().facts.unwrap().lines.len(), 2);
}

/// Amounts near `Decimal::MAX` made the sums panic; counts near `u32::MAX` overflowed the
/// head count. Now every number has a documented range.
#[test]
fn huge_numbers_are_out_of_range_not_a_panic() {
    let max = Decimal::MAX.to_string();
    let mut yaml = minimal(&format!(
        "  - {{func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: {max}}}
  - {{func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: {max}}}
  - {{func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: 1000000000000000.01}}
"
    ));
    yaml = yaml.replace("{count: 1}", "{count: 4294967295}");
    let got = rules_at(&yaml);
    let line = |n: usize| format!("t.yaml:{n}:68");
    has(&got, "E305", &line(9));
    has(&got, "E305", &line(10));
    has(&got, "E305", &line(11));
    has(&got, "E305", &find(&yaml, "4294967295"));
}

#[test]
fn commas_must_be_thousands_separators() {
    let yaml = minimal(
        "  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: '12,5'}
  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: '1,034.00'}
  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: '１２３．４０'}
",
    );
    let a = analyse(&yaml).unwrap();
    let got = rules_at(&yaml);
    has(&got, "E301", "t.yaml:9:68");
    has(&got, "I306", "t.yaml:11:68");
    let e301 = a.diagnostics.iter().find(|d| d.rule == "E301").unwrap();
    assert!(e301.hint.as_deref().unwrap().contains("千分位"), "{e301}");
    assert!(!got.iter().any(|(r, l)| r != "I306" && l.starts_with("t.yaml:10:")), "{got:?}");
}

#[test]
fn counts_are_decimal_integers() {
    let yaml = minimal("  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: 1}\n")
        .replace("establishment: 1", "establishment: 0x10")
        .replace("{count: 1}", "{count: １２}");
    let got = rules_at(&yaml);
    has(&got, "E103", &find(&yaml, "0x10"));
    has(&got, "I306", &find(&yaml, "１２"));
}

/// Four planted errors of four kinds used to take three runs to find.
#[test]
fn every_finding_comes_in_one_run() {
    let yaml = minimal(
        "  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amout: 1}
  - {func: 2080598, econ: 30108, kind: 基本, source: 一般公共预算, amount: 2}
  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: -3}
  - {func: [2080505], econ: 30108, kind: 基本, source: 一般公共预算, amount: 4}
",
    )
    .replace("year: 2025", "year: 二〇二五");
    let got = rules_at(&yaml);
    has(&got, "E103", "t.yaml:3:9");
    has(&got, "E101", "t.yaml:9:60");
    has(&got, "E104", "t.yaml:9:5");
    has(&got, "E203", "t.yaml:10:12");
    has(&got, "E302", "t.yaml:11:68");
    has(&got, "E103", "t.yaml:12:6");
    // Sorted by place.
    let places: Vec<(usize, usize)> = got
        .iter()
        .filter_map(|(_, l)| {
            let mut p = l.split(':').skip(1).map(|n| n.parse::<usize>().unwrap_or(0));
            Some((p.next()?, p.next()?))
        })
        .collect();
    assert!(places.windows(2).all(|w| w[0] <= w[1]), "{got:?}");
}

#[test]
fn control_characters_are_errors_and_invisible_ones_are_dropped() {
    let yaml = minimal("  - {func: 2080505, econ: 30108, kind: 项目, project: \"监测\\u200b项目\", source: 一般公共预算, amount: 1}\n")
        .replace("name: 测试局", "name: \"测试\\u0007局\"")
        .replace("functions: 测试。", "functions: \"第一段。\\n第二段\\t。\"");
    let a = analyse(&yaml).unwrap();
    let got = rules_at(&yaml);
    has(&got, "E417", "t.yaml:2:9");
    has(&got, "E417", "t.yaml:6:14");
    has(&got, "I418", &find(&yaml, "\"监测"));
    assert_eq!(a.facts.unwrap().projects[0].name, "监测项目");
    // Messages never carry the characters raw.
    assert!(a.diagnostics.iter().all(|d| !d.message.chars().any(|c| c == '\u{7}' || c == '\u{200b}')));
}

#[test]
fn texts_longer_than_a_cell_are_errors_at_their_place() {
    let long = "职".repeat(gongkai_model::texts::MAX_TEXT_CHARS + 1);
    let yaml = minimal("  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: 1}\n")
        .replace("functions: 测试。", &format!("functions: {long}"));
    has(&rules_at(&yaml), "E107", "t.yaml:6:14");
}

#[test]
fn lists_longer_than_their_limit_are_errors() {
    let mut lines = String::new();
    for _ in 0..=gongkai_model::facts::MAX_ENTRIES {
        lines.push_str("  - {id: u, name: 单位}\n");
    }
    let yaml = minimal("  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: 1}\n")
        .replacen("lines:\n", &format!("units:\n{lines}lines:\n"), 1);
    has(&rules_at(&yaml), "E108", "t.yaml:8:1");
}

/// The conservation check is not vacuous: a table whose total lost money, or a line
/// missing from the facts of a valid budget, is an error.
#[test]
fn conservation_fails_on_lost_money() {
    use gongkai_model::table::Cell;
    let text =
        std::fs::read_to_string(crate::common::root().join("examples/changji-epmc-2025.yaml")).unwrap();
    let a = analyse(&text).unwrap();
    let profile = gongkai_profile::builtin(gongkai_model::DEFAULT_PROFILE).unwrap();
    let mut facts = a.facts.clone().unwrap();
    let clean = gongkai_model::conserve::check(facts.lines.len(), &facts, &[], &profile, &a.tables);
    assert!(clean.is_empty(), "{clean:#?}");
    let mut tables = a.tables.clone();
    let t3 = tables.iter_mut().find(|t| t.id == "t3").unwrap();
    let col = t3.column("basic").unwrap();
    let row = t3.rows.iter().position(|r| r.key == "total").unwrap();
    t3.rows[row].cells[col] = Cell::Amount(t3.rows[row].cells[col].amount() - Decimal::new(1, 2));
    let found = gongkai_model::conserve::check(facts.lines.len(), &facts, &[], &profile, &tables);
    assert!(found.iter().any(|d| d.rule == "E504" && d.message.contains("表3")), "{found:#?}");
    let lines = facts.lines.len();
    facts.lines.pop();
    let found = gongkai_model::conserve::check(lines, &facts, &[], &profile, &a.tables);
    assert!(
        found.iter().any(|d| d.rule == "E504" && d.message.contains(&format!("第 {lines} 条"))),
        "{found:#?}"
    );
}

/// validate checks every printed text against the PDF's fonts, so that render never fails
/// on a character validate accepted; a fallback font given to both is taken into account.
#[test]
fn validate_and_render_agree_on_glyphs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("b.yaml");
    let text = crate::common::example_text().replacen(
        "name: 昌吉回族自治州环境污染监控中心",
        "name: 昌吉𠮷州环境监控中心",
        1,
    );
    assert!(text.contains("𠮷"));
    std::fs::write(&input, &text).unwrap();
    let v = crate::common::gongkai(&["validate", input.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&v.stdout);
    assert_eq!(v.status.code(), Some(1), "{out}");
    assert!(out.contains("E419") && out.contains("U+20BB7") && out.contains("b.yaml:"), "{out}");
    let r = crate::common::gongkai(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(r.status.code(), Some(1));
    let font = crate::common::root().join("tests/fixtures/fonts/GongkaiTestFallback-Regular.otf");
    let font = font.to_str().unwrap();
    let v = crate::common::gongkai(&["validate", input.to_str().unwrap(), "--pdf-font-fallback", font]);
    assert_eq!(v.status.code(), Some(0), "{}", String::from_utf8_lossy(&v.stdout));
    let r = crate::common::gongkai(&[
        "render",
        input.to_str().unwrap(),
        "-o",
        dir.path().join("o").to_str().unwrap(),
        "--format",
        "pdf",
        "--pdf-font-fallback",
        font,
    ]);
    assert_eq!(r.status.code(), Some(0), "{}", String::from_utf8_lossy(&r.stderr));
}
