//! 政府预算支出经济分类 (5xx): tables grouped by the lines' 5xx codes, from the
//! catalogue's correspondence by unit kind or from a line's own `gov_econ`.
//!
//! The profile is the built-in one exported and edited so that 表6 (基本支出 by economic
//! 类/款) groups by 政府经济分类 instead: its 5xx classes must add up to what the 3xx
//! classes of the unedited 表6 hold, class for class.

use std::path::Path;

use serde_json::Value;

use crate::common::{example_text, gongkai, root, run_in};

/// Exports the default profile into `dir/p` with 表6 grouped by 政府经济分类.
fn gov_profile(dir: &Path) -> String {
    let out = dir.join("p");
    let o = gongkai(&["profile", "export", gongkai_model::DEFAULT_PROFILE, out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let tables = out.join("tables.yaml");
    let text = std::fs::read_to_string(&tables).unwrap();
    let from = "levels: [{by: econ_class}, {by: econ_item}]";
    assert_eq!(text.matches(from).count(), 1, "表6's levels moved; update the test");
    std::fs::write(&tables, text.replace(from, "levels: [{by: gov_class}, {by: gov_item}]")).unwrap();
    out.to_str().unwrap().to_owned()
}

/// The `tables --format json` of an input text under a profile (the built-in one when
/// `profile` is None).
fn tables(dir: &Path, text: &str, profile: Option<&str>) -> Vec<Value> {
    let input = dir.join("in.yaml");
    std::fs::write(&input, text).unwrap();
    let mut args = vec!["tables", "--format", "json", input.to_str().unwrap()];
    if let Some(p) = profile {
        args.extend(["--profile", p]);
    }
    let o = run_in(&root(), &args, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// 表6's class rows: code → the total column.
fn classes(tables: &[Value]) -> Vec<(String, String)> {
    let t6 = tables.iter().find(|t| t["number"] == "表6").expect("表6");
    t6["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "class" || r["kind"] == "total")
        .map(|r| (r["key"].as_str().unwrap().to_owned(), r["cells"][3]["v"].as_str().unwrap().to_owned()))
        .collect()
}

fn rules_of(dir: &Path, text: &str, profile: &str) -> Vec<(String, String)> {
    let input = dir.join("in.yaml");
    std::fs::write(&input, text).unwrap();
    let o = run_in(
        &root(),
        &["validate", "--format", "json", "--profile", profile, input.to_str().unwrap()],
        &[],
    );
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_array().cloned().unwrap_or_default();
            let at = path.iter().map(Value::to_string).collect::<Vec<_>>().join(".");
            (d["rule"].as_str().unwrap().to_owned(), at)
        })
        .collect()
}

#[test]
fn an_institutions_lines_group_under_505_as_its_3xx_classes_do() {
    let dir = tempfile::tempdir().unwrap();
    let profile = gov_profile(dir.path());
    let by_3xx = classes(&tables(dir.path(), &example_text(), None));
    let by_5xx = classes(&tables(dir.path(), &example_text(), Some(&profile)));
    // The example is a 事业单位 with basic spending in 301 and 302 only.
    let keys: Vec<&str> = by_3xx.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["total", "301", "302"]);
    let keys: Vec<&str> = by_5xx.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["total", "505"]);
    assert_eq!(by_5xx[0].1, by_3xx[0].1, "the total is the same whichever classification groups it");
    // 50501 工资福利支出 holds what 301 holds, 50502 商品和服务支出 what 302 holds.
    let t6 = tables(dir.path(), &example_text(), Some(&profile));
    let t6 = t6.iter().find(|t| t["number"] == "表6").unwrap();
    let item = |key: &str| {
        t6["rows"].as_array().unwrap().iter().find(|r| r["key"] == key).map(|r| r["cells"][3]["v"].clone())
    };
    assert_eq!(item("50501").unwrap().as_str(), Some(by_3xx[1].1.as_str()));
    assert_eq!(item("50502").unwrap().as_str(), Some(by_3xx[2].1.as_str()));
}

#[test]
fn an_administrative_units_lines_spread_over_501_and_502() {
    let dir = tempfile::tempdir().unwrap();
    let profile = gov_profile(dir.path());
    let text = example_text().replacen("kind: 事业单位", "kind: 行政单位", 1);
    let by_3xx = classes(&tables(dir.path(), &text, None));
    let by_5xx = classes(&tables(dir.path(), &text, Some(&profile)));
    let keys: Vec<&str> = by_5xx.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["total", "501", "502"]);
    // 机关工资福利支出 and 机关商品和服务支出 hold exactly the 301 and 302 classes.
    assert_eq!(by_5xx[1].1, by_3xx[1].1);
    assert_eq!(by_5xx[2].1, by_3xx[2].1);
}

#[test]
fn a_line_without_a_5xx_code_is_an_error_only_where_a_table_needs_one() {
    let dir = tempfile::tempdir().unwrap();
    let profile = gov_profile(dir.path());
    // 39909 经常性赠与 is in the catalogue but the correspondence has no row for it.
    let line = "  - {func: 2111101, econ: 39909, kind: 基本, source: 一般公共预算, amount: 100.00}\n";
    let text = example_text().replacen("lines:\n", &format!("lines:\n{line}"), 1);
    let with_gov = rules_of(dir.path(), &text, &profile);
    assert!(with_gov.contains(&("E207".to_owned(), "\"lines\".0.\"econ\"".to_owned())), "{with_gov:?}");
    let builtin = rules_of(dir.path(), &text, gongkai_model::DEFAULT_PROFILE);
    assert!(!builtin.iter().any(|(r, _)| r == "E207"), "{builtin:?}");
    // The line's own code places it.
    let placed = text.replacen("econ: 39909,", "econ: 39909, gov_econ: 59999,", 1);
    assert!(!rules_of(dir.path(), &placed, &profile).iter().any(|(r, _)| r.starts_with('E')));
    let keys: Vec<String> =
        classes(&tables(dir.path(), &placed, Some(&profile))).into_iter().map(|(k, _)| k).collect();
    assert_eq!(keys, ["total", "505", "599"]);
}

#[test]
fn a_lines_own_5xx_code_must_be_a_5xx_item_of_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let profile = gov_profile(dir.path());
    for (code, rule) in [("50210", "E208"), ("5021", "E201"), ("30201", "E201")] {
        let text = example_text().replacen("econ: 30108,", &format!("econ: 30108, gov_econ: {code},"), 1);
        let found = rules_of(dir.path(), &text, &profile);
        let at = found.iter().find(|(r, _)| r == rule).map(|(_, at)| at.as_str());
        assert_eq!(at, Some("\"lines\".0.\"gov_econ\""), "{code}: {found:?}");
    }
}
