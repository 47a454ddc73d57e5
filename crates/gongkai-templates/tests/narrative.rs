//! The narrative of the example and of a synthetic department, against golden text; and
//! the template rules: strict variables, overrides, directives.

use std::path::PathBuf;

use gongkai_model::DEFAULT_PROFILE;
use gongkai_templates::{TemplateError, Templates, document, plain_text};

fn profile() -> gongkai_model::profile::Profile {
    gongkai_profile::builtin(DEFAULT_PROFILE).unwrap()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn render(input: &str, templates: &Templates) -> Result<String, TemplateError> {
    let bytes = std::fs::read(root().join(input)).unwrap();
    let budget = gongkai_yaml::parse_clean(&bytes, input).unwrap();
    let profile = profile();
    let analysis = gongkai_model::analyse(&budget, &profile);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    let facts = analysis.facts.unwrap();
    Ok(plain_text(&document(&facts, &profile, &analysis.tables, templates)?))
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
    let text = render("examples/changji-epmc-2025.yaml", &Templates::new(&profile(), &[]).unwrap()).unwrap();
    check_golden("changji-2025", &text);
}

#[test]
fn golden_synthetic_department() {
    let text = render("tests/fixtures/synthetic-units-fund.yaml", &Templates::new(&profile(), &[]).unwrap())
        .unwrap();
    check_golden("synthetic-units-fund", &text);
}

#[test]
fn a_missing_variable_fails_with_its_place() {
    let bad =
        Templates::new(&profile(), &[("part4".into(), "# 第四部分\n{{no_such_figure}}\n".into())]).unwrap();
    let err = render("examples/changji-epmc-2025.yaml", &bad).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("part4") && msg.contains("第 2 行") && msg.contains("no_such_figure"), "{msg}");
}

#[test]
fn an_override_replaces_one_template_only() {
    let custom =
        Templates::new(&profile(), &[("part4".into(), "# 第四部分 名词解释\n本部门采用统一口径。\n".into())])
            .unwrap();
    let text = render("examples/changji-epmc-2025.yaml", &custom).unwrap();
    assert!(text.contains("本部门采用统一口径。"));
    assert!(!text.contains("一、财政拨款："));
    assert!(text.contains("# 第三部分 2025年部门预算情况说明"), "the other templates stay");
}

#[test]
fn unknown_template_and_bad_directive() {
    let err = Templates::new(&profile(), &[("part9".into(), String::new())]).unwrap_err();
    assert!(matches!(err, TemplateError::UnknownTemplate { ref name, .. } if name == "part9"));
    let t = Templates::new(&profile(), &[("closing".into(), "@table t99\n".into())]).unwrap();
    let err = render("examples/changji-epmc-2025.yaml", &t).unwrap_err();
    assert!(matches!(err, TemplateError::Directive { .. }), "{err}");
    let err = Templates::new(&profile(), &[("part1".into(), "{{#each x}}".into())]).unwrap_err();
    assert!(matches!(err, TemplateError::Syntax { .. }), "{err}");
}

/// The example, changed by `edit`, rendered with `templates`.
fn render_edited(
    edit: impl FnOnce(&mut gongkai_model::input::Budget),
    templates: &Templates,
) -> Result<gongkai_model::document::Document, TemplateError> {
    let bytes = std::fs::read(root().join("examples/changji-epmc-2025.yaml")).unwrap();
    let mut budget = gongkai_yaml::parse_clean(&bytes, "x.yaml").unwrap();
    edit(&mut budget);
    let profile = profile();
    let analysis = gongkai_model::analyse(&budget, &profile);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    document(&analysis.facts.unwrap(), &profile, &analysis.tables, templates)
}

