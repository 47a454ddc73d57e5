//! Last year as data: `last_year` keyed by the profile's comparison keys (in levels or
//! whole), or taken from last year's input; unknown keys, disagreeing figures and
//! unusable last-year inputs are findings at their place.

use gongkai_model::figures::context;
use gongkai_model::input::{Budget, Compared, LastYear};
use gongkai_model::profile::Profile;
use gongkai_model::{DEFAULT_PROFILE, LastYearInput};

use crate::common::{analyse, example_text, run_in, stderr_text};

fn profile() -> Profile {
    gongkai_profile::builtin(DEFAULT_PROFILE).unwrap()
}

fn example() -> Budget {
    gongkai_yaml::parse_clean(example_text().as_bytes(), "e.yaml").unwrap()
}

fn narrative(budget: &Budget) -> String {
    let document = gongkai_templates::build(budget, &profile()).unwrap_or_else(|e| panic!("{e:?}"));
    gongkai_templates::plain_text(&document)
}

fn yaml(budget: &Budget) -> String {
    gongkai_synth::yaml(budget)
}

/// The codes of findings, with their place.
fn found(text: &str) -> Vec<(String, String)> {
    let analysis = analyse(text).unwrap_or_else(|d| panic!("{d:#?}"));
    analysis
        .diagnostics
        .iter()
        .map(|d| (d.rule.to_owned(), d.location.as_ref().map(ToString::to_string).unwrap_or_default()))
        .collect()
}

#[test]
fn keys_written_whole_or_in_levels_mean_the_same() {
    let nested = example();
    let mut whole = nested.clone();
    whole.last_year = LastYear { items: nested.last_year.items.clone(), ..LastYear::default() };
    for e in nested.last_year.entries() {
        whole.last_year.set(&e.key, e.compared.clone());
    }
    let text = yaml(&whole);
    assert!(text.contains("income.general:"), "{text}");
    let back = gongkai_yaml::parse_clean(text.as_bytes(), "w.yaml").unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(back, nested, "the two forms compare equal");
    assert_eq!(narrative(&back), narrative(&nested));
}

#[test]
fn a_key_the_profile_does_not_compare_is_an_error_at_its_place() {
    let text = example_text().replace("  income:\n    general:\n", "  income:\n    generl:\n");
    let found = found(&text);
    assert!(found.contains(&("E420".to_owned(), "t.yaml:89:5".to_owned())), "{found:#?}");
    // And 一般公共预算 itself now lacks its figure.
    assert!(found.iter().any(|(r, _)| r == "E405"), "{found:#?}");
}

#[test]
fn the_same_key_twice_is_an_error() {
    let text = example_text()
        .replace("  expenditure:\n", "  income.general: {amount: 1, reason: 重复}\n  expenditure:\n");
    let found = found(&text);
    assert!(found.iter().any(|(r, _)| r == "E410"), "{found:#?}");
}

/// Last year's input for the example: the example a year earlier, every amount of its
/// lines changed, so that each compared figure differs from the typed ones.
fn last_years_input() -> Budget {
    let mut last = example();
    last.department.year = 2024;
    last.department.published = "2024-02-18".into();
    for (i, line) in last.lines.iter_mut().enumerate() {
        let amount: rust_decimal::Decimal = line.amount.as_str().parse().unwrap();
        let scaled = amount * rust_decimal::Decimal::new(9 + (i as i64 % 3), 1);
        line.amount.0 = scaled.round_dp(2).to_string();
    }
    last.last_year = LastYear::default();
    last.projects.clear();
    last.carryover.clear();
    last.performance.projects.clear();
    last
}

/// The example with only the reasons of last year's figures, and `input:` naming
/// `last.yaml`.
fn with_reasons_only(input: &str) -> Budget {
    let mut this = example();
    let reasons: Vec<(String, Compared)> = this
        .last_year
        .entries()
        .into_iter()
        .map(|e| (e.key, Compared { amount: Default::default(), reason: e.compared.reason.clone() }))
        .collect();
    this.last_year.figures.clear();
    for (k, c) in reasons {
        this.last_year.set(&k, c);
    }
    for item in &mut this.last_year.items {
        item.amount = Default::default();
    }
    this.last_year.input = Some(input.to_owned());
    this
}

