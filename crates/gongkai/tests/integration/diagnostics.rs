//! Each rule fires on a minimal bad input, with its rule ID and `file:line:column`.

use crate::common::{analyse, minimal};

/// Asserts that analysing `yaml` reports every `(rule, location)` in `expect`.
#[track_caller]
fn check(yaml: &str, expect: &[(&str, &str)]) {
    let diags = match analyse(yaml) {
        Ok(a) => a.diagnostics,
        Err(d) => d,
    };
    let got: Vec<(String, String)> = diags
        .iter()
        .map(|d| (d.rule.clone(), d.location.as_ref().map(ToString::to_string).unwrap_or_default()))
        .collect();
    for (rule, loc) in expect {
        assert!(
            got.iter().any(|(r, l)| r == rule && l == loc),
            "expected {rule} at {loc}; got:\n{}",
            diags.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n")
        );
    }
}

/// One budget line in block style, starting at line 9 of [`minimal`].
fn line(fields: &str) -> String {
    minimal(&format!("  - {}\n", fields.trim().replace('\n', "\n    ")))
}

#[test]
fn misspelt_field_name() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namout: 100");
    check(&yaml, &[("E101", "t.yaml:13:5")]);
}

#[test]
fn misspelt_field_suggests_the_right_one() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namout: 100");
    let diags = analyse(&yaml).unwrap().diagnostics;
    let d = diags.iter().find(|d| d.rule == "E101").unwrap();
    assert_eq!(d.message, "未知字段“amout”");
    assert!(d.hint.as_deref().unwrap().starts_with("是否应为“amount”？"));
}

#[test]
fn duplicate_key_is_rejected_not_last_wins() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100\namount: 200");
    check(&yaml, &[("E102", "t.yaml:14:5")]);
}

#[test]
fn code_the_catalogue_lacks_without_a_name() {
    let yaml = line("func: 2080598\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100");
    check(&yaml, &[("E203", "t.yaml:9:11")]);
}

#[test]
fn code_the_catalogue_lacks_with_a_name_is_a_warning() {
    let yaml = line(
        "func: 2080598\nfunc_name: 试点支出\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100",
    );
    check(&yaml, &[("W204", "t.yaml:9:11")]);
}

#[test]
fn known_code_with_another_name() {
    let yaml = line(
        "func: 2080505\nfunc_name: 养老保险\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100",
    );
    check(&yaml, &[("W205", "t.yaml:10:16")]);
}

#[test]
fn negative_amount() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: -100");
    check(&yaml, &[("E302", "t.yaml:13:13")]);
}

#[test]
fn non_numeric_amount() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 十二");
    check(&yaml, &[("E301", "t.yaml:13:13")]);
}

#[test]
fn amount_finer_than_a_cent() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100.005");
    check(&yaml, &[("E303", "t.yaml:13:13")]);
}

#[test]
fn item_under_the_wrong_section() {
    // 大气 is 2110301; 21105 is no 款 of 节能环保支出.
    let yaml =
        line("func: 2110501\necon: 30227\nkind: 项目\nproject: 大气治理\nsource: 一般公共预算\namount: 100");
    check(&yaml, &[("E202", "t.yaml:9:11")]);
}

#[test]
fn malformed_codes() {
    let yaml = line("func: 20805\necon: 3010\nkind: 基本\nsource: 一般公共预算\namount: 100");
    check(&yaml, &[("E201", "t.yaml:9:11"), ("E201", "t.yaml:10:11")]);
}

#[test]
fn project_line_without_a_project() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 项目\nsource: 一般公共预算\namount: 100");
    check(&yaml, &[("E401", "t.yaml:9:5")]);
}

#[test]
fn unknown_source_and_kind() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 其他\nsource: 自筹资金\namount: 100");
    check(&yaml, &[("E105", "t.yaml:11:11"), ("E105", "t.yaml:12:13")]);
}

