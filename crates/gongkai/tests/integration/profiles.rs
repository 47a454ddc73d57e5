//! Profile bundles a user writes: the invented `tests/fixtures/profiles/demo-3` (written
//! only from docs/profiles.md) renders an input and synthetic departments in all three
//! formats; broken bundles give their rule ID at `file:line:column` and write nothing; an
//! exported built-in renders the same bytes as the built-in itself.

use std::path::{Path, PathBuf};

use gongkai_model::input::Budget;
use gongkai_model::profile::Profile;
use rust_decimal::Decimal;

use crate::common::{example_text, root, run_in, stderr_text};

/// Everything a run printed: `profile check` reports on stdout, the other commands on stderr.
fn printed(o: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr_text(o))
}

const DEMO: &str = "tests/fixtures/profiles/demo-3";
const INPUT: &str = "tests/fixtures/demo-3/2025.yaml";

/// A bundle folder's files, relative paths with `/`.
pub(crate) fn bundle(dir: &Path) -> gongkai_profile::Bundle {
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
        let number = table.number.unwrap();
        assert!(text.contains(&number), "{number} missing:\n{text}");
    }
    let budget = parse(&root().join(INPUT));
    let tmp = tempfile::tempdir().unwrap();
    let with_flag = render(&root().join(INPUT), &["--profile", DEMO], &tmp.path().join("a"));
    // The input names its profile (`profile: ../profiles/demo-3`): the same bytes.
    let named = render(&root().join(INPUT), &[], &tmp.path().join("b"));
    assert_eq!(with_flag, named);
    let html = String::from_utf8(with_flag[0].1.clone()).unwrap();
    for table in demo().tables {
        let number = table.number.unwrap();
        assert!(html.contains(&number), "{number}");
    }
    assert!(html.contains(&budget.department.name));
    assert_identities(&budget, Some(&parse(&root().join("tests/fixtures/demo-3/2024.yaml"))));
}

/// The profile's `table_defaults` (unit 元, separators, org_label 预算单位, zero: dash)
/// reach the printed tables: demo-3 found them ignored by the text tables once.
#[test]
fn the_invented_profile_prints_its_tables_in_yuan() {
    let o = gongkai(&["tables", INPUT, "--profile", DEMO]);
    let text = String::from_utf8(o.stdout).unwrap();
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

    assert!(text.contains("预算单位：") && text.contains("金额单位：元"), "{text}");
    assert!(!text.contains("编制部门"), "{text}");
}

