//! `gongkai check` from the command line: files and folders, the profile found from the
//! titles, human, JSON and HTML reports, exit codes, unreadable files reported.

use crate::common::{root, run_in};

fn rendered() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("examples/changji-epmc-2025.yaml"), dir.path().join("例.yaml")).unwrap();
    let out = run_in(dir.path(), &["render", "例.yaml", "-o", "公开", "--format", "pdf,xlsx"], &[]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

#[test]
fn check_reports_every_field_as_json_for_scripts() {
    let dir = rendered();
    let out = run_in(dir.path(), &["check", "公开/例.pdf", "--format", "json"], &[]);
    // The example's one warning (运行经费 grew “because spending was cut”) is not an error.
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &json[0];
    assert_eq!(report["file"], "公开/例.pdf");
    assert_eq!(report["profile"], "xinjiang-11");
    assert_eq!(report["errors"], 0);
    assert_eq!(report["tables"].as_array().unwrap().len(), 11);
    assert!(
        report["tables"].as_array().unwrap().iter().all(|t| t["found"] == true && t["rows"] == t["seen"])
    );
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = findings[0].as_object().unwrap();
    for key in [
        "rule",
        "severity",
        "table",
        "row",
        "column",
        "page",
        "line",
        "cell",
        "printed",
        "expected",
        "difference",
    ] {
        assert!(f.contains_key(key), "no {key} in {f:?}");
    }
    assert_eq!(f["rule"], "W726");
    assert_eq!(f["severity"], "warning");
    assert!(f["page"].as_u64().unwrap() > 10);
}

#[test]
fn check_walks_a_folder_and_prints_for_people_and_reviewers() {
    let dir = rendered();
    let out = run_in(dir.path(), &["check", "公开"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("公开/例.pdf：表套 xinjiang-11，找到 11/11 张表"), "{text}");
    assert!(text.contains("公开/例.xlsx：核对通过（0 个警告，0 个提示）。"), "{text}");
    assert!(text.contains("警告[W726]"), "{text}");
    let html =
        run_in(dir.path(), &["check", "公开/例.xlsx", "--profile", "xinjiang-11", "--format", "html"], &[]);
    assert_eq!(html.status.code(), Some(0));
    let page = String::from_utf8_lossy(&html.stdout);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("公开文件核对：公开/例.xlsx") && page.contains("未发现问题"), "{page}");
}

#[test]
fn an_unreadable_document_is_a_finding_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("坏.pdf"), b"%PDF-1.7\n not really").unwrap();
    std::fs::write(dir.path().join("空.xlsx"), b"not a zip").unwrap();
    let out = run_in(dir.path(), &["check", "坏.pdf", "空.xlsx"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(text.matches("错误[E701]").count(), 2, "{text}");
    // No document: a usage error.
    let none = run_in(dir.path(), &["check", "没有这个文件.pdf"], &[]);
    assert_eq!(none.status.code(), Some(2));
}
