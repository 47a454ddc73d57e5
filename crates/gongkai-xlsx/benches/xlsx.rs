//! Benchmark: writing the bundled example's workbook (eleven sheets) to bytes.
//!
//! `cargo bench -p gongkai-xlsx`. A plain timing loop, no criterion: warm up, then report
//! the minimum and median of N runs of `gongkai_xlsx::xlsx`. Loading and analysing the
//! YAML happen once, outside the timed loop.

// A benchmark reports on the terminal; that is its whole output.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use gongkai_xlsx::{XlsxOptions, xlsx};

const WARM_UP: usize = 20;
const RUNS: usize = 200;

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/changji-epmc-2025.yaml");
    let bytes = std::fs::read(path).expect("the bundled example");
    let budget = gongkai_yaml::parse_clean(&bytes, "changji-epmc-2025.yaml").expect("the example parses");
    let profile = gongkai_profile::builtin("xinjiang-11").expect("the built-in profile");
    let document = gongkai_templates::build(&budget, &profile).expect("the example is valid");
    let options = XlsxOptions::default();

    let mut size = 0;
    for _ in 0..WARM_UP {
        size = xlsx(&document, &options).expect("the workbook").len();
    }
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let out = xlsx(&document, &options).expect("the workbook");
            let elapsed = start.elapsed();
            std::hint::black_box(out);
            elapsed
        })
        .collect();
    times.sort();
    // Milliseconds with two decimals, in integers: the workspace keeps float arithmetic out.
    let ms = |d: Duration| format!("{}.{:02}", d.as_micros() / 1000, d.as_micros() % 1000 / 10);
    println!(
        "xlsx: example workbook ({} sheets, {size} bytes): min {} ms, median {} ms over {RUNS} runs",
        document.tables().count(),
        ms(times[0]),
        ms(times[RUNS / 2]),
    );
}
