//! Every read refuses what is not a regular file, at once (exit 2, a Chinese message),
//! instead of hanging on a FIFO or reading `/dev/zero` for ever: budget inputs, templates,
//! fonts, batch inputs and the batch manifest; and files over the size limit.

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use crate::common::{mkfifo, root, run_in, stderr_text};

const EXAMPLE: &str = "examples/changji-epmc-2025.yaml";

fn example() -> PathBuf {
    root().join(EXAMPLE)
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Asserts exit 2 with a message containing `words`.
#[track_caller]
fn refused(dir: &Path, args: &[&str], words: &str) {
    let o = run_in(dir, args, &[]);
    let err = stderr_text(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(words), "{args:?}: expected “{words}” in: {err}");
}

#[test]
fn budget_inputs_that_are_not_regular_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    mkfifo(&d.join("fifo.yaml"));
    refused(d, &["validate", "fifo.yaml"], "是命名管道（FIFO），不是普通文件");
    refused(d, &["render", "fifo.yaml", "-o", "out"], "命名管道");
    refused(d, &["tables", "fifo.yaml"], "命名管道");
    refused(d, &["convert", "fifo.yaml", "x.xlsx"], "命名管道");
    // /dev/zero never ends; through a link it is still a device.
    symlink("/dev/zero", d.join("zero.yaml")).unwrap();
    refused(d, &["validate", "/dev/zero"], "设备文件");
    refused(d, &["validate", "zero.yaml"], "是设备文件，不是普通文件");
    // A directory, and a link to one.
    std::fs::create_dir(d.join("dir.yaml")).unwrap();
    symlink(d.join("dir.yaml"), d.join("link.yaml")).unwrap();
    refused(d, &["validate", "dir.yaml"], "是目录，不是普通文件");
    refused(d, &["validate", "link.yaml"], "是目录，不是普通文件");
    // Over the size limit (a sparse file: nothing is really written).
    let big = std::fs::File::create(d.join("big.yaml")).unwrap();
    big.set_len(64 * 1024 * 1024 + 1).unwrap();
    refused(d, &["validate", "big.yaml"], "太大");
    refused(d, &["validate", "missing.yaml"], "找不到文件或目录");
}

#[test]
fn templates_must_be_a_directory_of_regular_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let (ex, out) = (example(), d.join("out"));
    let render = |templates: &Path| {
        vec!["render", arg(&ex), "-o", arg(&out), "--format", "html", "--templates"]
            .into_iter()
            .map(str::to_owned)
            .chain([arg(templates).to_owned()])
            .collect::<Vec<_>>()
    };
    let check = |templates: &Path, words: &str| {
        let args = render(templates);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        refused(d, &args, words);
    };
    std::fs::write(d.join("file.hbs"), "x").unwrap();
    check(&d.join("file.hbs"), "模板目录");
    let fifo_dir = d.join("fifo");
    std::fs::create_dir(&fifo_dir).unwrap();
    mkfifo(&fifo_dir.join("part4.hbs"));
    check(&fifo_dir, "模板文件");
    let dir_dir = d.join("dir");
    std::fs::create_dir_all(dir_dir.join("part4.hbs")).unwrap();
    check(&dir_dir, "是目录，不是普通文件");
    let zero_dir = d.join("zero");
    std::fs::create_dir(&zero_dir).unwrap();
    symlink("/dev/zero", zero_dir.join("part4.hbs")).unwrap();
    check(&zero_dir, "设备文件");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn fonts_must_be_regular_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    mkfifo(&d.join("font.otf"));
    let (ex, out) = (example(), d.join("out"));
    for font in ["font.otf", "/dev/zero", "."] {
        refused(
            d,
            &["render", arg(&ex), "-o", arg(&out), "--format", "pdf", "--font-body", font],
            "字体文件",
        );
    }
}

#[test]
fn batch_inputs_and_manifest_that_are_not_regular_files() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    mkfifo(&d.join("fifo.yaml"));
    refused(d, &["batch", "fifo.yaml", "-o", "out"], "命名管道");
    // Found in a folder, such a file is one failed department; the others go on.
    let inputs = d.join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(example(), inputs.join("a.yaml")).unwrap();
    mkfifo(&inputs.join("b.yaml"));
    let o = run_in(d, &["batch", "in", "-o", "out", "--format", "html"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr_text(&o));
    assert!(stderr_text(&o).contains("命名管道"), "{}", stderr_text(&o));
    assert!(d.join("out/昌吉回族自治州环境污染监控中心/昌吉回族自治州环境污染监控中心.html").is_file());
    // A manifest that is a FIFO is refused, not waited on.
    std::fs::remove_file(inputs.join("b.yaml")).unwrap();
    std::fs::remove_file(d.join("out/.gongkai-manifest.json")).unwrap();
    mkfifo(&d.join("out/.gongkai-manifest.json"));
    refused(d, &["batch", "in", "-o", "out", "--format", "html"], "批量生成清单");
}
