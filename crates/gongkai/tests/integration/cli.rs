//! The command line: exit codes, outputs, and no half-written files.

use crate::common::{gongkai, root};

const EXAMPLE: &str = "examples/changji-epmc-2025.yaml";

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The example with one negative amount; returns the file and the amount's line:column.
fn bad_input(dir: &std::path::Path) -> (std::path::PathBuf, usize, usize) {
    let text = std::fs::read_to_string(root().join(EXAMPLE))
        .unwrap()
        .replace("amount: 103400.00", "amount: -103400.00");
    let (line, col) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("-103400.00").map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap();
    let path = dir.join("bad.yaml");
    std::fs::write(&path, text).unwrap();
    (path, line, col)
}

#[test]
fn validate_the_example_exits_0() {
    let o = gongkai(&["validate", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("检查通过"), "{}", stdout(&o));
}

#[test]
fn validate_bad_input_exits_1_with_located_rule() {
    let dir = tempfile::tempdir().unwrap();
    let (bad, line, col) = bad_input(dir.path());
    let o = gongkai(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains(&format!("bad.yaml:{line}:{col}")), "{out}");
    assert!(out.contains("错误[E302]"), "{out}");
}

#[test]
fn validate_json_is_machine_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (bad, line, col) = bad_input(dir.path());
    let o = gongkai(&["validate", bad.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert!(v["errors"].as_u64().unwrap() >= 1);
    let d = v["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "E302").unwrap();
    assert_eq!(d["severity"], "error");
    assert_eq!(d["location"]["line"], line);
    assert_eq!(d["location"]["column"], col);
}

#[test]
fn usage_and_io_errors_exit_2() {
    assert_eq!(gongkai(&["validate", "no-such-file.yaml"]).status.code(), Some(2));
    assert_eq!(gongkai(&["validate", "README.md"]).status.code(), Some(2));
    assert_eq!(gongkai(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(gongkai(&["render", EXAMPLE, "-o", "out", "--format", "docx"]).status.code(), Some(2));
    assert_eq!(gongkai(&["validate", EXAMPLE, "--profile", "mars-3"]).status.code(), Some(2));
}

#[test]
fn render_writes_the_document_and_refuses_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = gongkai(&["render", EXAMPLE, "-o", out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("changji-epmc-2025.json")).unwrap()).unwrap();
    assert_eq!(doc["format"], "gongkai-document");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["meta"]["org"], "昌吉回族自治州环境污染监控中心");
    // Bad input: exit 1 and nothing written, not even the directory's temp files.
    let (bad, _, _) = bad_input(dir.path());
    let out2 = dir.path().join("out2");
    let o = gongkai(&["render", bad.to_str().unwrap(), "-o", out2.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!out2.exists() || std::fs::read_dir(&out2).unwrap().next().is_none());
}

#[test]
fn render_twice_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for d in [&a, &b] {
        assert!(
            gongkai(&["render", EXAMPLE, "-o", d.to_str().unwrap(), "--format", "json"]).status.success()
        );
    }
    let name = "changji-epmc-2025.json";
    assert_eq!(std::fs::read(a.join(name)).unwrap(), std::fs::read(b.join(name)).unwrap());
}

#[test]
fn tables_text_and_json() {
    let o = gongkai(&["tables", EXAMPLE, "--table", "表6"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.starts_with("表6  一般公共预算基本支出情况表"), "{text}");
    assert!(text.contains("302 | 26 |   劳务费"), "{text}");
    let o = gongkai(&["tables", EXAMPLE, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 11);
}

#[test]
fn schema_is_draft_07_and_committed_copy_is_current() {
    let o = gongkai(&["schema"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(v["properties"]["lines"].is_object());
    let committed = std::fs::read_to_string(root().join("schema/budget.schema.json")).unwrap();
    assert_eq!(stdout(&o), committed, "run: cargo run -q -- schema > schema/budget.schema.json");
    let example = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    assert!(example.starts_with("# yaml-language-server: $schema=../schema/budget.schema.json"));
}

#[test]
fn rules_are_listed() {
    let o = gongkai(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v.as_array().unwrap().iter().any(|r| r["id"] == "E302" && r["slug"] == "negative-amount"));
}

#[test]
fn bad_source_date_epoch_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["render", EXAMPLE, "-o", dir.path().to_str().unwrap()])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn render_defaults_to_the_published_formats() {
    let dir = tempfile::tempdir().unwrap();
    let o = gongkai(&["render", EXAMPLE, "-o", dir.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for ext in ["html", "xlsx"] {
        assert!(names.contains(&format!("changji-epmc-2025.{ext}")), "{names:?}");
    }
    assert!(!names.iter().any(|n| n.ends_with(".tmp") || n.ends_with(".json")), "{names:?}");
}

#[test]
fn templates_directory_overrides_one_template() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(tpl.join("part4.hbs"), "# 第四部分 名词解释\n{{org}}采用本地口径。\n").unwrap();
    let out = dir.path().join("out");
    let o = gongkai(&[
        "render",
        EXAMPLE,
        "-o",
        out.to_str().unwrap(),
        "--format",
        "html",
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(out.join("changji-epmc-2025.html")).unwrap();
    assert!(html.contains("昌吉回族自治州环境污染监控中心采用本地口径。"));
    assert!(html.contains("第三部分 2025年部门预算情况说明"));
    // A template naming a variable that does not exist: a clear error, exit 2, no file.
    std::fs::write(tpl.join("part4.hbs"), "{{no_such_thing}}\n").unwrap();
    let out2 = dir.path().join("out2");
    let o = gongkai(&[
        "render",
        EXAMPLE,
        "-o",
        out2.to_str().unwrap(),
        "--format",
        "html",
        "--templates",
        tpl.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("part4"), "{}", stderr(&o));
    assert!(!out2.join("changji-epmc-2025.html").exists());
}
