//! Profile bundles a user writes: the invented `tests/fixtures/profiles/demo-3` (written
//! only from docs/profiles.md) renders an input and synthetic departments in all three
//! formats; broken bundles give their rule ID at `file:line:column` and write nothing; an
//! exported built-in renders the same bytes as the built-in itself.

use std::path::{Path, PathBuf};

use gongkai_model::input::Budget;
use gongkai_model::profile::Profile;
use rust_decimal::Decimal;

use crate::common::{root, run_in, stderr_text};

const DEMO: &str = "tests/fixtures/profiles/demo-3";
const INPUT: &str = "tests/fixtures/demo-3/2025.yaml";

/// A bundle folder's files, relative paths with `/`.
fn bundle(dir: &Path) -> gongkai_profile::Bundle {
    fn walk(base: &Path, dir: &Path, out: &mut gongkai_profile::Bundle) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = gongkai_profile::Bundle::default();
    walk(dir, dir, &mut out);
    out
}

fn demo() -> Profile {
    gongkai_profile::read(&bundle(&root().join(DEMO)), DEMO).unwrap_or_else(|d| panic!("{d:#?}"))
}

fn gongkai(args: &[&str]) -> std::process::Output {
    run_in(&root(), args, &[])
}

/// Files in `dir`, sorted; none when it does not exist.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> =
        std::fs::read_dir(dir).map(|r| r.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    out.sort();
    out
}

/// Renders `input` in all three formats into `out` and returns (extension, bytes).
fn render(input: &Path, extra: &[&str], out: &Path) -> Vec<(String, Vec<u8>)> {
    let mut args = vec!["render", input.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = gongkai(&args);
    assert_eq!(o.status.code(), Some(0), "render {input:?} {extra:?}: {}", stderr_text(&o));
    let written = files(out);
    let exts: Vec<String> =
        written.iter().map(|p| p.extension().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(exts, ["html", "pdf", "xlsx"], "{written:?}");
    written
        .iter()
        .map(|p| (p.extension().unwrap().to_string_lossy().into_owned(), std::fs::read(p).unwrap()))
        .collect()
}

/// The sum of `lines[].amount` of a budget typed in 元.
fn line_total(budget: &Budget) -> Decimal {
    budget.lines.iter().map(|l| l.amount.as_str().replace(',', "").parse::<Decimal>().unwrap()).sum()
}

/// Analyses a budget with demo-3 (last year's input read as the CLI does when `last` is
/// given) and checks its identities by hand: 收入总计 = 支出总计 = 公开02表 合计 = the
/// lines, and 公开01表's income side equals 公开03表 row by row.
fn assert_identities(budget: &Budget, last: Option<&Budget>) {
    let profile = demo();
    let analysis = match last {
        Some(last) => {
            let facts = gongkai_model::analyse_last_year(last, &profile).facts.unwrap();
            let last = gongkai_model::LastYearInput::Read(Box::new(facts));
            gongkai_model::analyse_with_last_year(budget, &profile, Some(last))
        }
        None => gongkai_model::analyse(budget, &profile),
    };
    let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let table = |id: &str| analysis.tables.iter().find(|t| t.id == id).unwrap();
    let (d1, d2, d3) = (table("d1"), table("d2"), table("d3"));
    // Budgets typed in 元; tables hold 万元.
    let lines = line_total(budget) / Decimal::from(10_000);
    assert!(lines > Decimal::ZERO);
    assert_eq!(d1.amount("total", "in"), lines);
    assert_eq!(d1.amount("total", "out"), lines);
    assert_eq!(d2.amount("total", "total"), lines);
    assert_eq!(d3.amount("total", "in"), lines);
    for key in ["fiscal", "own", "carry"] {
        assert_eq!(d1.amount(key, "in"), d3.amount(key, "in"), "{key}");
        assert_eq!(d3.amount(key, "in"), d3.amount(key, "admin") + d3.amount(key, "inst"), "{key}");
    }
}

fn parse(path: &Path) -> Budget {
    gongkai_yaml::parse_clean(&std::fs::read(path).unwrap(), "b.yaml").unwrap_or_else(|d| panic!("{d:#?}"))
}

#[test]
fn profile_check_accepts_the_invented_profile() {
    let o = gongkai(&["profile", "check", DEMO]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
}

#[test]
fn the_invented_profile_validates_tabulates_and_renders_its_input() {
    let o = gongkai(&["validate", INPUT, "--profile", DEMO]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let o = gongkai(&["tables", INPUT, "--profile", DEMO]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let text = String::from_utf8(o.stdout).unwrap();
    for table in demo().tables {
        assert!(text.contains(&table.number), "{} missing:\n{text}", table.number);
    }
    // 公开01表 is in 元 with separators: the lines' total as typed.
    let budget = parse(&root().join(INPUT));
    let total = line_total(&budget);
    let printed = format!("{:.2}", total);
    let (int, frac) = printed.split_once('.').unwrap();
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    assert!(text.contains(&format!("{grouped}.{frac}")), "{grouped}.{frac} not in:\n{text}");

    let tmp = tempfile::tempdir().unwrap();
    let with_flag = render(&root().join(INPUT), &["--profile", DEMO], &tmp.path().join("a"));
    // The input names its profile (`profile: ../profiles/demo-3`): the same bytes.
    let named = render(&root().join(INPUT), &[], &tmp.path().join("b"));
    assert_eq!(with_flag, named);
    let html = String::from_utf8(with_flag[0].1.clone()).unwrap();
    for table in demo().tables {
        assert!(html.contains(&table.number), "{}", table.number);
    }
    assert!(html.contains(&budget.department.name));
    assert_identities(&budget, Some(&parse(&root().join("tests/fixtures/demo-3/2024.yaml"))));
}

#[test]
fn the_invented_profile_renders_synthetic_departments() {
    let profile = demo();
    let tmp = tempfile::tempdir().unwrap();
    let dir = root().join(DEMO);
    for seed in 0..6 {
        let budget = gongkai_synth::department(seed, &profile.narrative);
        assert_identities(&budget, None);
        let input = tmp.path().join(format!("s{seed}.yaml"));
        std::fs::write(&input, gongkai_synth::yaml(&budget)).unwrap();
        let o = gongkai(&["validate", input.to_str().unwrap(), "--profile", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "seed {seed}: {}", stderr_text(&o));
        let o = gongkai(&["tables", input.to_str().unwrap(), "--profile", dir.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "seed {seed}: {}", stderr_text(&o));
        render(&input, &["--profile", dir.to_str().unwrap()], &tmp.path().join(format!("o{seed}")));
    }
}

