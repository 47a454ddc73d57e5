//! The fill-in workbook on the command line: init, convert, and every input command
//! reading a workbook as it reads YAML.

use std::path::Path;

use crate::common::{gongkai, root};

const EXAMPLE: &str = "examples/changji-epmc-2025.yaml";

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The rule IDs a `validate` printed, sorted.
fn rules(stdout: &str) -> Vec<String> {
    let mut ids: Vec<String> = stdout
        .match_indices('[')
        .filter_map(|(i, _)| stdout.get(i + 1..i + 5))
        .filter(|id| id.starts_with(['E', 'W', 'I']))
        .map(str::to_owned)
        .collect();
    ids.sort();
    ids
}

#[test]
fn init_writes_templates_that_validate_reads_without_structural_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut found = Vec::new();
    for (format, name) in [("xlsx", "t.xlsx"), ("yaml", "t.yaml")] {
        let path = dir.path().join(name);
        let o = gongkai(&["init", "--format", format, "-o", arg(&path), "--year", "2026"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        // An empty template has errors to fill in, but none about its structure (E1xx
        // other than the empty-value E105).
        let o = gongkai(&["validate", arg(&path)]);
        assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
        let ids = rules(&text(&o.stdout));
        assert!(!ids.is_empty() && ids.iter().all(|id| !id.starts_with("E10") || id == "E105"), "{ids:?}");
        found.push(ids);
        // A second init would overwrite a clerk's work: refused without --force.
        let o = gongkai(&["init", "--format", format, "-o", arg(&path)]);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o.stderr).contains("--force"), "{}", text(&o.stderr));
    }
    assert_eq!(found[0], found[1], "both templates need the same things filled in");
}

#[test]
fn convert_round_trips_and_both_inputs_render_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    // Same stem as the example, so the rendered files are named alike.
    let workbook = dir.path().join("changji-epmc-2025.xlsx");
    let yaml = dir.path().join("back.yaml");
    assert_eq!(gongkai(&["convert", EXAMPLE, arg(&workbook)]).status.code(), Some(0));
    assert_eq!(gongkai(&["convert", arg(&workbook), arg(&yaml)]).status.code(), Some(0));
    let parse = |p: &Path| gongkai_yaml::parse_clean(&std::fs::read(p).unwrap(), "x.yaml").unwrap();
    assert_eq!(parse(&yaml), parse(&root().join(EXAMPLE)));

    let (from_yaml, from_workbook) = (dir.path().join("a"), dir.path().join("b"));
    for (input, out) in [(EXAMPLE, &from_yaml), (arg(&workbook), &from_workbook)] {
        let o = gongkai(&["render", input, "-o", arg(out), "--format", "xlsx,pdf,html,json"]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    }
    for ext in ["xlsx", "pdf", "html", "json"] {
        let name = format!("changji-epmc-2025.{ext}");
        let a = std::fs::read(from_yaml.join(&name)).unwrap();
        let b = std::fs::read(from_workbook.join(&name)).unwrap();
        assert!(a == b, "{name} differs between the YAML and the workbook input");
    }
}

#[test]
fn validate_points_at_the_cell_of_a_bad_amount() {
    let dir = tempfile::tempdir().unwrap();
    let bad_yaml = dir.path().join("bad.yaml");
    let text_yaml = std::fs::read_to_string(root().join(EXAMPLE))
        .unwrap()
        .replace("amount: 51700.00}   # 职业年金", "amount: 五万一千七百}   # 职业年金");
    std::fs::write(&bad_yaml, text_yaml).unwrap();
    let bad = dir.path().join("bad.xlsx");
    // Conversion does not judge the budget: the bad amount travels into the workbook.
    assert_eq!(gongkai(&["convert", arg(&bad_yaml), arg(&bad)]).status.code(), Some(0));
    let o = gongkai(&["validate", arg(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    assert!(out.contains("bad.xlsx:预算明细!I5: 错误[E301]"), "{out}");
    // The same rule as the YAML it came from.
    assert!(text(&gongkai(&["validate", arg(&bad_yaml)]).stdout).contains("错误[E301]"));
}

#[test]
fn convert_refuses_unknown_types_and_unreadable_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.yaml");
    assert_eq!(gongkai(&["convert", "README.md", arg(&out)]).status.code(), Some(2));
    assert_eq!(gongkai(&["convert", EXAMPLE, arg(&dir.path().join("x.docx"))]).status.code(), Some(2));
    let xls = dir.path().join("old.xls");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend("Workbook".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&xls, bytes).unwrap();
    let o = gongkai(&["convert", arg(&xls), arg(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("错误[E100]: 这是 Excel 97-2003 工作簿（.xls）"), "{}", text(&o.stderr));
    assert!(!out.exists(), "nothing is written for unreadable input");
}
