//! Helpers shared by the integration tests.

use std::path::PathBuf;
use std::process::{Command, Output};

use gongkai_model::diag::{Diagnostic, combine, locate_all, sort_by_place};
use gongkai_model::table::{ColumnKind, Table};
use gongkai_model::text::printed_rows;
use gongkai_model::{Analysis, DEFAULT_PROFILE};
use rust_decimal::Decimal;

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled example's text.
pub(crate) fn example_text() -> String {
    std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml")).unwrap()
}

/// Parses and analyses YAML text as the CLI does: the reader's findings and the checks'
/// in one list, located as `t.yaml:line:col` and sorted by place. `Err` only when the
/// text cannot be read at all.
pub(crate) fn analyse(text: &str) -> Result<Analysis, Vec<Diagnostic>> {
    let parsed = gongkai_yaml::parse(text.as_bytes(), "t.yaml")?;
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    let mut analysis = gongkai_model::analyse(&parsed.value, &profile);
    analysis.diagnostics = combine(parsed.diagnostics, analysis.diagnostics, &parsed.repaired);
    locate_all(&mut analysis.diagnostics, &parsed.source_map);
    sort_by_place(&mut analysis.diagnostics);
    Ok(analysis)
}

/// Runs the `gongkai` binary.
pub(crate) fn gongkai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).args(args).current_dir(root()).output().unwrap()
}

/// Text without the spaces PDF extraction puts between Chinese and Latin characters.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A minimal valid budget with the given `lines:` block (already indented by two).
pub(crate) fn minimal(lines: &str) -> String {
    format!(
        "department:
  name: 测试局
  year: 2025
  published: 2025-02-14
  kind: 行政单位
  functions: 测试。
  staffing: {{establishment: 1, in_service: {{count: 1}}}}
lines:
{lines}"
    )
}

/// Runs the `gongkai` binary in `dir` with extra environment variables. A run that does
/// not end within a minute is a hang: it is killed and the test fails.
pub(crate) fn run_in(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    use std::io::Read as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("gongkai {args:?} hung (killed after 60 s)");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Output { status, stdout: out_reader.join().unwrap(), stderr: err_reader.join().unwrap() }
}

/// Text of a process's stderr.
pub(crate) fn stderr_text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Makes a named pipe (FIFO) at `path`.
#[cfg(unix)]
pub(crate) fn mkfifo(path: &std::path::Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

/// Every number of a text (with its `%`), without thousands separators or spaces.
pub(crate) fn numbers_of(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ',' || chars[i] == '.') {
            i += 1;
        }
        let mut token: String = chars[start..i].iter().filter(|c| **c != ',').collect();
        token = token.trim_end_matches('.').to_owned();
        if i < chars.len() && chars[i] == '%' {
            token.push('%');
        }
        out.push(token);
    }
    out
}

/// The figures a narrative states: the numbers of a text with a decimal point (and
/// their `%`).
pub(crate) fn figures_of(text: &str) -> Vec<String> {
    numbers_of(text).into_iter().filter(|t| t.contains('.')).collect()
}

