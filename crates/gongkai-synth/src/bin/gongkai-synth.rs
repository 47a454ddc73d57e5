//! `gongkai-synth COUNT DIR [FIRST_SEED [PROFILE]]`: writes COUNT synthetic departments as
//! YAML files (`dept-0001.yaml` …) into DIR, for benchmarks and manual testing, made for a
//! built-in profile (the default one unless named).
//! `gongkai-synth hostile DIR`: writes the hostile-but-valid departments of
//! [`gongkai_synth::hostile`], one file each.
//! `gongkai-synth example-variants COUNT DIR`: writes COUNT variants of the bundled example
//! ([`gongkai_synth::example_variant`]: other names, scaled amounts) as `dept-0001.yaml` …,
//! and `variants.tsv` (file, region, kind, name, factor) for the Python baseline's models.

// A dev tool that talks to the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // Sources and last year's figures follow the profile (the default one unless a
    // department count is followed by a first seed and a profile).
    let id = args.get(3).map_or(gongkai_model::DEFAULT_PROFILE, String::as_str);
    let Some(profile) = gongkai_profile::builtin(id) else {
        eprintln!("gongkai-synth: no built-in profile {id}");
        return ExitCode::from(2);
    };
    if let (Some("hostile"), Some(dir)) = (args.first().map(String::as_str), args.get(1)) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("gongkai-synth: {dir}: {e}");
            return ExitCode::from(2);
        }
        for (name, budget) in gongkai_synth::hostile(&profile) {
            let path = format!("{dir}/{name}.yaml");
            if let Err(e) = std::fs::write(&path, gongkai_synth::yaml(&budget)) {
                eprintln!("gongkai-synth: {path}: {e}");
                return ExitCode::from(2);
            }
        }
        println!("wrote hostile departments to {dir}");
        return ExitCode::SUCCESS;
    }
    if let (Some("example-variants"), Some(count), Some(dir)) =
        (args.first().map(String::as_str), args.get(1).and_then(|c| c.parse::<u64>().ok()), args.get(2))
    {
        return example_variants(count, dir);
    }
    let (Some(count), Some(dir)) = (args.first().and_then(|c| c.parse::<u64>().ok()), args.get(1)) else {
        eprintln!(
            "usage: gongkai-synth COUNT DIR [FIRST_SEED [PROFILE]] | hostile DIR | example-variants COUNT DIR"
        );
        return ExitCode::from(2);
    };
    let first: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("gongkai-synth: {dir}: {e}");
        return ExitCode::from(2);
    }
    for seed in first..first + count {
        let path = format!("{dir}/dept-{seed:04}.yaml");
        if let Err(e) = std::fs::write(&path, gongkai_synth::yaml(&gongkai_synth::department(seed, &profile)))
        {
            eprintln!("gongkai-synth: {path}: {e}");
            return ExitCode::from(2);
        }
    }
    println!("wrote {count} departments to {dir}");
    ExitCode::SUCCESS
}

fn example_variants(count: u64, dir: &str) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("gongkai-synth: {dir}: {e}");
        return ExitCode::from(2);
    }
    let mut tsv = String::from("file\tregion\tkind\tname\tfactor\n");
    for seed in 1..=count {
        let (budget, v) = gongkai_synth::example_variant(seed);
        let file = format!("dept-{seed:04}.yaml");
        let path = format!("{dir}/{file}");
        if let Err(e) = std::fs::write(&path, gongkai_synth::yaml(&budget)) {
            eprintln!("gongkai-synth: {path}: {e}");
            return ExitCode::from(2);
        }
        let (region, kind) = (gongkai_synth::REGIONS[v.region].0, gongkai_synth::KINDS[v.kind]);
        let f = v.factor_percent;
        tsv.push_str(&format!("{file}\t{region}\t{kind}\t{}\t{}.{:02}\n", v.name, f / 100, f % 100));
    }
    let path = format!("{dir}/variants.tsv");
    if let Err(e) = std::fs::write(&path, tsv) {
        eprintln!("gongkai-synth: {path}: {e}");
        return ExitCode::from(2);
    }
    println!("wrote {count} variants of the example to {dir}");
    ExitCode::SUCCESS
}
