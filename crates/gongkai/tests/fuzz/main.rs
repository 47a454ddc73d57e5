//! Seeded fuzzing of the whole pipeline, on stable Rust: mutations of the example YAML,
//! of a synthetic department and of their workbooks, each run through reading,
//! validation and (when valid) rendering in every format.
//!
//! For every case it asserts:
//! - no panic, and no hang (each case runs on a worker with a generous deadline);
//! - validate and render agree: an input without errors renders in xlsx, PDF and HTML;
//! - the rendered figures are the derived tables' (every amount of every table is in the
//!   HTML);
//! - byte-determinism (every few valid cases are rendered twice);
//! - a budget read from YAML and the same budget written to and read from a workbook give
//!   the same findings and tables.
//!
//! The budget is `GONGKAI_FUZZ_SECONDS` (default 60) and the seed `GONGKAI_FUZZ_SEED`
//! (default 1); `scripts/fuzz.sh` runs a long campaign in release mode. A failing case is
//! written to `target/fuzz-failures/` with its seed.

mod mutate;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::diag::{Diagnostic, combine, has_errors};
use gongkai_model::plugin::InputFormat as _;
use gongkai_templates::Templates;

use mutate::Rng;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

/// What one case found.
#[derive(Debug, Default)]
struct Outcome {
    valid: bool,
    rendered: bool,
}

/// Reads YAML (or a workbook) and analyses it as `gongkai validate` does; `None` when the
/// input cannot be read at all.
fn validate(bytes: &[u8], workbook: bool) -> Option<(gongkai_model::Analysis, Vec<Diagnostic>)> {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).expect("built-in profile");
    let loaded = if workbook {
        gongkai_workbook::WorkbookFormat.read(bytes, "f.xlsx").ok()?
    } else {
        gongkai_yaml::YamlFormat.read(bytes, "f.yaml").ok()?
    };
    let mut analysis = gongkai_model::analyse(&loaded.budget, &profile);
    let mut glyphs = gongkai_model::texts::check_glyphs(&loaded.budget, &covers);
    analysis.diagnostics.append(&mut glyphs);
    let all = combine(loaded.diagnostics, analysis.diagnostics.clone(), &loaded.repaired);
    Some((analysis, all))
}

/// Whether the built-in PDF fonts can draw `c`, as validate asks.
fn covers(c: char) -> bool {
    gongkai_pdf::FontSet::builtin().covers(c)
}

/// Renders a valid analysis in every format, checking the figures and, when asked,
/// determinism. Panics on any disagreement.
fn render(analysis: &gongkai_model::Analysis, twice: bool, what: &str) {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).expect("built-in profile");
    let templates = Templates::new(&profile, &[]).expect("built-in templates");
    let facts = analysis.facts.as_ref().expect("facts of a valid input");
    let document = gongkai_templates::document(facts, &profile, &analysis.tables, &templates)
        .unwrap_or_else(|e| panic!("{what}: validate passed but the narrative failed: {e}"));
    let run = || {
        let xlsx = gongkai_xlsx::xlsx(&document, &gongkai_xlsx::XlsxOptions::default())
            .unwrap_or_else(|e| panic!("{what}: validate passed but xlsx failed: {e}"));
        let html = gongkai_html::html(&document, &gongkai_html::HtmlOptions::default())
            .unwrap_or_else(|e| panic!("{what}: validate passed but HTML failed: {e}"));
        let pdf = gongkai_pdf::pdf(&document, &gongkai_pdf::PdfOptions::default())
            .unwrap_or_else(|e| panic!("{what}: validate passed but PDF failed: {e}"));
        (xlsx, html, pdf)
    };
    let (xlsx, html, pdf) = run();
    for table in &analysis.tables {
        for row in &table.rows {
            for cell in &row.cells {
                if let gongkai_model::table::Cell::Amount(_) = cell {
                    let shown = cell.display();
                    assert!(
                        html.contains(&shown),
                        "{what}: {} amount {shown} missing from the HTML",
                        table.number
                    );
                }
            }
        }
    }
    if twice {
        let again = run();
        assert!(
            again.0 == xlsx && again.1 == html && again.2 == pdf,
            "{what}: output differs between two renders"
        );
    }
}