/// The document `gongkai render --format json` makes of `input`, parsed.
pub(crate) fn rendered_json(input: &std::path::Path) -> serde_json::Value {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = gongkai(&["render", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stem = input.file_stem().unwrap().to_string_lossy();
    serde_json::from_str(&std::fs::read_to_string(out.join(format!("{stem}.json"))).unwrap()).unwrap()
}

/// The text of a rendered document (`--format json`) without its tables: its narrative.
pub(crate) fn narrative_of(doc: &serde_json::Value) -> String {
    fn collect(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => out.push_str(s),
            serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    let mut out = String::new();
    for block in doc["blocks"].as_array().into_iter().flatten().filter(|b| b["type"] != "table") {
        collect(block, &mut out);
    }
    out
}

/// One transcribed table of a reference (the transcribe tools' `tables.txt` format): its
/// number, title, printed leaf labels, empty-table sentence, the sentences under it,
/// which columns print percentages, and its rows (source line, texts, cells as printed;
/// `None` is a blank cell).
#[derive(Default)]
pub(crate) struct Printed {
    pub(crate) number: String,
    pub(crate) title: String,
    pub(crate) header: Vec<String>,
    pub(crate) empty: Option<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) percent: Vec<bool>,
    pub(crate) rows: Vec<(usize, Vec<String>, Vec<Option<String>>)>,
}

/// The transcribed tables of `dir`'s fixture `name`, by table id.
pub(crate) fn transcribed(dir: &str, name: &str) -> std::collections::BTreeMap<String, Printed> {
    let text = std::fs::read_to_string(root().join(dir).join(name)).unwrap();
    let mut tables: std::collections::BTreeMap<String, Printed> = std::collections::BTreeMap::new();
    let mut key = String::new();
    let split = |v: &str| v.split('|').map(|s| s.trim().to_owned()).collect::<Vec<_>>();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix('@') {
            let (k, v) = rest.split_once(' ').unwrap_or((rest, ""));
            if k == "table" {
                key = v.to_owned();
            }
            let t = tables.entry(key.clone()).or_default();
            match k {
                "no" => t.number = v.to_owned(),
                "title" => t.title = v.to_owned(),
                "header" => t.header = split(v),
                "empty" => t.empty = Some(v.to_owned()),
                "note" => t.notes.push(v.to_owned()),
                "columns" => t.percent = split(v).iter().map(|c| c.ends_with('%')).collect(),
                _ => {}
            }
            continue;
        }
        let (head, cells) = line.split_once("::").expect("a row has ::");
        let (no, labels) = head.trim().split_once(' ').unwrap_or((head.trim(), ""));
        let no: usize = no.trim_start_matches('L').parse().unwrap();
        // `[2040601]` is the full code the checks use; the row prints its parts.
        let labels = labels.trim();
        let labels = match labels.strip_prefix('[') {
            Some(rest) => rest.split_once(']').map_or(rest, |(_, l)| l).trim(),
            None => labels,
        };
        let labels = if labels.is_empty() { Vec::new() } else { split(labels) };
        let cells = cells.split_whitespace().map(|c| (c != "-").then(|| c.to_owned())).collect();
        tables.get_mut(&key).unwrap().rows.push((no, labels, cells));
    }
    tables
}

/// The rows a derived table prints that carry something: padding rows are not
/// transcribed.
pub(crate) fn content_rows(table: &Table) -> Vec<Vec<String>> {
    printed_rows(table).into_iter().filter(|r| r.iter().any(|c| !c.is_empty())).collect()
}

/// Compares every transcribed table of `fixture` with the one the analysis prints: its
/// number and title (asserted), header leaves, empty-table sentence, notes and every row
/// ([`compare_rows`]). A table on `not_yet` (id, reason) may be missing or differ, and must
/// still differ. Returns the rows compared and each difference found.
pub(crate) fn compare_tables(
    analysis: &Analysis,
    fixture: &std::collections::BTreeMap<String, Printed>,
    not_yet: &[(&str, &str)],
) -> (usize, Vec<String>) {
    let mut compared = 0;
    let mut failures = Vec::new();
    for (id, want) in fixture {
        let not_yet = not_yet.iter().find(|(t, _)| t == id);
        let Some(table) = analysis.tables.iter().find(|t| &t.id == id) else {
            assert!(not_yet.is_some(), "{}: not printed", want.number);
            continue;
        };
        assert_eq!(squash(&table.number), squash(&want.number), "{id}");
        assert_eq!(table.title, want.title, "{id}");
        let leaves: Vec<String> = table.columns.iter().map(|c| squash(&c.label)).collect();
        let want_leaves: Vec<String> = want.header.iter().map(|h| squash(h)).collect();
        let rows = compare_rows(table, want);
        if let Some((_, why)) = not_yet {
            assert!(
                leaves != want_leaves || rows.is_err(),
                "{} is printed now ({why}): take it off NOT_YET",
                want.number
            );
            continue;
        }
        if leaves != want_leaves {
            failures.push(format!("{} header {leaves:?}, printed {want_leaves:?}", table.number));
        }
        if table.empty_note != want.empty {
            failures.push(format!("{}: empty-table sentence {:?}", table.number, table.empty_note));
        }
        if table.notes != want.notes {
            failures.push(format!("{}: notes {:?}", table.number, table.notes));
        }
        match rows {
            Ok(n) => compared += n,
            Err(e) => failures.push(format!("{}: {e}", table.number)),
        }
    }
    (compared, failures)
}

/// Whether a derived table prints exactly the transcribed rows; the first difference.
pub(crate) fn compare_rows(table: &Table, want: &Printed) -> Result<usize, String> {
    let got = content_rows(table);
    let is_amount: Vec<bool> = table.columns.iter().map(|c| c.kind == ColumnKind::Amount).collect();
    for (i, (line, labels, cells)) in want.rows.iter().enumerate() {
        let Some(g) = got.get(i) else { return Err(format!("source line {line}: no row {i}")) };
        // Texts in order (a total's label may stand in the code or the name column),
        // figures column by column.
        let got_labels: Vec<String> =
            g.iter().zip(&is_amount).filter(|(c, a)| !**a && !c.is_empty()).map(|(c, _)| squash(c)).collect();
        let want_labels: Vec<String> = labels.iter().filter(|l| !l.is_empty()).map(|l| squash(l)).collect();
        if got_labels != want_labels {
            return Err(format!("source line {line}: texts {got_labels:?}, printed {want_labels:?}"));
        }
        let got_figures: Vec<&String> =
            g.iter().zip(&is_amount).filter(|(_, a)| **a).map(|(c, _)| c).collect();
        let want_figures: Vec<String> = cells
            .iter()
            .map(|c| {
                c.as_deref()
                    .map(|c| {
                        gongkai_model::money::fixed(
                            c.parse::<Decimal>().unwrap(),
                            table.format.decimals,
                            true,
                        )
                    })
                    .unwrap_or_default()
            })
            .collect();
        if got_figures != want_figures.iter().collect::<Vec<_>>() {
            return Err(format!("source line {line}: figures {got_figures:?}, printed {want_figures:?}"));
        }
    }
    if got.len() != want.rows.len() {
        return Err(format!("{} rows, printed {}", got.len(), want.rows.len()));
    }
    Ok(want.rows.len())
}

/// A built-in profile by its id, or a bundle by its folder (relative to the workspace root).
pub(crate) fn profile_by(spec: &str) -> gongkai_model::profile::Profile {
    let dir = root().join(spec);
    if dir.is_dir() {
        gongkai_profile::read(&crate::profiles::bundle(&dir), spec).unwrap_or_else(|d| panic!("{d:#?}"))
    } else {
        gongkai_profile::builtin(spec).unwrap_or_else(|| panic!("no built-in profile {spec}"))
    }
}

/// The input `dir/input` analysed with profile `spec` ([`profile_by`]), without an error.
pub(crate) fn analysed(spec: &str, dir: &str, input: &str) -> Analysis {
    let profile = profile_by(spec);
    let text = std::fs::read_to_string(root().join(dir).join(input)).unwrap();
    let parsed = gongkai_yaml::parse(text.as_bytes(), input).map_err(|d| format!("{d:?}")).unwrap();
    let analysis = gongkai_model::analyse(&parsed.value, &profile);
    assert!(!analysis.has_errors(), "{:#?}", analysis.diagnostics);
    analysis
}

/// `gongkai profile check ID` passes and `render INPUT` (which names its profile) writes the
/// xlsx, PDF and HTML; returns the folder they are in.
pub(crate) fn checks_and_renders(id: &str, input: &std::path::Path) -> tempfile::TempDir {
    let out = gongkai(&["profile", "check", id]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let out = gongkai(&["render", input.to_str().unwrap(), "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for ext in ["xlsx", "pdf", "html"] {
        assert!(names.iter().any(|n| n.ends_with(ext)), "no .{ext} among {names:?}");
    }
    dir
}

/// The example renders under profile `id` (findings are allowed, a crash is not), and its
/// 收支总表 (the profile's `t1`) prints the same total as xinjiang-11's 表1, in 万元 to the
/// cent.
pub(crate) fn assert_example_total_under(id: &str) {
    let example = root().join("examples/changji-epmc-2025.yaml");
    let dir = tempfile::tempdir().unwrap();
    let out =
        gongkai(&["render", example.to_str().unwrap(), "--profile", id, "-o", dir.path().to_str().unwrap()]);
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&example).unwrap();
    let input = gongkai_yaml::parse(text.as_bytes(), "example").map_err(|d| format!("{d:?}")).unwrap();
    let total = |id: &str| -> rust_decimal::Decimal {
        let profile = profile_by(id);
        let analysis = gongkai_model::analyse(&input.value, &profile);
        let t = analysis.tables.iter().find(|t| t.id == "t1").unwrap();
        let row = t.rows.iter().position(|r| r.kind == gongkai_model::table::RowKind::Total).unwrap();
        let col = t.columns.iter().position(|c| c.kind == gongkai_model::table::ColumnKind::Amount).unwrap();
        gongkai_model::text::printed_rows(t)[row][col].replace(',', "").parse().unwrap()
    };
    // A profile printing more decimals (beijing's six) states the same 万元 to the cent.
    assert_eq!(total(id).round_dp(2), total("xinjiang-11"), "{id}: the example's 收支总表 total");
}

/// The errors `budget` gets under `profile`: (rule, input path, message).
pub(crate) fn errors_of(
    budget: &gongkai_model::input::Budget,
    profile: &gongkai_model::profile::Profile,
) -> Vec<(String, String, String)> {
    let analysis = gongkai_model::analyse(budget, profile);
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error());
    errors
        .map(|d| {
            (d.rule.clone(), d.path.as_ref().map(ToString::to_string).unwrap_or_default(), d.message.clone())
        })
        .collect()
}

/// A rendered form: its title and its rows' texts (empty cells left out).
pub(crate) fn forms_of(doc: &serde_json::Value) -> Vec<(String, Vec<Vec<String>>)> {
    doc["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "form")
        .map(|b| {
            let rows = b["table"]["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    r["cells"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter_map(|c| c["v"].as_str().map(str::to_owned))
                        .collect::<Vec<_>>()
                })
                .collect();
            (b["title"].as_str().unwrap().to_owned(), rows)
        })
        .collect()
}

/// Whether `cell` is printed in `text` wrapped over several lines: its characters in order,
/// within a stretch a few times its length (the neighbouring cells' pieces between them).
pub(crate) fn wrapped_in(text: &str, cell: &str) -> bool {
    let text: Vec<char> = text.chars().collect();
    let cell: Vec<char> = cell.chars().collect();
    let Some(&first) = cell.first() else { return true };
    (0..text.len()).filter(|&i| text[i] == first).any(|start| {
        let mut k = 0;
        for (i, c) in text[start..].iter().enumerate() {
            if i > cell.len() * 6 {
                return false;
            }
            if *c == cell[k] {
                k += 1;
                if k == cell.len() {
                    return true;
                }
            }
        }
        false
    })
}

/// Whether a figure a reference states is among `figures` (the narrative's), by value:
/// references trim trailing zeros (339.5, 2,342, 92.7%), and a percentage matches only a
/// percentage.
pub(crate) fn printed_by_value(figures: &[String]) -> impl Fn(&str) -> bool + use<> {
    let value = |f: &str| (f.ends_with('%'), f.trim_end_matches('%').parse::<Decimal>().unwrap_or_default());
    let printed: Vec<(bool, Decimal)> = figures.iter().map(|f| value(f)).collect();
    move |f| printed.contains(&value(f))
}

/// `gongkai check` reads back the PDF and the workbook that `render` writes of `dir/input`
/// under profile `id`: every one of its `tables` found, every row read, no warning.
pub(crate) fn assert_check_reads_back(id: &str, dir: &str, input: &str, tables: usize) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let path = root().join(dir).join(input);
    let o = gongkai(&["render", path.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "pdf,xlsx"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stem = input.trim_end_matches(".yaml");
    for ext in ["pdf", "xlsx"] {
        let file = out.join(format!("{stem}.{ext}"));
        let o = gongkai(&["check", file.to_str().unwrap(), "--profile", id]);
        let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        assert!(o.status.success(), "{ext}: {text}");
        assert!(text.contains(&format!("找到 {tables}/{tables} 张表")), "{ext}: {text}");
        assert!(text.contains("核对通过（0 个警告"), "{ext}: {text}");
    }
}
