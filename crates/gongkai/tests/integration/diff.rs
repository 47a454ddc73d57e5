//! `gongkai diff`: exit codes as diff(1), the JSON change list against the tables compared
//! cell by cell, mixed inputs, profiles, HTML, `--last-year`, and the batch's changes.json.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use crate::common::{example_text, root, run_in, stderr_text};

const AMOUNT: &str = "source: 一般公共预算, amount: 51700.00}   # 职业年金";
const CHANGED: &str = "source: 一般公共预算, amount: 61700.00}   # 职业年金";

fn gongkai(dir: &Path, args: &[&str]) -> Output {
    run_in(dir, args, &[])
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stdout)))
}

/// A folder with the example as `old.yaml` and `new.yaml` with `from` replaced by `to`.
fn pair(from: &str, to: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let text = example_text();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    std::fs::write(tmp.path().join("old.yaml"), &text).unwrap();
    std::fs::write(tmp.path().join("new.yaml"), text.replace(from, to)).unwrap();
    tmp
}

/// (table id, row key, column) of every cell of the profile's tables that differs
/// between two inputs, from `gongkai tables --format json`.
fn changed_cells(dir: &Path, old: &str, new: &str) -> BTreeSet<(String, String, u64)> {
    let tables = |f: &str| json(&gongkai(dir, &["tables", f, "--format", "json"]));
    let (a, b) = (tables(old), tables(new));
    let mut out = BTreeSet::new();
    for tb in b.as_array().unwrap() {
        let id = tb["id"].as_str().unwrap();
        let ta = a.as_array().unwrap().iter().find(|t| t["id"] == id).unwrap();
        for rb in tb["rows"].as_array().unwrap() {
            let Some(ra) = ta["rows"].as_array().unwrap().iter().find(|r| r["key"] == rb["key"]) else {
                continue;
            };
            for (c, (x, y)) in
                ra["cells"].as_array().unwrap().iter().zip(rb["cells"].as_array().unwrap()).enumerate()
            {
                if x != y {
                    out.insert((id.to_owned(), rb["key"].as_str().unwrap().to_owned(), c as u64));
                }
            }
        }
    }
    out
}

