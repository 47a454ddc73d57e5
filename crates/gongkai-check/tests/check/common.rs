//! Rendering gongkai's own documents in process, and reading them back.

use std::path::PathBuf;

use gongkai_check::{Report, read_doc};
use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::input::Budget;
use gongkai_model::profile::Profile;
use gongkai_model::table::Table;

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub(crate) fn profile() -> Profile {
    gongkai_profile::builtin(DEFAULT_PROFILE).unwrap()
}

pub(crate) fn example() -> Budget {
    let text = std::fs::read(root().join("examples/changji-epmc-2025.yaml")).unwrap();
    gongkai_yaml::parse_clean(&text, "changji-epmc-2025.yaml").unwrap()
}

/// The PDF and xlsx of a budget, and its derived tables.
pub(crate) fn render(budget: &Budget) -> (Vec<u8>, Vec<u8>, Vec<Table>) {
    render_with(budget, &profile())
}

/// The PDF and xlsx of a budget under `profile`, and its derived tables.
pub(crate) fn render_with(budget: &Budget, profile: &Profile) -> (Vec<u8>, Vec<u8>, Vec<Table>) {
    let document = gongkai_templates::build(budget, profile).unwrap();
    let pdf = gongkai_pdf::pdf(&document, &gongkai_pdf::PdfOptions::default()).unwrap();
    let xlsx = gongkai_xlsx::xlsx(&document, &gongkai_xlsx::XlsxOptions::default()).unwrap();
    let analysis = gongkai_model::analyse(budget, profile);
    (pdf, xlsx, analysis.tables)
}

pub(crate) fn check(bytes: &[u8]) -> Report {
    check_with(bytes, &profile())
}

/// The report of checking a document under `profile`.
pub(crate) fn check_with(bytes: &[u8], profile: &Profile) -> Report {
    gongkai_check::check(profile, &read_doc(bytes).unwrap())
}

/// The findings, one line each, for assertion messages.
pub(crate) fn lines(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| format!("{} {} {}", f.rule, f.place(), f.message))
        .collect::<Vec<_>>()
        .join("\n")
}
