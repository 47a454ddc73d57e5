//! The narrative of the example and of a synthetic department, against golden text; and
//! the template rules: strict variables, overrides, directives.

use std::path::PathBuf;

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::profile::Profile;
use gongkai_templates::{TemplateError, Templates, document, plain_text};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render(input: &str, templates: &Templates) -> Result<String, TemplateError> {
    let bytes = std::fs::read(root().join(input)).unwrap();
    let (budget, _) = gongkai_yaml::parse(&bytes, input).unwrap();
    let profile = Profile::builtin(DEFAULT_PROFILE).unwrap();
    let analysis = gongkai_model::analyse(&budget, &profile);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    let facts = analysis.facts.unwrap();
    Ok(plain_text(&document(&facts, DEFAULT_PROFILE, &analysis.tables, templates)?))
}

/// Compares with `tests/golden/narrative/<name>.txt`; `GONGKAI_BLESS=1` rewrites it.
#[track_caller]
fn check_golden(name: &str, got: &str) {
    let path = root().join("tests/golden/narrative").join(format!("{name}.txt"));
    if std::env::var_os("GONGKAI_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    if want != got {
        let first = want.lines().zip(got.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name}: narrative differs from {} at line {}:\n want: {}\n  got: {}\n(run GONGKAI_BLESS=1 cargo test -p gongkai-templates to accept)",
            path.display(),
            first + 1,
            want.lines().nth(first).unwrap_or("<end>"),
            got.lines().nth(first).unwrap_or("<end>"),
        );
    }
}

#[test]
fn golden_example() {
    let text = render("examples/changji-epmc-2025.yaml", &Templates::builtin().unwrap()).unwrap();
    check_golden("changji-2025", &text);
}

#[test]
fn golden_synthetic_department() {
    let text = render("tests/fixtures/synthetic-units-fund.yaml", &Templates::builtin().unwrap()).unwrap();
    check_golden("synthetic-units-fund", &text);
}

#[test]
fn a_missing_variable_fails_with_its_place() {
    let bad =
        Templates::with_overrides(&[("part4".into(), "# 第四部分\n{{no_such_figure}}\n".into())]).unwrap();
    let err = render("examples/changji-epmc-2025.yaml", &bad).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("part4") && msg.contains("第 2 行") && msg.contains("no_such_figure"), "{msg}");
}

#[test]
fn an_override_replaces_one_template_only() {
    let custom =
        Templates::with_overrides(&[("part4".into(), "# 第四部分 名词解释\n本部门采用统一口径。\n".into())])
            .unwrap();
    let text = render("examples/changji-epmc-2025.yaml", &custom).unwrap();
    assert!(text.contains("本部门采用统一口径。"));
    assert!(!text.contains("一、财政拨款："));
    assert!(text.contains("# 第三部分 2025年部门预算情况说明"), "the other templates stay");
}

#[test]
fn unknown_template_and_bad_directive() {
    let err = Templates::with_overrides(&[("part9".into(), String::new())]).unwrap_err();
    assert!(matches!(err, TemplateError::UnknownTemplate(ref n) if n == "part9"));
    let t = Templates::with_overrides(&[("closing".into(), "@table t99\n".into())]).unwrap();
    let err = render("examples/changji-epmc-2025.yaml", &t).unwrap_err();
    assert!(matches!(err, TemplateError::Directive { .. }), "{err}");
    let err = Templates::with_overrides(&[("part1".into(), "{{#each x}}".into())]).unwrap_err();
    assert!(matches!(err, TemplateError::Syntax { .. }), "{err}");
}
