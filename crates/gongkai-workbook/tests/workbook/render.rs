//! Either input renders the same disclosure: the same tables, findings, document, HTML
//! and xlsx, byte for byte. (The PDF is drawn from the same document, so it follows.)

use gongkai_model::diag::Diagnostic;
use gongkai_model::input::Budget;
use gongkai_model::{Analysis, DEFAULT_PROFILE};

use crate::common::{example, read, synthetic, write};

/// Everything rendered from a budget: findings without their locations (those name the
/// input's own places), tables and document as JSON, HTML, xlsx.
struct Rendered {
    findings: Vec<Diagnostic>,
    tables: String,
    document: String,
    html: String,
    xlsx: Vec<u8>,
}

fn render(budget: &Budget) -> Rendered {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    let Analysis { facts, tables, diagnostics } = gongkai_model::analyse(budget, &profile);
    let facts = facts.expect("the fixture is usable");
    let templates = gongkai_templates::Templates::new(&profile, &[]).unwrap();
    let document = gongkai_templates::document(&facts, &profile, &tables, &templates).unwrap();
    Rendered {
        findings: diagnostics.into_iter().map(|d| Diagnostic { location: None, ..d }).collect(),
        tables: serde_json::to_string_pretty(&tables).unwrap(),
        document: serde_json::to_string_pretty(&document).unwrap(),
        html: gongkai_html::html(&document, &gongkai_html::HtmlOptions::default()).unwrap(),
        xlsx: gongkai_xlsx::xlsx(&document, &gongkai_xlsx::XlsxOptions::default()).unwrap(),
    }
}

fn check(name: &str, budget: &Budget) {
    let (from_workbook, _) = read(&write(budget));
    let (a, b) = (render(budget), render(&from_workbook));
    assert_eq!(a.findings, b.findings, "{name}: findings differ");
    assert_eq!(a.tables, b.tables, "{name}: tables differ");
    assert_eq!(a.document, b.document, "{name}: documents differ");
    assert!(a.html == b.html, "{name}: HTML differs");
    assert!(a.xlsx == b.xlsx, "{name}: xlsx differs");
}

#[test]
fn the_example_renders_the_same_from_either_input() {
    check("example", &example());
}

#[test]
fn the_synthetic_department_renders_the_same_from_either_input() {
    check("synthetic", &synthetic());
}