#[test]
fn unknown_unit() {
    let yaml =
        line("unit: 二分局\nfunc: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100");
    check(&yaml, &[("E403", "t.yaml:9:11")]);
}

#[test]
fn compared_figures_need_last_year_and_a_reason() {
    let mut yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100");
    yaml.push_str("last_year:\n  income:\n    general: {amount: 8000}\n");
    // No reason for 一般公共预算 (0.01 万元 against 0.80); no last-year figure at all for 基本支出.
    check(&yaml, &[("E404", "t.yaml:16:5"), ("E405", "t.yaml:14:1")]);
}

#[test]
fn wrong_type() {
    let yaml = minimal("  - [2080505, 30108]\n");
    check(&yaml, &[("E103", "t.yaml:9:5")]);
}

#[test]
fn missing_required_field() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\namount: 100");
    let diags = analyse(&yaml).unwrap().diagnostics;
    let d = diags.iter().find(|d| d.rule == "E104").unwrap();
    assert!(d.message.contains("source"), "{}", d.message);
    assert_eq!(d.location.as_ref().unwrap().to_string(), "t.yaml:9:5");
    // The filled-in source is not reported a second time as an unknown source.
    assert!(!diags.iter().any(|d| d.rule == "E105"), "{diags:#?}");
}

#[test]
fn bad_date() {
    let yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100")
        .replace("2025-02-14", "2025-02-30");
    check(&yaml, &[("E413", "t.yaml:4:14")]);
}

#[test]
fn all_findings_at_once() {
    let yaml = minimal(
        "  - {func: 2080505, econ: 30108, kind: 基本, source: 一般公共预算, amount: -1}
  - {func: 2080598, econ: 30108, kind: 基本, source: 一般公共预算, amount: 十二}
  - {func: 2110501, econ: 30108, kind: 基本, source: 一般公共预算, amount: 1}
",
    );
    check(
        &yaml,
        &[
            ("E302", "t.yaml:9:68"),
            ("E203", "t.yaml:10:12"),
            ("E301", "t.yaml:10:68"),
            ("E202", "t.yaml:11:12"),
        ],
    );
}

#[test]
fn not_utf8() {
    let mut bytes = minimal("").into_bytes();
    bytes.extend_from_slice(&[0xb2, 0xe2]); // “测” in GBK
    let diags = gongkai_yaml::parse(&bytes, "t.yaml").unwrap_err();
    assert_eq!(diags[0].rule, "E100");
    assert!(diags[0].message.contains("UTF-8"));
}

/// Hostile YAML (an alias bomb, absurd nesting) is refused with a diagnostic, not a hang or
/// a stack overflow: unknown or mistyped structure stops the parser before any expansion,
/// and serde-saphyr's budget bounds nesting and aliases.
#[test]
fn hostile_yaml_is_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (i, prev) in ["a", "b", "c", "d", "e", "f", "g", "h"].iter().enumerate() {
        let name = (b'b' + u8::try_from(i).unwrap()) as char;
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let deep = format!("department: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let deep_map = format!("department: {}1{}\n", "{a: ".repeat(5_000), "}".repeat(5_000));
    for text in [bomb, deep, deep_map] {
        let diags = gongkai_yaml::parse(text.as_bytes(), "t.yaml").unwrap_err();
        assert!(["E100", "E101", "E103"].contains(&diags[0].rule.as_str()), "{}", diags[0]);
    }
}

/// A bad date does not hide the other findings: the checks after it still run.
#[test]
fn a_bad_date_hides_nothing() {
    let mut yaml = line("func: 2080505\necon: 30108\nkind: 基本\nsource: 一般公共预算\namount: 100")
        .replace("2025-02-14", "2025-02-30");
    yaml.push_str("last_year:\n  income:\n    general: {amount: 8000}\n");
    check(&yaml, &[("E413", "t.yaml:4:14"), ("E404", "t.yaml:16:5")]);
}
