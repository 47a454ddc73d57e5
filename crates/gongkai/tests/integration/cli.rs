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
    assert_eq!(doc["version"], gongkai_model::document::FORMAT_VERSION);
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
fn schema_with_a_profile_lists_its_comparison_keys() {
    let o = gongkai(&["schema", "--profile", gongkai_model::DEFAULT_PROFILE]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let last = &v["definitions"]["LastYear"]["properties"];
    let profile = gongkai_profile::builtin(gongkai_model::DEFAULT_PROFILE).unwrap();
    let keys = profile.narrative.compared_keys();
    assert!(!keys.is_empty());
    for k in keys {
        assert_eq!(last[&k.key]["$ref"], "#/definitions/Compared", "{}", k.key);
        assert!(last[&k.key]["description"].as_str().unwrap().contains(&k.label), "{}", k.key);
    }
    let o = gongkai(&["schema", "--profile", "没有这个表套"]);
    assert_eq!(o.status.code(), Some(2));
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
    // A template naming a variable that does not exist is bad input: E608 at the
    // template file's line and column, exit 1, no file.
    std::fs::write(tpl.join("part4.hbs"), "第一行\n  {{no_such_thing}}\n").unwrap();
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
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let at = format!("{}:2:3: 错误[E608]", tpl.join("part4.hbs").display());
    assert!(stderr(&o).contains(&at), "{at} not in {}", stderr(&o));
    assert!(!out2.join("changji-epmc-2025.html").exists());
    // A syntax error too, found before anything is rendered.
    std::fs::write(tpl.join("part4.hbs"), "{{#if}}\n").unwrap();
    let o = gongkai(&["render", EXAMPLE, "-o", out2.to_str().unwrap(), "--templates", tpl.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("part4.hbs:") && stderr(&o).contains("E608"), "{}", stderr(&o));
    assert!(!out2.exists());
}

/// No command replaces a file it reads, however the output is spelt.
#[test]
fn outputs_never_overwrite_inputs() {
    use crate::common::run_in;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::copy(root().join(EXAMPLE), d.join("预算.yaml")).unwrap();
    assert_eq!(run_in(d, &["convert", "预算.yaml", "预算.xlsx"], &[]).status.code(), Some(0));
    let workbook = std::fs::read(d.join("预算.xlsx")).unwrap();
    let yaml = std::fs::read(d.join("预算.yaml")).unwrap();
    for args in [
        &["render", "预算.xlsx", "-o", ".", "--format", "xlsx"][..],
        &["render", "预算.xlsx", "-o", "./", "--format", "pdf,xlsx"],
        &["render", "./预算.xlsx", "-o", d.to_str().unwrap(), "--format", "xlsx"],
        &["convert", "预算.yaml", "./预算.yaml", "--force"],
        &["convert", "预算.xlsx", "sub/../预算.xlsx", "--force"],
    ] {
        let o = run_in(d, args, &[]);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains("会覆盖"), "{}", stderr(&o));
    }
    assert_eq!(std::fs::read(d.join("预算.xlsx")).unwrap(), workbook);
    assert_eq!(std::fs::read(d.join("预算.yaml")).unwrap(), yaml);
    assert!(!d.join("预算.pdf").exists(), "no format of a refused set is written");
    // A font file is an input too.
    let font = std::fs::read_dir(root().join("fonts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "otf" || e == "ttf"))
        .unwrap();
    std::fs::copy(&font, d.join("预算.pdf")).unwrap();
    let o = run_in(d, &["render", "预算.yaml", "-o", ".", "--format", "pdf", "--font-body", "预算.pdf"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("预算.pdf")).unwrap(), std::fs::read(&font).unwrap());
    // Beside its input, another format is fine.
    assert_eq!(
        run_in(d, &["render", "预算.xlsx", "-o", ".", "--format", "html"], &[]).status.code(),
        Some(0)
    );
}

/// clap's English never reaches the user: help has Chinese headings, and every kind of
/// usage error is a Chinese sentence.
#[test]
fn usage_errors_and_help_are_chinese() {
    let english = [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "[default:",
        "possible values",
        "[OPTIONS]",
        "error:",
        "For more information",
        "tip:",
    ];
    let no_english = |text: &str, what: &str| {
        for word in english {
            assert!(!text.contains(word), "{what}: “{word}” in:\n{text}");
        }
    };
    let o = gongkai(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    assert!(help.contains("用法：") && help.contains("命令：") && help.contains("选项："), "{help}");
    no_english(&help, "--help");
    for sub in ["validate", "tables", "render", "batch", "init", "convert", "schema", "rules"] {
        for flag in ["-h", "--help"] {
            let o = gongkai(&[sub, flag]);
            assert_eq!(o.status.code(), Some(0), "{sub} {flag}");
            let text = stdout(&o);
            assert!(text.contains("用法：gongkai"), "{sub} {flag}: {text}");
            no_english(&text, &format!("{sub} {flag}"));
        }
        let o = gongkai(&["help", sub]);
        assert_eq!(o.status.code(), Some(0), "help {sub}");
        assert!(stdout(&o).contains(&format!("用法：gongkai {sub}")));
    }
    assert!(stdout(&gongkai(&["render", "--help"])).contains("参数："));
    for (args, words) in [
        (&["frobnicate"][..], "没有“frobnicate”这个命令"),
        (&["rendr"], "是否应为“render”？"),
        (&["render", EXAMPLE], "缺少必需的参数：--output <目录>"),
        (&["validate", EXAMPLE, "--format", "xml"], "的值“xml”无效（可选：human、json）"),
        (&["validate", EXAMPLE, "--nope"], "无法识别的参数“--nope”"),
        (&["init", "a.yaml", "--year", "abc"], "选项 --year <年度> 的值“abc”无效"),
        (&["init", "a.yaml", "-o", "b.yaml"], "不能与"),
        (&["batch", "x", "-o", "o", "--jobs", "-1"], "用法错误"),
        (&[], "用法："),
    ] {
        let o = gongkai(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains(words), "{args:?}: expected “{words}” in:\n{err}");
        no_english(&err, &format!("{args:?}"));
    }
}

/// `gongkai init 预算.xlsx` as the README writes it; `-o` still works.
#[test]
fn init_takes_its_output_by_position_or_by_option() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("预算.xlsx"), dir.path().join("模板.yaml"));
    assert_eq!(gongkai(&["init", a.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(gongkai(&["init", "-o", b.to_str().unwrap()]).status.code(), Some(0));
    assert!(a.is_file() && b.is_file());
    assert_eq!(gongkai(&["init"]).status.code(), Some(2));
}

/// A reader that stops early (`| head`) ends the run quietly, whatever is being printed.
#[test]
fn a_closed_pipe_ends_quietly() {
    for args in [
        &["tables", EXAMPLE][..],
        &["tables", EXAMPLE, "--format", "json"],
        &["validate", EXAMPLE, "--format", "json"],
        &["rules", "--format", "json"],
        &["rules"],
        &["schema"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the first byte is written.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{args:?}: {}", stderr(&o));
    }
}

/// Operating-system errors are explained in Chinese, wherever they happen.
#[test]
fn os_errors_are_explained_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let o = gongkai(&["validate", "no-such-file.yaml"]);
    assert!(stderr(&o).contains("找不到文件或目录"), "{}", stderr(&o));
    let o = gongkai(&["render", EXAMPLE, "-o", "README.md/sub", "--format", "html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("路径中的某一级不是目录"), "{}", stderr(&o));
    let out = dir.path().join("out");
    let o = crate::common::run_in(
        &root(),
        &["render", EXAMPLE, "-o", out.to_str().unwrap(), "--format", "html,json"],
        &[("GONGKAI_TEST_FAIL_WRITE", ".html")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("磁盘空间不足"), "{}", stderr(&o));
    // Neither file of the set is written, and no temporary is left.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

/// Control characters in what the user typed are shown escaped, never raw: they would
/// drive the terminal. JSON stays exact.
#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    // A misspelt field whose name carries an escape sequence (YAML's "\e" is ESC).
    let text = std::fs::read_to_string(root().join(EXAMPLE)).unwrap().replacen(
        "  name: 昌吉回族自治州环境污染监控中心",
        "  \"na\\e[2Jme\": x\n  name: 昌吉回族自治州环境污染监控中心",
        1,
    );
    let bad = dir.path().join("bad\u{7}.yaml");
    std::fs::write(&bad, text).unwrap();
    let o = gongkai(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(!o.stdout.iter().any(|b| *b == 0x1b || *b == 0x07), "{out:?}");
    assert!(out.contains("na\\u{1b}[2Jme") && out.contains("bad\\u{7}.yaml"), "{out}");
    let o = gongkai(&["validate", bad.to_str().unwrap(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let messages: Vec<&str> =
        v["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["message"].as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("na\u{1b}[2Jme")), "{messages:?}");
    // render names the files it wrote (and the file it could not read) escaped.
    let good = dir.path().join("ok\u{1b}[31m.yaml");
    std::fs::copy(root().join(EXAMPLE), &good).unwrap();
    let o =
        gongkai(&["render", good.to_str().unwrap(), "-o", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!o.stderr.contains(&0x1b) && stderr(&o).contains("ok\\u{1b}[31m.json"), "{}", stderr(&o));
    let o = gongkai(&["validate", "no\u{1b}such.yaml"]);
    assert!(!o.stderr.contains(&0x1b) && stderr(&o).contains("no\\u{1b}such.yaml"), "{}", stderr(&o));
}