#[test]
fn compared_figures_come_from_last_years_input() {
    let profile = profile();
    let last = last_years_input();
    let this = with_reasons_only("last.yaml");
    let last_facts = gongkai_model::analyse_last_year(&last, &profile).facts.unwrap();
    let analysis = gongkai_model::analyse_with_last_year(
        &this,
        &profile,
        Some(LastYearInput::Read(Box::new(last_facts.clone()))),
    );
    let errors: Vec<String> =
        analysis.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let facts = analysis.facts.unwrap();
    let ctx = context(&profile, &facts, &analysis.tables);
    // Every compared figure's last-year amount is last year's own figure, from its lines.
    let sum = |pred: &dyn Fn(&gongkai_model::facts::Fact) -> bool| -> String {
        gongkai_model::money::fmt2(last_facts.lines.iter().filter(|f| pred(f)).map(|f| f.amount).sum())
    };
    let general = sum(&|f| f.source == gongkai_model::source::Source::General);
    assert_eq!(ctx["income"]["of"]["general"]["last"], general.as_str());
    let basic = sum(&|f| f.kind == gongkai_model::source::Kind::Basic);
    assert_eq!(ctx["expenditure"]["of"]["basic"]["last"], basic.as_str());
    assert_eq!(ctx["expenditure"]["of"]["basic"]["change"]["last"], basic.as_str());
    // The reasons stay the typed ones.
    let reason = this.last_year.get("income.general").unwrap().reason.clone().unwrap();
    assert_eq!(ctx["income"]["of"]["general"]["reason"], reason.as_str());
    // Items compared by code take last year's amount of each code.
    for entry in ctx["general_items"]["entries"].as_array().unwrap() {
        let code = entry["code"].as_str().unwrap().to_owned();
        let expect = sum(&|f| f.func == code && f.source.is_general());
        assert_eq!(entry["last"], expect.as_str(), "{code}");
    }
}

#[test]
fn a_typed_figure_that_disagrees_with_last_years_input_is_a_warning() {
    let profile = profile();
    let last_facts = gongkai_model::analyse_last_year(&last_years_input(), &profile).facts.unwrap();
    let mut this = with_reasons_only("last.yaml");
    this.last_year.set("income.general", Compared { amount: "1.00".into(), reason: Some("项目减少".into()) });
    let analysis = gongkai_model::analyse_with_last_year(
        &this,
        &profile,
        Some(LastYearInput::Read(Box::new(last_facts))),
    );
    assert!(analysis.diagnostics.iter().any(|d| d.rule == "W421"), "{:#?}", analysis.diagnostics);
}

#[test]
fn render_reads_last_years_input_beside_the_input() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("last.yaml"), yaml(&last_years_input())).unwrap();
    std::fs::write(tmp.path().join("this.yaml"), yaml(&with_reasons_only("last.yaml"))).unwrap();
    let out = run_in(tmp.path(), &["render", "this.yaml", "-o", "out", "--format", "html"], &[]);
    assert!(out.status.success(), "{}", stderr_text(&out));
    assert!(tmp.path().join("out/this.html").is_file());
}

#[test]
fn an_unusable_last_years_input_is_an_error_at_last_year_input() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut wrong_year = last_years_input();
    wrong_year.department.year = 2023;
    std::fs::write(dir.join("wrong-year.yaml"), yaml(&wrong_year)).unwrap();
    let mut broken = last_years_input();
    broken.lines[0].amount.0 = "十元".into();
    std::fs::write(dir.join("broken.yaml"), yaml(&broken)).unwrap();
    for (input, says) in [
        ("missing.yaml", "无法读取上年输入"),
        ("wrong-year.yaml", "预算年度是 2023"),
        ("broken.yaml", "有 1 个错误"),
        ("this.yaml", "就是本文件"),
    ] {
        std::fs::write(dir.join("this.yaml"), yaml(&with_reasons_only(input))).unwrap();
        let out = run_in(dir, &["validate", "this.yaml"], &[]);
        let err = stderr_text(&out) + &String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{input}: {err}");
        assert!(err.contains("E422") && err.contains(says), "{input}: {err}");
        assert!(err.contains("this.yaml:"), "{input}: located in the input: {err}");
    }
}