#[test]
fn the_invented_profile_renders_synthetic_departments() {
    let profile = demo();
    let tmp = tempfile::tempdir().unwrap();
    let dir = root().join(DEMO);
    for seed in 0..6 {
        let budget = gongkai_synth::department(seed, &profile);
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

/// Copies demo-3 into a temp dir, applies `edit` to `file` and returns the dir.
fn edited(file: &str, edit: impl FnOnce(&str) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (path, bytes) in bundle(&root().join(DEMO)).files {
        let to = tmp.path().join("b").join(&path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    let path = tmp.path().join("b").join(file);
    let before = std::fs::read_to_string(&path).unwrap();
    let after = edit(&before);
    assert_ne!(before, after, "the edit of {file} changed nothing");
    std::fs::write(&path, after).unwrap();
    tmp
}

/// `line:column` (1-based, columns in characters) of the `nth` occurrence of `needle`.
fn place(text: &str, needle: &str, nth: usize) -> String {
    let (at, _) = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("no {needle:?} #{nth}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{column}")
}

/// A broken bundle: `profile check` and `render --profile` both report `rule` at
/// `file:place`, exit 1, and render writes nothing.
fn assert_broken(dir: &Path, rule: &str, at: &str) {
    let bundle = dir.to_str().unwrap();
    let o = gongkai(&["profile", "check", bundle]);
    let err = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let wanted = format!("{bundle}/{at}: 错误[{rule}]");
    assert!(err.contains(&wanted), "{wanted} not in:\n{err}");
    let out = dir.parent().unwrap().join("out");
    if rule == "E608" {
        // Known gap: a template that fails while rendering a department is a usage error
        // (exit 2) without its place; it still writes nothing.
        let o = gongkai(&["render", INPUT, "--profile", bundle, "-o", out.to_str().unwrap()]);
        assert_ne!(o.status.code(), Some(0), "{}", printed(&o));
        assert!(files(&out).is_empty(), "render wrote {:?}", files(&out));
        return;
    }
    let o = gongkai(&["render", INPUT, "--profile", bundle, "-o", out.to_str().unwrap()]);
    let err = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&wanted), "render: {wanted} not in:\n{err}");
    assert!(files(&out).is_empty(), "render wrote {:?}", files(&out));
}

/// One small edit of demo-3: in `file`, the `nth` `old` becomes `new`; the finding is at
/// the `nth_at` occurrence of `at` in the edited file.
struct Break {
    file: &'static str,
    old: &'static str,
    new: &'static str,
    rule: &'static str,
    at: &'static str,
    nth_at: usize,
}

const BREAKS: &[Break] = &[
    // A table id twice.
    Break {
        file: "tables.yaml",
        old: "- id: d3",
        new: "- id: d2",
        rule: "E602",
        at: "d2\n  number: 公开03表",
        nth_at: 0,
    },
    // A sum naming a column the table does not have.
    Break {
        file: "tables.yaml",
        old: "parts: [admin, inst]",
        new: "parts: [admin, insts]",
        rule: "E604",
        at: "insts",
        nth_at: 0,
    },
    // A source group that does not exist.
    Break {
        file: "tables.yaml",
        old: "filter: {sources: [单位资金收入]}}\n      - {key: carry",
        new: "filter: {sources: [单位资金收人]}}\n      - {key: carry",
        rule: "E606",
        at: "单位资金收人",
        nth_at: 0,
    },
    // A row's children naming a row that does not exist.
    Break {
        file: "tables.yaml",
        old: "children: [fiscal, own, carry]",
        new: "children: [fiscal, own, carried]",
        rule: "E605",
        at: "carried",
        nth_at: 0,
    },
    // An identity naming a missing table, row and column.
    Break {
        file: "checks.yaml",
        old: "[d1.total.in]",
        new: "[d9.total.in]",
        rule: "E603",
        at: "d9",
        nth_at: 0,
    },
    Break {
        file: "checks.yaml",
        old: "[d1.total.out]",
        new: "[d1.totl.out]",
        rule: "E605",
        at: "d1.totl.out",
        nth_at: 0,
    },
    Break {
        file: "checks.yaml",
        old: "[d2.total.total]",
        new: "[d2.total.totl]",
        rule: "E604",
        at: "d2.total.totl",
        nth_at: 0,
    },
    // An agreement naming a missing table.
    Break {
        file: "checks.yaml",
        old: "b: {table: d3,",
        new: "b: {table: d7,",
        rule: "E603",
        at: "d7",
        nth_at: 0,
    },
    // A part that has no template.
    Break {
        file: "profile.yaml",
        old: "parts: [part1, part2]",
        new: "parts: [part1, part3]",
        rule: "E607",
        at: "part3",
        nth_at: 0,
    },
    // A duplicate YAML key.
    Break {
        file: "profile.yaml",
        old: "  cover: false\n",
        new: "  cover: false\n  cover: true\n",
        rule: "E102",
        at: "cover",
        nth_at: 1,
    },
    // A string where a list is.
    Break {
        file: "profile.yaml",
        old: "parts: [part1, part2]",
        new: "parts: part1",
        rule: "E103",
        at: "part1",
        nth_at: 0,
    },
    // A figure's share_of naming a later figure.
    Break {
        file: "narrative.yaml",
        old: "share_of: total\n      compare",
        new: "share_of: spending\n      compare",
        rule: "E611",
        at: "spending",
        nth_at: 0,
    },
    // A figure name used twice.
    Break {
        file: "narrative.yaml",
        old: "- name: self",
        new: "- name: total",
        rule: "E602",
        at: "total\n    by_org_kind",
        nth_at: 0,
    },
    // A comparison key used twice.
    Break {
        file: "narrative.yaml",
        old: "key: three_public",
        new: "key: income.fiscal",
        rule: "E602",
        at: "income.fiscal",
        nth_at: 0,
    },
    // A figure named like a value the templates already have.
    Break {
        file: "narrative.yaml",
        old: "- name: self",
        new: "- name: org",
        rule: "E602",
        at: "org\n    by_org_kind",
        nth_at: 0,
    },
    // A narrative filter naming an unknown source group.
    Break {
        file: "narrative.yaml",
        old: "filter: {sources: [上年结转结余]}",
        new: "filter: {sources: [上年结余]}",
        rule: "E606",
        at: "上年结余",
        nth_at: 0,
    },
    // A zero row (a figure the input does not hold) that also takes lines.
    Break {
        file: "tables.yaml",
        old: "{key: own, label: 二、单位资金收入, filter:",
        new: "{key: own, label: 二、单位资金收入, zero: true, filter:",
        rule: "E610",
        at: "true, filter",
        nth_at: 0,
    },
    // A project-parent level combined with another dimension.
    Break {
        file: "tables.yaml",
        old: "{by: func_item}]",
        new: "{by: func_item+parent}]",
        rule: "E610",
        at: "func_item+parent",
        nth_at: 0,
    },
    // A code of another classification (政府预算经济分类 in 功能分类's prefixes): it would
    // select no line.
    Break {
        file: "tables.yaml",
        old: "filter: {last_year: true}",
        new: "filter: {last_year: true, func_prefixes: [\"501\"]}",
        rule: "E609",
        at: "\"501\"",
        nth_at: 0,
    },
    // A narrative group by project parents (a table's levels, not one group each).
    Break {
        file: "narrative.yaml",
        old: "by: func_class",
        new: "by: parent",
        rule: "E609",
        at: "parent",
        nth_at: 0,
    },
    // A 续表 line with a placeholder other than the table's number.
    Break {
        file: "profile.yaml",
        old: "  number_position: above-left\n",
        new: "  number_position: above-left\n  continued: \"{title}（续）\"\n",
        rule: "E609",
        at: "\"{title}（续）\"",
        nth_at: 0,
    },
    // A strict-mode template variable that does not exist.
    Break {
        file: "templates/part1.hbs",
        old: "总计{{total}}",
        new: "总计{{totl}}",
        rule: "E608",
        at: "{{totl}}",
        nth_at: 0,
    },
];

#[test]
fn broken_bundles_give_their_rule_at_the_place() {
    for b in BREAKS {
        let tmp = edited(b.file, |s| {
            assert!(s.contains(b.old), "{} has no {:?}", b.file, b.old);
            s.replacen(b.old, b.new, 1)
        });
        let dir = tmp.path().join("b");
        let text = std::fs::read_to_string(dir.join(b.file)).unwrap();
        let at = format!("{}:{}", b.file, place(&text, b.at, b.nth_at));
        assert_broken(&dir, b.rule, &at);
    }
}

#[test]
fn a_bundle_without_tables_yaml_names_the_missing_file() {
    let tmp = edited("tables.yaml", |_| String::new());
    let dir = tmp.path().join("b");
    std::fs::remove_file(dir.join("tables.yaml")).unwrap();
    assert_broken(&dir, "E601", "tables.yaml");
}

#[test]
fn an_exported_builtin_renders_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let exported = tmp.path().join("导出");
    let o = gongkai(&["profile", "export", gongkai_model::DEFAULT_PROFILE, exported.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let o = gongkai(&["profile", "check", exported.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let example = root().join("examples/changji-epmc-2025.yaml");
    let builtin = render(&example, &[], &tmp.path().join("a"));
    let from_dir = render(&example, &["--profile", exported.to_str().unwrap()], &tmp.path().join("b"));
    for ((ext, a), (_, b)) in builtin.iter().zip(&from_dir) {
        assert!(a == b, "{ext} differs between the built-in and its export");
    }
}

/// The total of a document's first table with figures (its 收支总表; a register of the
/// tables before it has none), exact, in 万元.
fn first_total(analysis: &gongkai_model::Analysis) -> Decimal {
    let figures = |t: &&gongkai_model::table::Table| t.columns.iter().any(|c| c.id.is_some());
    let table = analysis.tables.iter().find(figures).expect("a profile has tables with figures");
    let col = table.columns.iter().position(|c| c.id.is_some()).expect("an amount column");
    let row = table.row("total").expect("a total row");
    row.cells[col].amount()
}

/// Issue 12's portability promise: any valid input renders under any built-in profile.
/// The example and 20 synthetic departments made for each profile hold every identity
/// of that profile (no error at all), their 收支总表 total is their lines' total under
/// every profile, and all of them render in all three formats.
#[test]
fn every_builtin_profile_takes_the_example_and_twenty_synthetic_departments() {
    let example = parse(&root().join("examples/changji-epmc-2025.yaml"));
    let lines = line_total(&example) / Decimal::from(10_000);
    let tmp = tempfile::tempdir().unwrap();
    for id in gongkai_profile::builtin_ids() {
        let profile = gongkai_profile::builtin(id).unwrap();
        // A profile that compares other figures with last year asks for them, at their
        // place in last_year, and one whose narrative prints other 项目说明 fields asks
        // for those, at their place in projects; nothing else. Given them, the example
        // renders.
        let asked = gongkai_model::analyse(&example, &profile);
        for d in asked.diagnostics.iter().filter(|d| d.is_error()) {
            let at = |prefix: &str| d.path.as_ref().is_some_and(|p| p.to_string().starts_with(prefix));
            let asks = ((d.rule == "E405" || d.rule == "E404") && at("last_year"))
                || (d.rule == "E411" && at("projects"));
            assert!(asks, "{id}: the example: {d:#?}");
        }
        let completed = gongkai_synth::complete_for(&example, &profile, 1);
        let analysis = gongkai_model::analyse(&completed, &profile);
        let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{id}: the example: {errors:#?}");
        assert_eq!(first_total(&analysis), lines, "{id}: the example's 收支总表 total");
        let input = tmp.path().join(format!("{id}-example.yaml"));
        std::fs::write(&input, gongkai_synth::yaml(&completed)).unwrap();
        render(&input, &["--profile", id], &tmp.path().join(id));

        let inputs = tmp.path().join(format!("{id}-in"));
        std::fs::create_dir_all(&inputs).unwrap();
        for seed in 1..=20 {
            let budget = gongkai_synth::department(seed, &profile);
            let analysis = gongkai_model::analyse(&budget, &profile);
            let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.is_error()).collect();
            assert!(errors.is_empty(), "{id}: seed {seed}: {errors:#?}");
            assert_eq!(
                first_total(&analysis),
                line_total(&budget) / Decimal::from(10_000),
                "{id}: seed {seed}"
            );
            std::fs::write(inputs.join(format!("s{seed:02}.yaml")), gongkai_synth::yaml(&budget)).unwrap();
        }
        let out = tmp.path().join(format!("{id}-out"));
        let o = gongkai(&["batch", inputs.to_str().unwrap(), "-o", out.to_str().unwrap(), "--profile", id]);
        assert_eq!(o.status.code(), Some(0), "{id}: {}", stderr_text(&o));
        let written = files(&out)
            .into_iter()
            .filter(|p| p.is_dir() && !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .count();
        assert_eq!(written, 20, "{id}: one folder per department");
    }
}

/// A bundle whose tables do not add up to each other is refused by `profile check`: its
/// sample departments fail the identities (here 公开01表 prints only 一般公共预算结转 of the
/// 上年结转结余 its other tables count, so its two sides differ).
#[test]
fn profile_check_reports_identities_its_sample_departments_fail() {
    let tmp = edited("tables.yaml", |t| {
        t.replace(
            "三、上年结转结余, filter: {sources: [上年结转结余]}",
            "三、上年结转结余, filter: {sources: [一般公共预算结转]}",
        )
    });
    let o = gongkai(&["profile", "check", tmp.path().join("b").to_str().unwrap()]);
    let out = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("错误[E503]") && out.contains("合成样例部门"), "{out}");
    assert!(out.contains("checks.yaml"), "{out}");
}

/// A line of a fund source no table of the profile prints is refused at its place: its
/// money would be in the totals without a row or column of its own (a 中央部门's tables
/// have no 上级转移支付).
#[test]
fn a_source_the_profile_does_not_print_is_an_error_at_its_line() {
    let text = example_text();
    let mut tried = 0;
    for id in gongkai_profile::builtin_ids() {
        let placed = gongkai_profile::builtin(id).unwrap().placed_sources();
        let Some(unplaced) = gongkai_model::source::Source::ALL.iter().find(|s| !placed.contains(s)) else {
            continue;
        };
        tried += 1;
        let edited = text.replacen("source: 一般公共预算", &format!("source: {}", unplaced.label()), 1);
        assert_ne!(edited, text);
        let tmp = tempfile::tempdir().unwrap();
        let input = tmp.path().join("in.yaml");
        std::fs::write(&input, &edited).unwrap();
        let o = gongkai(&["validate", input.to_str().unwrap(), "--profile", id]);
        let err = printed(&o);
        assert_eq!(o.status.code(), Some(1), "{id}: {err}");
        let at = place(&edited, &format!("source: {}", unplaced.label()), 0);
        let (line, column) = at.split_once(':').unwrap();
        let column: usize = column.parse().unwrap();
        assert!(err.contains(&format!("in.yaml:{line}:{}: 错误[E423]", column + 8)), "{id}: {err}");
    }
    assert!(tried > 0, "some built-in profile prints only some sources");
}

/// A project list prints each project's attributes from the input's 项目说明 (项目类型,
/// 一级项目, 实施单位); a project without a 实施单位 of its own prints the units of its
/// lines, and one without a text prints its name and amount with empty attributes.
#[test]
fn a_project_list_prints_each_projects_attributes() {
    let dir = edited("tables.yaml", |t| {
        format!(
            "{t}- id: d4\n  number: 公开04表\n  title: \"{{org}}{{year}}年项目支出表\"\n  scope: {{kinds: [项目]}}\n  rows:\n    tree:\n      total: {{label: 合计}}\n      levels: [{{by: project}}]\n  header:\n    - {{label: 项目名称, name: \"{{name}}\"}}\n    - {{label: 项目类型, project_attr: kind}}\n    - {{label: 一级项目, project_attr: 一级项目}}\n    - {{label: 实施单位, project_attr: 实施单位}}\n    - {{label: 预算数, amount: total}}\n"
        )
    });
    let profile =
        gongkai_profile::read(&bundle(&dir.path().join("b")), "b").unwrap_or_else(|d| panic!("{d:#?}"));
    let mut budget = parse(&root().join(INPUT));
    let text = |name: &str, kind: &str, parent: &str, implementer: &str| gongkai_model::input::ProjectText {
        name: name.into(),
        kind: kind.into(),
        parent: parent.into(),
        implementer: implementer.into(),
        basis: "依据规划编制办法。".into(),
        allocation: "用于编制规划。".into(),
        period: "2025年全年。".into(),
        ..Default::default()
    };
    budget.projects = vec![
        text("国土空间总体规划编制", "特定目标类", "国土空间规划", "规划科"),
        text("测绘仪器更新", "其他运转类", "", ""),
    ];
    let last = parse(&root().join("tests/fixtures/demo-3/2024.yaml"));
    let last = gongkai_model::analyse_last_year(&last, &profile).facts.unwrap();
    let last = gongkai_model::LastYearInput::Read(Box::new(last));
    let analysis = gongkai_model::analyse_with_last_year(&budget, &profile, Some(last));
    let errors: Vec<_> = analysis.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let d4 = analysis.tables.iter().find(|t| t.id == "d4").unwrap();
    let rows: Vec<Vec<String>> = gongkai_model::text::printed_rows(d4);
    let find = |name: &str| rows.iter().find(|r| r[0] == name).unwrap_or_else(|| panic!("{name}: {rows:?}"));
    assert_eq!(find("国土空间总体规划编制")[1..4], ["特定目标类", "国土空间规划", "规划科"]);
    // No 实施单位 typed: the unit of its lines.
    assert_eq!(find("测绘仪器更新")[1..4], ["其他运转类", "", "示范市测绘院"]);
    // No text at all (a carried-over project): attributes empty but the unit.
    assert_eq!(find("不动产登记数据整合")[1..4], ["", "", "示范市自然资源局"]);
    // A misspelt attribute is the bundle's error at its place.
    let broken = edited("tables.yaml", |t| {
        format!(
            "{t}- id: d4\n  title: 项目\n  rows: {{tree: {{levels: [{{by: project}}]}}}}\n  header:\n    - {{label: 类型, project_attr: 类别}}\n    - {{label: 预算数, amount: total}}\n"
        )
    });
    let text = std::fs::read_to_string(broken.path().join("b/tables.yaml")).unwrap();
    let at = place(&text, "类别}", 0);
    let o = gongkai(&["profile", "check", broken.path().join("b").to_str().unwrap()]);
    let err = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("tables.yaml:{at}: 错误[E609]")), "{at} not in:\n{err}");
}

/// One unit's document compares the unit with itself: with `last_year.input`, last year's
/// figures are that unit's lines in last year's input (示范市测绘院: 322,000.00 元 in 2024, where the department had 2,051,000.00),
/// never last year's whole department; a unit last year's input lacks is E422, not a
/// silent zero.
#[test]
fn a_units_document_compares_the_unit_with_its_own_last_year() {
    let dir = edited("profile.yaml", |t| {
        format!("{t}kinds:\n  department: {{words: {{}}}}\n  unit: {{words: {{}}}}\n")
    });
    let bundle = dir.path().join("b");
    let o = gongkai(&["tables", INPUT, "--profile", bundle.to_str().unwrap(), "--unit", "ch"]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(0), "{}\n{text}", stderr_text(&o));
    // 公开02表's 合计 row: 本年预算数, 上年预算数, 增减额, 增减（%）.
    let d2 = &text[text.find("公开02表").expect("公开02表 printed")..];
    let total = d2.lines().find(|l| l.contains("合计")).expect("a 合计 row");
    assert!(total.contains("322,000.00"), "last year's figure of the unit alone (322,000.00 元): {total}");
    // A unit that last year's input lacks.
    let tmp = tempfile::tempdir().unwrap();
    let this = std::fs::read_to_string(root().join(INPUT)).unwrap();
    let last = std::fs::read_to_string(root().join("tests/fixtures/demo-3/2024.yaml")).unwrap();
    let profile_line = format!("profile: {}", bundle.display());
    let fix = |t: &str| t.replace("profile: ../profiles/demo-3", &profile_line);
    std::fs::write(tmp.path().join("2025.yaml"), fix(&this)).unwrap();
    std::fs::write(
        tmp.path().join("2024.yaml"),
        fix(&last).replace("id: ch", "id: cx").replace("unit: ch", "unit: cx"),
    )
    .unwrap();
    let input = tmp.path().join("2025.yaml");
    let o = gongkai(&["tables", input.to_str().unwrap(), "--unit", "ch"]);
    let err = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("E422") && err.contains("没有单位“ch”"), "{err}");
}

/// A 收支 table whose header has fewer right-hand label columns than its right side and
/// panes need is E610 at its panes (shaanxi's 表1 with its last pane's label column made an
/// amount column).
#[test]
fn a_balance_table_needs_a_label_column_per_pane() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("b");
    let o = gongkai(&["profile", "export", "shaanxi", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr_text(&o));
    let path = dir.join("tables.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let label = "- {label: 政府预算支出经济分类科目（按大类）, right_label: \"{name}\"}";
    assert!(text.contains(label), "shaanxi's 表1 header changed");
    std::fs::write(
        &path,
        text.replacen(label, "- {label: 政府预算支出经济分类科目（按大类）, amount: gov2}", 1),
    )
    .unwrap();
    let o = gongkai(&["profile", "check", dir.to_str().unwrap()]);
    let err = printed(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("错误[E610]") && err.contains("右栏名称列"), "{err}");
}