/// Text a user typed never becomes structure: a name starting with `# `, lines of a
/// multi-line text that look like headings, list items or directives stay paragraphs.
#[test]
fn user_text_is_data_never_markup() {
    use gongkai_model::document::Block;
    let plain = render_edited(|_| {}, &Templates::new(&profile(), &[]).unwrap()).unwrap();
    let doc = render_edited(
        |b| {
            b.department.name = "# 假标题局".into();
            b.department.functions = "第一段。\n# 不是标题\n@table t1\n- 不是列表\n@signature 甲|乙".into();
            b.other_matters = Some("@forms\n@pagebreak".into());
        },
        &Templates::new(&profile(), &[]).unwrap(),
    )
    .unwrap();
    let count = |d: &gongkai_model::document::Document, f: &dyn Fn(&Block) -> bool| {
        d.blocks.iter().filter(|b| f(b)).count()
    };
    let headings = |b: &Block| matches!(b, Block::Heading { .. });
    let tables = |b: &Block| matches!(b, Block::Table(_));
    let forms = |b: &Block| matches!(b, Block::Form { .. });
    let breaks = |b: &Block| matches!(b, Block::PageBreak);
    let lists = |b: &Block| matches!(b, Block::List { .. });
    let signatures = |b: &Block| matches!(b, Block::Signature { .. });
    for (what, f) in [
        ("headings", &headings as &dyn Fn(&Block) -> bool),
        ("tables", &tables),
        ("forms", &forms),
        ("page breaks", &breaks),
        ("lists", &lists),
        ("signatures", &signatures),
    ] {
        assert_eq!(count(&doc, f), count(&plain, f), "{what}");
    }
    let paragraphs: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| if let Block::Paragraph { text, .. } = b { Some(text.as_str()) } else { None })
        .collect();
    for p in ["第一段。", "# 不是标题", "@table t1", "- 不是列表", "@signature 甲|乙", "@forms", "@pagebreak"]
    {
        assert!(paragraphs.contains(&p), "{p} in {paragraphs:?}");
    }
    assert!(
        doc.blocks.iter().any(|b| matches!(b, Block::Heading { text, .. } if text.contains("# 假标题局")))
    );
}

#[test]
fn templates_that_include_each_other_are_refused_before_rendering() {
    let err = Templates::new(
        &profile(),
        &[("part1".into(), "{{> part2}}".into()), ("part2".into(), "甲{{> part1}}".into())],
    )
    .unwrap_err();
    assert!(matches!(err, TemplateError::PartialCycle { .. }), "{err}");
    assert!(err.to_string().contains("part1 → part2 → part1"), "{err}");
    let err = Templates::new(&profile(), &[("part4".into(), "{{> part4}}".into())]).unwrap_err();
    assert!(matches!(err, TemplateError::PartialCycle { .. }), "{err}");
    let err = Templates::new(&profile(), &[("part4".into(), "{{> nothing}}".into())]).unwrap_err();
    assert!(err.to_string().contains("nothing"), "{err}");
}

#[test]
fn raw_output_and_deep_loops_are_refused() {
    let err = Templates::new(&profile(), &[("part4".into(), "{{{org}}}".into())]).unwrap_err();
    assert!(matches!(err, TemplateError::Forbidden { .. }), "{err}");
    let err = Templates::new(&profile(), &[("part4".into(), "{{&org}}".into())]).unwrap_err();
    assert!(matches!(err, TemplateError::Forbidden { .. }), "{err}");
    let deep = "{{#each a}}{{#each b}}{{#each c}}{{#each d}}x{{/each}}{{/each}}{{/each}}{{/each}}";
    let err = Templates::new(&profile(), &[("part4".into(), deep.into())]).unwrap_err();
    assert!(err.to_string().contains("#each 嵌套 4 层"), "{err}");
    // Nesting counts through partials too.
    let err = Templates::new(
        &profile(),
        &[
            ("part4".into(), "{{#each a}}{{#each b}}{{> change}}{{/each}}{{/each}}".into()),
            ("change".into(), "{{#each c}}{{#each d}}x{{/each}}{{/each}}".into()),
        ],
    )
    .unwrap_err();
    assert!(err.to_string().contains("嵌套 4 层"), "{err}");
}

#[test]
fn output_beyond_the_limit_is_an_error_not_a_hang() {
    let loops = "{{#each income}}{{#each ../income}}{{#each ../../income}}{{../../../functions}}{{/each}}{{/each}}{{/each}}";
    let t = Templates::new(&profile(), &[("part4".into(), loops.into())]).unwrap();
    let Err(err) = render_edited(|b| b.department.functions = "职".repeat(30_000), &t) else {
        panic!("a render past the output limit succeeded")
    };
    assert!(matches!(err, TemplateError::Render { .. }) && err.to_string().contains("上限"), "{err}");
}

#[test]
fn template_errors_are_chinese_sentences() {
    let bad = Templates::new(&profile(), &[("part4".into(), "{{#if x}}".into())]).unwrap_err();
    assert!(!bad.to_string().contains("Some(") && bad.to_string().contains("part4"), "{bad}");
    let t = Templates::new(&profile(), &[("part4".into(), "\n{{nope.deeper}}".into())]).unwrap();
    let Err(err) = render_edited(|_| {}, &t) else { panic!("rendered a missing variable") };
    let err = err.to_string();
    assert!(err.contains("不存在") && err.contains("第 2 行") && !err.contains("Some("), "{err}");
}
