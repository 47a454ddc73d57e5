//! Reference PDFs of other regions (from `../shared/reference/regions/pdf`), read by a
//! profile alone. The tests skip, saying so, when the files are not at hand.

use std::collections::BTreeSet;
use std::path::PathBuf;

use gongkai_check::read_doc;
use gongkai_model::profile::Profile;
use gongkai_profile::Bundle;

use crate::common::{lines, root};

fn shared(rel: &str) -> Option<PathBuf> {
    let path = root().join("../shared/reference/regions").join(rel);
    if path.exists() {
        Some(path)
    } else {
        #[allow(clippy::print_stderr)]
        {
            eprintln!("跳过：没有参考文件 {}（需要 ../shared/reference/regions）", path.display());
        }
        None
    }
}

/// The test bundle for the central tables (see its profile.yaml).
fn central() -> Profile {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/central-reader");
    let mut bundle = Bundle::default();
    for name in ["profile.yaml", "tables.yaml", "checks.yaml", "templates/part2.hbs"] {
        bundle.files.insert(name.to_owned(), std::fs::read(dir.join(name)).unwrap());
    }
    gongkai_profile::read(&bundle, "central-reader").unwrap()
}

/// The codes printed in a table of the pdftotext transcript: lines between the table's
/// number and the next one that start with a 3, 5 or 7 digit code.
fn transcript_codes(text: &str, number: &str, next: &str) -> Vec<String> {
    let start = text.find(number).unwrap();
    let end = text[start..].find(next).map_or(text.len(), |e| start + e);
    text[start..end]
        .lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let code: String = t.chars().take_while(char::is_ascii_digit).collect();
            let rest = &t[code.len()..];
            (matches!(code.len(), 3 | 5 | 7) && rest.starts_with(' ')).then_some(code)
        })
        .collect()
}

#[test]
fn the_central_disclosure_reads_every_printed_row_of_its_code_tables() {
    let (Some(pdf), Some(txt)) = (
        shared("pdf/25-central-national-public-complaints-bureau-2026-dept-budget.pdf"),
        shared("25-central-national-public-complaints-bureau-2026-dept-budget.txt"),
    ) else {
        return;
    };
    let text = std::fs::read_to_string(txt).unwrap();
    let doc = read_doc(&std::fs::read(pdf).unwrap()).unwrap();
    let profile = central();
    let report = gongkai_check::check(&profile, &doc);
    let tables = [
        ("t3", "部门公开表 3", "部门公开表 4"),
        ("t5", "部门公开表 5", "部门公开表 6"),
        ("t6", "部门公开表 6", "部门公开表 7"),
    ];
    let mut printed = 0;
    let mut recovered = 0;
    for (id, number, next) in tables {
        let want = transcript_codes(&text, number, next);
        let imp =
            report.imported.iter().find(|i| i.table.id == id).unwrap_or_else(|| panic!("{id} not found"));
        let got: BTreeSet<&str> = imp.table.rows.iter().map(|r| r.key.as_str()).collect();
        assert!(got.contains("total"), "{id}: no total row");
        printed += want.len() + 1;
        recovered += want.iter().filter(|c| got.contains(c.as_str())).count() + 1;
        assert_eq!(imp.table.rows.len(), want.len() + 1, "{id}: rows read {:?}", got);
    }
    assert!(recovered * 100 >= printed * 99, "{recovered}/{printed} rows");
    assert!(report.findings.iter().all(|f| f.rule != "W704" && f.rule != "W705"), "{}", lines(&report));
    // The table findings, each checked against the printed text: 表5's 2025 执行数 columns
    // print totals one cent off their items (20140: 5,555.07 + 66.44 + 236.83 +
    // 2,014.50 + 570.60 + 25,143.24 = 33,586.68, printed 33,586.67), in both
    // 执行数 columns of 20140, 20805 and 合计: six rounding notes, no error.
    let tables: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("E71") || f.rule == "I714")
        .map(|f| {
            format!("{} {} {}", f.rule, f.row.as_deref().unwrap_or(""), f.column.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        tables,
        [
            "I714 20140 信访事务 执行数",
            "I714 20140 信访事务 扣除中央基建投资后执行数",
            "I714 20805 行政事业单位养老支出 执行数",
            "I714 20805 行政事业单位养老支出 扣除中央基建投资后执行数",
            "I714 合计 执行数",
            "I714 合计 扣除中央基建投资后执行数",
        ],
        "{}",
        lines(&report)
    );
    // A real slip of the narrative (三、委托业务费): 1,391.68万元, 比2025年预算增加
    // 333.83万元 makes 2025 1,057.85万元 and the growth 31.56%, printed 31.35%.
    let change: Vec<_> = report.findings.iter().filter(|f| f.rule == "E724").collect();
    assert_eq!(change.len(), 1, "{}", lines(&report));
    assert_eq!(change[0].printed.as_deref(), Some("31.35%"));
    assert_eq!(change[0].expected.as_deref(), Some("31.56%"));
}
