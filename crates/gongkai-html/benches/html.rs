//! Benchmark: the HTML document of the example and of synthetic departments.
//!
//! `cargo bench -p gongkai-html`. A plain timing loop: warm up, then the minimum and median
//! of N runs for the example, and the mean over 40 synthetic departments.

// A benchmark reports on the terminal; that is its whole output.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use gongkai_html::{HtmlOptions, html};
use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::document::Document;
use gongkai_templates::build;

fn doc(budget: &gongkai_model::input::Budget) -> Document {
    build(budget, &gongkai_profile::builtin(DEFAULT_PROFILE).expect("profile")).expect("document")
}

fn ms(d: Duration) -> String {
    format!("{}.{:03}", d.as_micros() / 1000, d.as_micros() % 1000)
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/changji-epmc-2025.yaml");
    let budget = gongkai_yaml::parse_clean(&std::fs::read(path).expect("example"), "x.yaml").expect("parses");
    let example = doc(&budget);
    let options = HtmlOptions::default();
    let mut size = 0;
    for _ in 0..20 {
        size = html(&example, &options).expect("html").len();
    }
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(html(&example, &options).expect("html"));
            start.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "html: example ({size} bytes): min {} ms, median {} ms over 200 runs",
        ms(times[0]),
        ms(times[100])
    );
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).expect("profile");
    let synthetic: Vec<Document> =
        (1..=40).map(|seed| doc(&gongkai_synth::department(seed, &profile))).collect();
    let start = Instant::now();
    for d in &synthetic {
        std::hint::black_box(html(d, &options).expect("html"));
    }
    println!("html: 40 synthetic departments: mean {} ms", ms(start.elapsed() / 40));
}
