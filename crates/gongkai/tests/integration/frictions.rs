//! The user's small frictions (issue 13, item 8): every message says what to do next.
//! `--table` with an unknown name lists the tables; a misspelt fund source is met with a
//! "did you mean"; template errors are Chinese sentences without Rust debug text; batch
//! keeps the warnings of unchanged departments, shows the failed ones first with their
//! reasons and warns of two inputs of one department name; `init` makes a template for
//! the next budget year; the input schema describes every field in Chinese.

use std::path::Path;

use crate::common::{analyse, example_text, gongkai, minimal, root, run_in, stderr_text};

const EXAMPLE: &str = "examples/changji-epmc-2025.yaml";

#[test]
fn an_unknown_table_lists_the_tables_there_are() {
    let o = gongkai(&["tables", EXAMPLE, "--table", "表66"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr_text(&o);
    assert!(err.contains("没有名为“表66”的表。是不是“表6”？"), "{err}");
    // Every table by its number and title, in order.
    let listed = err.split("可用的表：").nth(1).unwrap_or_default();
    for n in 1..=11 {
        assert!(listed.contains(&format!("表{n}（")), "表{n} in {listed}");
    }
    assert!(listed.find("表1（").unwrap() < listed.find("表2（").unwrap());
    assert!(listed.contains("表6（一般公共预算基本支出情况表）"), "{listed}");
    // Nothing near: the list alone.
    let err = stderr_text(&gongkai(&["tables", EXAMPLE, "--table", "收入"]));
    assert!(err.contains("没有名为“收入”的表。可用的表：表1（"), "{err}");
}

#[test]
fn a_misspelt_fund_source_gets_a_did_you_mean() {
    let hint = |source: &str| -> String {
        let yaml = minimal(&format!(
            "  - {{func: 2080505, econ: 30108, kind: 基本, source: {source}, amount: 100}}\n"
        ));
        let a = analyse(&yaml).unwrap();
        let d =
            a.diagnostics.iter().find(|d| d.message.contains("资金来源")).expect("a finding on the source");
        assert_eq!(d.location.as_ref().unwrap().to_string(), "t.yaml:9:52", "{source}");
        d.hint.clone().unwrap_or_default()
    };
    assert!(hint("一般公共预箅").starts_with("是不是“一般公共预算”？可选："), "{}", hint("一般公共预箅"));
    assert!(hint("上级一般公共预算转移").starts_with("是不是“上级一般公共预算转移支付”？"));
    // An alias is a name too: 经营收入 slipped.
    assert!(hint("经营收").starts_with("是不是“经营收入”？"), "{}", hint("经营收"));
    // Nothing near: the list alone.
    assert!(hint("土地出让金").starts_with("可选：一般公共预算、"), "{}", hint("土地出让金"));
}

/// The stderr of rendering the example with `part4.hbs` replaced by `text`.
fn template_error(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(tpl.join("part4.hbs"), text).unwrap();
    let out = dir.path().join("out");
    let ex = root().join(EXAMPLE);
    let o = run_in(
        dir.path(),
        &[
            "render",
            ex.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "html",
            "--templates",
            "tpl",
        ],
        &[],
    );
    assert_ne!(o.status.code(), Some(0), "{text}");
    assert!(!out.join("changji-epmc-2025.html").exists(), "{text}");
    stderr_text(&o)
}

#[test]
fn template_errors_are_chinese_sentences() {
    for (text, says) in [
        ("{{#if org}}\n未闭合\n", "有语法错误"),
        ("{{#if org}}甲{{/each}}\n", "不匹配"),
        ("{{no_such_thing}}\n", "引用了不存在的数字或文字“no_such_thing”"),
        ("{{> no_such_partial}}\n", "引用了不存在的局部模板“no_such_partial”"),
        ("{{no_such_helper org}}\n", "没有名为“no_such_helper”的辅助函数"),
        ("{{#with}}甲{{/with}}\n", "缺少第 1 个参数"),
        ("{{lookup org}}\n", "缺少第 2 个参数"),
        ("{{#each org.x.y}}{{/each}}\n", "引用了不存在的数字或文字"),
    ] {
        let err = template_error(text);
        assert!(err.contains("part4") && err.contains(says), "{text:?}: {err}");
        // No Rust or library debug text: no Option, quotes of Debug, or English phrases
        // (the names the template wrote, quoted “…”, aside).
        let err: String =
            err.split('“').map(|piece| piece.split_once('”').map_or(piece, |(_, after)| after)).collect();
        for english in [
            "Some(", "None", "\"", "Error", "error", "helper", "Helper", "Failed", "Invalid", "strict",
            "expected",
        ] {
            assert!(!err.contains(english), "{text:?}: “{english}” in {err}");
        }
    }
}

fn summary(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap()
}

fn department<'a>(s: &'a serde_json::Value, input_ends: &str) -> &'a serde_json::Value {
    s["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["input"].as_str().unwrap().ends_with(input_ends))
        .unwrap()
}

#[test]
fn batch_keeps_warnings_shows_failures_first_and_warns_of_shared_names() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    let example = example_text();
    // b: the example (it has warnings); c: the same department under another file name;
    // a: a broken department, listed first by name but fine to find anywhere.
    std::fs::write(inputs.join("b.yaml"), &example).unwrap();
    std::fs::write(inputs.join("c.yaml"), &example).unwrap();
    let broken = example.replacen("amount: ", "amount: -", 1);
    assert_ne!(broken, example);
    std::fs::write(inputs.join("a.yaml"), broken.replace("昌吉回族自治州环境污染监控中心", "损坏局"))
        .unwrap();
    let out = dir.path().join("out");
    let run = || run_in(dir.path(), &["batch", "in", "-o", "out"], &[]);

    let first = run();
    assert_eq!(first.status.code(), Some(1), "{}", stderr_text(&first));
    let err = stderr_text(&first);
    assert!(
        err.contains("警告：2 个输入的部门名称都是“昌吉回族自治州环境污染监控中心”（in/b.yaml、in/c.yaml）"),
        "{err}"
    );
    let s1 = summary(&out);
    let warned = department(&s1, "b.yaml")["warnings"].as_u64().unwrap();
    assert!(warned > 0, "the example has warnings: {s1:#}");
    assert_eq!(s1["duplicate_names"][0]["inputs"].as_array().unwrap().len(), 2, "{s1:#}");

    // Unchanged: the same warnings, in summary.json and index.html.
    let second = run();
    let s2 = summary(&out);
    for input in ["b.yaml", "c.yaml"] {
        let d = department(&s2, input);
        assert_eq!(d["status"], "unchanged", "{}", stderr_text(&second));
        assert_eq!(d["warnings"].as_u64(), Some(warned), "{input}");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let rows: Vec<&str> = index.split("<tr").skip(2).collect();
    assert_eq!(rows.len(), 3, "{index}");
    // The failed department first, with its reason; then the others with their warnings.
    assert!(rows[0].starts_with(" class=\"failed\"") && rows[0].contains("损坏局"), "{}", rows[0]);
    assert!(rows[0].contains("E302") && rows[0].contains("为负数"), "{}", rows[0]);
    for row in &rows[1..] {
        assert!(row.contains("<td>未变化</td><td>0</td>"), "{row}");
        assert!(row.contains(&format!("<td>0</td><td>{warned}</td>")), "{row}");
    }
    assert!(index.contains("class=\"warn\">警告：2 个输入的部门名称都是"), "{index}");
}

#[test]
fn init_makes_a_template_for_the_next_budget_year() {
    let dir = tempfile::tempdir().unwrap();
    // 2025-01-01T00:00:00Z and 2025-12-31T23:59:59Z: budgets for 2026 are made in 2025.
    for (epoch, year) in [("1735689600", "2026"), ("1767225599", "2026"), ("1767225600", "2027")] {
        let file = format!("t{epoch}.yaml");
        let o = run_in(dir.path(), &["init", &file], &[("SOURCE_DATE_EPOCH", epoch)]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
        let text = std::fs::read_to_string(dir.path().join(&file)).unwrap();
        assert!(text.contains(&format!("  year: {year} ")), "{epoch}: {text}");
        assert!(stderr_text(&o).contains(&format!("（{year} 年度模板）")), "{}", stderr_text(&o));
    }
    // --year still decides.
    let o = run_in(dir.path(), &["init", "y.yaml", "--year", "2030"], &[("SOURCE_DATE_EPOCH", "1735689600")]);
    assert_eq!(o.status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.path().join("y.yaml")).unwrap().contains("  year: 2030 "));
    let o = run_in(dir.path(), &["init", "z.yaml"], &[("SOURCE_DATE_EPOCH", "yesterday")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr_text(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr_text(&o));
}

/// Every `description` of a JSON Schema, with where it is.
fn descriptions(v: &serde_json::Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "description" {
                    out.push((at.to_owned(), v.as_str().unwrap_or_default().to_owned()));
                } else {
                    descriptions(v, &format!("{at}/{k}"), out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                descriptions(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_input_schema_describes_every_field_in_chinese() {
    let o = gongkai(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut found = Vec::new();
    descriptions(&schema, "", &mut found);
    assert!(found.len() > 80, "{}", found.len());
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for (at, text) in &found {
        assert!(text.chars().any(cjk), "{at}: {text}");
        // Field names and codes may appear; an English phrase (two words running) may not.
        let words: Vec<&str> =
            text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() > 1).collect();
        // Commands are named as typed.
        let text = text.replace("gongkai profile show", "").replace("gongkai profile list", "");
        let english = text
            .split(|c: char| !(c.is_ascii_alphabetic() || c == ' '))
            .any(|run| run.split(' ').filter(|w| w.len() > 1 && !w.contains('_')).count() > 1);
        assert!(!english, "{at}: {text} ({words:?})");
    }
    // Every property of the schema has one.
    let mut missing = Vec::new();
    fn walk(v: &serde_json::Value, at: &str, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(|p| p.as_object()) {
            for (k, p) in props {
                if p.get("description").is_none() && p.get("$ref").is_none() && p.get("allOf").is_none() {
                    missing.push(format!("{at}.{k}"));
                }
            }
        }
        if let Some(defs) = v.get("definitions").and_then(|d| d.as_object()) {
            for (k, d) in defs {
                walk(d, k, missing);
            }
        }
    }
    walk(&schema, "Budget", &mut missing);
    assert_eq!(missing, Vec::<String>::new());
}