#[test]
fn the_example_against_itself_shows_nothing_and_exits_0() {
    let o = gongkai(&root(), &["diff", "examples/changji-epmc-2025.yaml", "examples/changji-epmc-2025.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("两份公开文件相同"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when stdout is not a terminal");
}

#[test]
fn one_changed_amount_exits_1_and_lists_every_changed_cell() {
    let tmp = pair(AMOUNT, CHANGED);
    let o = gongkai(tmp.path(), &["diff", "old.yaml", "new.yaml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr_text(&o));
    let v = json(&o);
    assert_eq!(v["identical"], false);
    assert_eq!((v["old"].as_str(), v["new"].as_str()), (Some("old.yaml"), Some("new.yaml")));
    let reported: BTreeSet<(String, String, u64)> = v["tables"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "table")
        .flat_map(|t| {
            let id = t["id"].as_str().unwrap().to_owned();
            t["cells"].as_array().unwrap().iter().map(move |c| {
                (id.clone(), c["row"]["key"].as_str().unwrap().to_owned(), c["col"].as_u64().unwrap())
            })
        })
        .collect();
    let expected = changed_cells(tmp.path(), "old.yaml", "new.yaml");
    assert!(!expected.is_empty());
    assert_eq!(reported, expected);
    // Every cell has its row, column, and old and new values as printed and exact.
    for t in v["tables"].as_array().unwrap() {
        for c in t["cells"].as_array().unwrap() {
            for field in [
                &c["row"]["code"],
                &c["row"]["name"],
                &c["column"],
                &c["old"]["printed"],
                &c["new"]["printed"],
            ] {
                assert!(field.is_string(), "{c}");
            }
            assert!(c["old"].get("exact").is_some() && c["new"].get("exact").is_some(), "{c}");
        }
    }
    let narrative = v["narrative"].as_array().unwrap();
    assert!(!narrative.is_empty());
    for s in narrative {
        assert_eq!(s["kind"], "changed");
        assert!(s["old"]["text"].is_string() && s["new"]["text"].is_string() && s["section"].is_string());
        assert!(!s["figures"].as_array().unwrap().is_empty(), "{s}");
    }
    assert!(v["findings"]["appeared"].is_array() && v["findings"]["went"].is_array());

    // The human report names the table, the row and both values; the HTML report marks them.
    let o = gongkai(tmp.path(), &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.contains("表3 部门支出总体情况表") && text.contains("[-5.17-]") && text.contains("{+6.17+}"),
        "{text}"
    );
    let o = gongkai(tmp.path(), &["diff", "old.yaml", "new.yaml", "--format", "html"]);
    assert_eq!(o.status.code(), Some(1));
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") && html.contains("<ins class=\"figure\">6.17</ins>"),
        "{html}"
    );
}

#[test]
fn a_workbook_and_its_yaml_publish_the_same_documents() {
    let tmp = pair(AMOUNT, CHANGED);
    let o = gongkai(tmp.path(), &["convert", "old.yaml", "old.xlsx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let o = gongkai(tmp.path(), &["diff", "old.xlsx", "old.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", String::from_utf8_lossy(&o.stdout), stderr_text(&o));
    let o = gongkai(tmp.path(), &["diff", "old.xlsx", "new.yaml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn trouble_exits_2_with_the_findings() {
    let tmp = pair(AMOUNT, "source: 一般公共预算, amount: -5}   # 职业年金");
    let o = gongkai(tmp.path(), &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr_text(&o);
    assert!(err.contains("new.yaml:") && err.contains("错误[E302]") && err.contains("无法比较"), "{err}");
    let o = gongkai(tmp.path(), &["diff", "old.yaml", "missing.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = gongkai(tmp.path(), &["diff", "old.yaml"]);
    assert_eq!(o.status.code(), Some(2), "a second input is needed without --last-year");
}

#[test]
fn different_profiles_are_refused_unless_one_is_chosen() {
    let tmp = pair(AMOUNT, AMOUNT);
    let o = gongkai(tmp.path(), &["profile", "export", "xinjiang-11", "mine"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let profile = tmp.path().join("mine/profile.yaml");
    let mut text = std::fs::read_to_string(&profile).unwrap();
    text.push_str("# 本地副本\n");
    std::fs::write(&profile, text).unwrap();
    let new = format!("profile: mine\n{}", example_text());
    std::fs::write(tmp.path().join("new.yaml"), new).unwrap();
    let o = gongkai(tmp.path(), &["diff", "old.yaml", "new.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr_text(&o).contains("不同的表套"), "{}", stderr_text(&o));
    let o = gongkai(tmp.path(), &["diff", "old.yaml", "new.yaml", "--profile", "xinjiang-11"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
}

#[test]
fn last_year_lists_every_compared_figure_as_the_narrative_prints_it() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("in.yaml"), example_text()).unwrap();
    let o = gongkai(tmp.path(), &["diff", "--last-year", "in.yaml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let v = json(&o);
    let figures = v["figures"].as_array().unwrap();
    assert!(!figures.is_empty());
    // Each compared change is the one the document prints.
    let o = gongkai(tmp.path(), &["render", "in.yaml", "-o", "out", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let doc = std::fs::read_to_string(tmp.path().join("out/in.json")).unwrap();
    let mut compared = 0;
    for f in figures {
        assert!(f["key"].is_string() && f["what"].is_string() && f["this"].is_string(), "{f}");
        if f["explained"] == "not_compared" {
            continue;
        }
        compared += 1;
        let c = &f["change"];
        let printed = format!(
            "{}{}万元，{}{}%",
            c["verb"].as_str().unwrap(),
            c["amount"].as_str().unwrap(),
            c["trend"].as_str().unwrap(),
            c["pct"].as_str().unwrap()
        );
        assert!(doc.contains(&printed), "{printed} for {}", f["what"]);
        // The example's own contradiction (validate's W415: 运行经费 grew “because
        // spending was cut”) is the one reason against its change.
        let want = if f["key"] == "running_costs" { "contradicts" } else { "yes" };
        assert_eq!(f["explained"], want, "{f}");
        assert!(doc.contains(f["reason"].as_str().unwrap()), "{f}");
    }
    assert!(compared > 10, "{compared}");
    let o = gongkai(tmp.path(), &["diff", "--last-year", "in.yaml"]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("2025年与2024年比较") && text.contains("已说明"), "{text}");
}

#[test]
fn last_year_marks_a_reason_against_the_change() {
    let tmp = tempfile::tempdir().unwrap();
    let text = example_text()
        .replace("reason: 部分项目合同约定尾款", "reason: 压减各项经费支出，部分项目合同约定尾款");
    std::fs::write(tmp.path().join("in.yaml"), text).unwrap();
    let o = gongkai(tmp.path(), &["diff", "--last-year", "in.yaml", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let v = json(&o);
    let against: Vec<&str> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["explained"] == "contradicts")
        .map(|f| f["key"].as_str().unwrap())
        .collect();
    // The planted one, beside the example's own (running_costs, validate's W415).
    assert_eq!(against, ["income.fiscal_carryover", "running_costs"]);
}

#[test]
fn batch_writes_changes_for_regenerated_departments_only() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, out) = (tmp.path().join("in"), tmp.path().join("out"));
    std::fs::create_dir_all(&inputs).unwrap();
    let a = example_text();
    let b = a.replace("name: 昌吉回族自治州环境污染监控中心", "name: 另一个中心");
    std::fs::write(inputs.join("a.yaml"), &a).unwrap();
    std::fs::write(inputs.join("b.yaml"), &b).unwrap();
    let run = || {
        let o = gongkai(tmp.path(), &["batch", "in", "-o", "out", "--format", "html"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    };
    let exists = |rel: &str| out.join(rel).exists();
    run();
    assert!(!exists("昌吉回族自治州环境污染监控中心/changes.json") && !exists("另一个中心/changes.json"));

    std::fs::write(inputs.join("a.yaml"), a.replace(AMOUNT, CHANGED)).unwrap();
    run();
    let changes: serde_json::Value = serde_json::from_slice(
        &std::fs::read(out.join("昌吉回族自治州环境污染监控中心/changes.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(changes["identical"], false);
    assert_eq!(changes["department"], "昌吉回族自治州环境污染监控中心");
    let cells: usize =
        changes["tables"].as_array().unwrap().iter().map(|t| t["cells"].as_array().unwrap().len()).sum();
    assert!(cells > 10, "{cells}");
    assert!(!exists("另一个中心/changes.json"), "an unchanged department has none");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let with: Vec<&str> =
        summary["departments"].as_array().unwrap().iter().filter_map(|d| d["changes"].as_str()).collect();
    assert_eq!(with, ["昌吉回族自治州环境污染监控中心/changes.json"]);
    for d in summary["departments"].as_array().unwrap() {
        assert!(
            d["files"].as_array().unwrap().iter().all(|f| !f.as_str().unwrap().contains(".gongkai")),
            "{d}"
        );
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(">变化</a>") && index.contains("/changes.json\""), "{index}");

    // Nothing changed since: the old change list goes.
    run();
    assert!(!exists("昌吉回族自治州环境污染监控中心/changes.json"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains(">变化</a>"), "{index}");
}