/// One case: a mutated YAML text, and its workbook twin when it reads.
fn case(text: String, seed: u64) -> Outcome {
    let what = format!("seed {seed}");
    let mut outcome = Outcome::default();
    let Some((analysis, findings)) = validate(text.as_bytes(), false) else { return outcome };
    outcome.valid = !has_errors(&findings);
    if outcome.valid {
        render(&analysis, seed.is_multiple_of(8), &what);
        outcome.rendered = true;
    }
    // The same budget through the workbook: no panic; a valid budget stays valid, with the
    // same tables.
    if let Ok(parsed) = gongkai_yaml::parse(text.as_bytes(), "f.yaml")
        && !has_errors(&parsed.diagnostics)
        && let Ok(book) = gongkai_workbook::write(&parsed.value, &gongkai_workbook::WriteOptions::default())
    {
        let back = validate(&book, true);
        if outcome.valid {
            let (b, bf) =
                back.unwrap_or_else(|| panic!("{what}: the workbook of a valid budget does not read"));
            assert!(!has_errors(&bf), "{what}: valid as YAML, not as a workbook: {bf:#?}");
            assert_eq!(b.tables, analysis.tables, "{what}: workbook tables differ");
        }
        let mut rng = Rng::new(seed ^ 0xB00C);
        let _ = validate(&mutate::bytes(&book, &mut rng), true);
    }
    outcome
}

#[test]
#[allow(clippy::print_stderr)] // The run's figures, for the campaign's log.
fn fuzz_the_pipeline() {
    let budget = Duration::from_secs(env_u64("GONGKAI_FUZZ_SECONDS", 60));
    let first = env_u64("GONGKAI_FUZZ_SEED", 1);
    let deadline = Duration::from_secs(env_u64("GONGKAI_FUZZ_CASE_SECONDS", 60));
    let corpus: Vec<String> = ["examples/changji-epmc-2025.yaml", "tests/fixtures/synthetic-units-fund.yaml"]
        .iter()
        .map(|p| std::fs::read_to_string(root().join(p)).expect("corpus file"))
        .collect();
    let started = Instant::now();
    let (mut cases, mut valid, mut rendered) = (0u64, 0u64, 0u64);
    let mut seed = first;
    while started.elapsed() < budget {
        let mut rng = Rng::new(seed);
        let base = rng.pick(&corpus).clone();
        // Now and then the input as it is, so valid renders keep happening.
        let text = if rng.below(10) == 0 { base } else { mutate::yaml(&base, &mut rng) };
        let (tx, rx) = mpsc::channel();
        let input = text.clone();
        let worker = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(move || {
                let result = std::panic::catch_unwind(|| case(input, seed));
                let _ = tx.send(result);
            })
            .expect("worker thread");
        let result = rx.recv_timeout(deadline);
        let failure = match result {
            Ok(Ok(o)) => {
                let _ = worker.join();
                valid += u64::from(o.valid);
                rendered += u64::from(o.rendered);
                None
            }
            Ok(Err(panic)) => Some(format!(
                "panicked: {}",
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default()
            )),
            Err(_) => Some(format!("no answer within {} s (hang)", deadline.as_secs())),
        };
        if let Some(reason) = failure {
            let dir = root().join("target/fuzz-failures");
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("seed-{seed}.yaml"));
            let _ = std::fs::write(&file, &text);
            panic!("fuzz case seed {seed} {reason}; input written to {}", file.display());
        }
        cases += 1;
        seed += 1;
    }
    eprintln!(
        "fuzz: {cases} cases (seeds {first}–{}), {valid} valid, {rendered} rendered in all formats, {:.1} s",
        seed.saturating_sub(1),
        started.elapsed().as_secs_f64()
    );
    assert!(cases > 0 && rendered > 0, "the fuzz run must exercise rendering");
}
