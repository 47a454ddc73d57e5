//! Every command in README.md's code blocks runs as written, with the exit code written
//! beside it (`# 退出码 N`; none written means 0), in order, in a fresh directory holding a
//! copy of `examples/`.

use std::path::Path;

use crate::common::{root, run_in, stderr_text};

/// A command of the README: its arguments (after `gongkai`) and its documented exit code.
struct Example {
    line: String,
    args: Vec<String>,
    code: i32,
}

/// The `gongkai …` lines (or `cargo run --release -- …`, which runs the same binary) of the
/// fenced code blocks.
fn examples(readme: &str) -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let (command, comment) = match trimmed.find(" #") {
            Some(i) => (trimmed[..i].trim(), &trimmed[i..]),
            None => (trimmed, ""),
        };
        let rest = command
            .strip_prefix("gongkai ")
            .or_else(|| command.strip_prefix("cargo run --release -- "))
            .or_else(|| command.strip_prefix("cargo run -- "));
        let Some(rest) = rest else { continue };
        assert!(!rest.contains(['"', '\'', '|', '>', '<', '$']), "no shell syntax in examples: {line}");
        let code = comment
            .split("退出码")
            .nth(1)
            .and_then(|t| t.trim().chars().next())
            .and_then(|c| c.to_digit(10))
            .map_or(0, |d| d as i32);
        out.push(Example {
            line: trimmed.to_owned(),
            args: rest.split_whitespace().map(str::to_owned).collect(),
            code,
        });
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn every_readme_command_runs_as_written() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = examples(&readme);
    let commands: Vec<&str> = examples.iter().filter_map(|e| e.args.first().map(String::as_str)).collect();
    for command in ["validate", "tables", "render", "batch", "init", "convert"] {
        assert!(commands.contains(&command), "README shows no `gongkai {command}` example");
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("examples"), &tmp.path().join("examples"));
    for e in &examples {
        let args: Vec<&str> = e.args.iter().map(String::as_str).collect();
        let o = run_in(tmp.path(), &args, &[]);
        assert_eq!(o.status.code(), Some(e.code), "README: {}\n{}", e.line, stderr_text(&o));
    }
}

#[test]
fn examples_are_found_with_their_exit_codes() {
    let text = "text\n```sh\ngongkai a b   # 退出码 2：x\n# 注释\ncargo run --release -- c\n```\ngongkai not-in-a-block\n";
    let found = examples(text);
    let got: Vec<(Vec<String>, i32)> = found.into_iter().map(|e| (e.args, e.code)).collect();
    assert_eq!(got, [(vec!["a".to_owned(), "b".to_owned()], 2), (vec!["c".to_owned()], 0)]);
}
