//! Benchmark: PDF per document, the example and synthetic departments, in one process
//! (fonts parsed once, as in a batch).
//!
//! `cargo bench -p gongkai-pdf`. A plain timing loop: warm up, then the minimum and median
//! of N runs for the example, and the mean over 40 variants of the example (other names,
//! scaled amounts: the side-by-side benchmark's departments) and 40 synthetic departments.

// A benchmark reports on the terminal; that is its whole output.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::document::Document;
use gongkai_pdf::{PdfOptions, pdf};
use gongkai_templates::build;

fn doc(budget: &gongkai_model::input::Budget) -> Document {
    build(budget, &gongkai_profile::builtin(DEFAULT_PROFILE).expect("profile")).expect("document")
}

fn ms(d: Duration) -> String {
    format!("{}.{:02}", d.as_micros() / 1000, d.as_micros() % 1000 / 10)
}

fn main() {
    // Fewer runs for instruction counts under callgrind: GONGKAI_BENCH_RUNS=3.
    let runs: usize = std::env::var("GONGKAI_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/changji-epmc-2025.yaml");
    let budget = gongkai_yaml::parse_clean(&std::fs::read(path).expect("example"), "x.yaml").expect("parses");
    let example = doc(&budget);
    let options = PdfOptions::default();
    let mut size = 0;
    for _ in 0..5 {
        size = pdf(&example, &options).expect("pdf").len();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(pdf(&example, &options).expect("pdf"));
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "pdf: example ({size} bytes): min {} ms, median {} ms over {runs} runs",
        ms(times[0]),
        ms(times[runs / 2])
    );
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).expect("profile");
    let variants: Vec<Document> =
        (1..=runs as u64).map(|seed| doc(&gongkai_synth::example_variant(seed).0)).collect();
    let start = Instant::now();
    let mut bytes = 0;
    for d in &variants {
        bytes += pdf(d, &options).expect("pdf").len();
    }
    println!(
        "pdf: {runs} variants of the example: mean {} ms, {} KB per document",
        ms(start.elapsed() / runs as u32),
        bytes / runs / 1024
    );
    let synthetic: Vec<Document> =
        (1..=runs as u64).map(|seed| doc(&gongkai_synth::department(seed, &profile))).collect();
    let start = Instant::now();
    let mut bytes = 0;
    for d in &synthetic {
        bytes += pdf(d, &options).expect("pdf").len();
    }
    let total = start.elapsed();
    println!(
        "pdf: {runs} synthetic departments: mean {} ms, {} KB per document",
        ms(total / runs as u32),
        bytes / runs / 1024
    );
}
