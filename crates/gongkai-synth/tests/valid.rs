//! Generated departments are valid budgets of the promised shape, and survive YAML.

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::source::Source;

#[test]
fn generated_departments_validate_and_round_trip() {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    for seed in 1..=25 {
        let budget = gongkai_synth::department(seed, &profile);
        assert!((50..=400).contains(&budget.lines.len()));
        assert!(budget.units.len() <= 30);
        for s in Source::ALL {
            assert!(budget.lines.iter().any(|l| l.source == s.label()), "seed {seed}: no {s:?}");
        }
        let text = gongkai_synth::yaml(&budget);
        let back = gongkai_yaml::parse_clean(text.as_bytes(), "s.yaml")
            .unwrap_or_else(|d| panic!("seed {seed}: {d:#?}"));
        assert_eq!(back, budget, "seed {seed}: YAML round trip");
        let analysis = gongkai_model::analyse(&back, &profile);
        let noisy: Vec<String> =
            analysis.diagnostics.iter().filter(|d| d.rule != "I510").map(ToString::to_string).collect();
        assert!(noisy.is_empty(), "seed {seed}: {noisy:#?}");
    }
}

/// The example's variants: same shape and the same findings as the example, other names,
/// every amount scaled exactly.
#[test]
fn example_variants_are_the_example_renamed_and_scaled() {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    let example = std::fs::read("../../examples/changji-epmc-2025.yaml").unwrap();
    let example = gongkai_yaml::parse_clean(&example, "e.yaml").unwrap();
    // Errors and warnings; notes of display rounding (I510) depend on the amounts.
    let rules = |b: &gongkai_model::input::Budget| -> Vec<String> {
        let diagnostics = gongkai_model::analyse(b, &profile).diagnostics;
        diagnostics.iter().map(|d| d.rule.to_string()).filter(|r| !r.starts_with('I')).collect()
    };
    let cents = |b: &gongkai_model::input::Budget| -> u64 {
        b.lines.iter().map(|l| l.amount.as_str().replace('.', "").parse::<u64>().unwrap()).sum()
    };
    let mut names = std::collections::BTreeSet::new();
    for seed in 1..=12 {
        let (budget, v) = gongkai_synth::example_variant(seed);
        assert_eq!(budget, gongkai_synth::example_variant(seed).0, "deterministic");
        assert!((25..=600).contains(&v.factor_percent));
        assert_eq!(budget.department.name, v.name);
        let text = gongkai_synth::yaml(&budget);
        let org = "昌吉回族自治州环境污染监控中心";
        assert!(!text.contains(org) || v.name == org, "seed {seed}: the example's name is replaced");
        let back = gongkai_yaml::parse_clean(text.as_bytes(), "v.yaml").unwrap();
        assert_eq!(back.lines.len(), example.lines.len());
        assert_eq!(back.projects.len(), example.projects.len());
        assert_eq!(cents(&back) * 100, cents(&example) * v.factor_percent, "seed {seed}: exact scaling");
        assert_eq!(rules(&back), rules(&example), "seed {seed}: the example's findings, no others");
        names.insert(v.name);
    }
    assert!(names.len() > 6, "names vary: {names:?}");
}
