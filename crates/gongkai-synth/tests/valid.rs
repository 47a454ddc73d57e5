//! Generated departments are valid budgets of the promised shape, and survive YAML.

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::source::Source;

#[test]
fn generated_departments_validate_and_round_trip() {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    for seed in 1..=25 {
        let budget = gongkai_synth::department(seed, &profile.narrative);
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
