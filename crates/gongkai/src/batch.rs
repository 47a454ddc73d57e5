//! `gongkai batch`: many departments, in parallel, regenerated only when something changed.
//!
//! Inputs are analysed in parallel; output folder names are then fixed in input order (so
//! two departments of the same name cannot take each other's folder); departments are
//! rendered in parallel and their files written atomically. A manifest in the output
//! directory records, per input, a hash of its bytes and of every option that changes the
//! output: an unchanged department is skipped, its files keep their bytes and mtimes.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};
use gongkai_model::diag::{Diagnostic, Severity};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::args::BatchArgs;
use crate::load;
use crate::pipeline::{Pipeline, hex};
use crate::{Outcome, write};

const MANIFEST: &str = ".gongkai-manifest.json";

/// What the previous run produced, by input path.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    hash: String,
    #[serde(default)]
    name: String,
    folder: String,
    files: Vec<String>,
}

/// How one department went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    /// Files written.
    Generated,
    /// Input and options unchanged since the last run; files kept.
    Unchanged,
    /// Errors in the input (or a backend failed); nothing written.
    Failed,
}

impl Status {
    fn label(self) -> &'static str {
        match self {
            Status::Generated => "已生成",
            Status::Unchanged => "未变化",
            Status::Failed => "失败",
        }
    }
}

#[derive(Debug, Serialize)]
struct Report {
    input: String,
    name: Option<String>,
    folder: Option<String>,
    status: Status,
    errors: usize,
    warnings: usize,
    files: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    diagnostics: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

#[derive(Debug, Serialize)]
struct Summary<'a> {
    tool: &'static str,
    version: &'static str,
    total: usize,
    generated: usize,
    unchanged: usize,
    failed: usize,
    /// Milliseconds spent in each backend, summed over the departments generated.
    render_ms: BTreeMap<&'static str, f64>,
    departments: &'a [Report],
}

/// A name safe as a folder and file name on every system: no separators, no traversal,
/// no characters Windows rejects, not too long.
pub(crate) fn safe_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let trimmed: String = cleaned.trim().trim_matches('.').trim().chars().take(80).collect();
    let reserved = ["CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "LPT1", "LPT2", "LPT3"];
    if trimmed.is_empty() {
        "部门".to_owned()
    } else if reserved.contains(&trimmed.to_ascii_uppercase().as_str()) {
        format!("_{trimmed}")
    } else {
        trimmed
    }
}

/// Input files: the files named, and the input files found under the directories named.
fn collect(inputs: &[PathBuf], output: &Path) -> Result<Vec<PathBuf>> {
    let exts = load::extensions();
    let is_input = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()))
    };
    let mut found = BTreeSet::new();
    fn walk(
        dir: &Path,
        output: &Path,
        is_input: &dyn Fn(&Path) -> bool,
        found: &mut BTreeSet<PathBuf>,
    ) -> Result<()> {
        let entries = std::fs::read_dir(dir).with_context(|| format!("无法读取目录 {}", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            // Hidden files, and the `~$name.xlsx` lock files Excel and WPS keep beside an
            // open workbook, are not departments.
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
            if hidden || path == output {
                continue;
            }
            if path.is_dir() {
                walk(&path, output, is_input, found)?;
            } else if is_input(&path) {
                found.insert(path);
            }
        }
        Ok(())
    }
    for input in inputs {
        if input.is_dir() {
            walk(input, output, &is_input, &mut found)?;
        } else if is_input(input) {
            found.insert(input.clone());
        } else if !input.exists() {
            bail!("找不到输入 {}", input.display());
        } else {
            bail!("无法识别的输入文件类型“{}”（支持：{}）", input.display(), exts.join("、"));
        }
    }
    Ok(found.into_iter().collect())
}

/// `K/N` → (K, N) with 1 ≤ K ≤ N.
fn parse_shard(text: &str) -> Result<(u64, u64)> {
    let parsed =
        text.split_once('/').and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)));
    match parsed {
        Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Ok((k, n)),
        _ => bail!("--shard 应写成 K/N（1 ≤ K ≤ N），如 2/8；收到“{text}”"),
    }
}

/// The shard an input belongs to: from a hash of its path, so that adding or removing
/// other inputs never moves it.
fn shard_of(path: &Path, n: u64) -> u64 {
    let digest = Sha256::digest(path.to_string_lossy().as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % n
}

/// Removes temporary files a killed run may have left (`.name.pid.tmp`).
fn sweep_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if path.is_dir() {
            sweep_temporaries(&path);
        } else if name.starts_with('.') && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Progress: a bar on a terminal, one line per department otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    total: usize,
    done: Mutex<usize>,
}

impl Progress {
    fn new(total: usize) -> Self {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = indicatif::ProgressBar::new(total as u64);
            let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Progress { bar, total, done: Mutex::new(0) }
    }

    fn tick(&self, report: &Report) {
        let name = report.name.as_deref().unwrap_or(&report.input);
        match &self.bar {
            Some(bar) => {
                bar.set_message(name.to_owned());
                bar.inc(1);
            }
            None => {
                let mut done = self.done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                *done += 1;
                #[allow(clippy::print_stderr)]
                {
                    eprintln!("[{}/{}] {} {name}", *done, self.total, report.status.label());
                }
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// An input as phase 1 leaves it: its bytes, their hash, and the department's name. The
/// full analysis waits for phase 2, one department at a time, so that memory stays
/// bounded by the departments in flight rather than by the whole run.
struct Input {
    input: String,
    path: PathBuf,
    bytes: Result<Vec<u8>, String>,
    hash: String,
    name: Option<String>,
}

pub(crate) fn batch(args: &BatchArgs) -> Result<Outcome> {
    let pipeline = Pipeline::new(&args.format, args.templates.as_deref(), &args.pdf, &args.profile)?;
    let profile = load::profile(&args.profile)?;
    let mut inputs = collect(&args.inputs, &args.output)?;
    if let Some(shard) = &args.shard {
        let (k, n) = parse_shard(shard)?;
        inputs.retain(|p| shard_of(p, n) == k - 1);
    }
    let jobs =
        args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().context("无法创建线程池")?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("无法创建目录 {}", args.output.display()))?;
    sweep_temporaries(&args.output);
    let manifest_path = args.output.join(MANIFEST);
    let old: Manifest =
        std::fs::read(&manifest_path).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default();
    let started = Instant::now();
    let progress = Progress::new(inputs.len());

    // Phase 1: read and hash every input, and find its department's name: from the
    // manifest when the input is unchanged, else by parsing it.
    let read: Vec<Input> = pool.install(|| {
        inputs
            .par_iter()
            .map(|path| {
                let input = path.display().to_string();
                match std::fs::read(path) {
                    Ok(bytes) => {
                        let hash = hex(&Sha256::new()
                            .chain_update(&bytes)
                            .chain_update(pipeline.fingerprint())
                            .finalize());
                        let known = old.entries.get(&input).filter(|e| e.hash == hash && !e.name.is_empty());
                        let name = match known {
                            Some(e) => Some(e.name.clone()),
                            None => load::department_name(path, &bytes),
                        };
                        Input { input, path: path.clone(), bytes: Ok(bytes), hash, name }
                    }
                    Err(e) => Input {
                        input,
                        path: path.clone(),
                        bytes: Err(format!("无法读取：{e}")),
                        hash: String::new(),
                        name: None,
                    },
                }
            })
            .collect()
    });

    // Folder names, in input order: a name taken twice gets a suffix from its input path.
    let mut taken: BTreeMap<String, String> = old
        .entries
        .iter()
        .filter(|(input, _)| !read.iter().any(|a| &a.input == *input))
        .map(|(input, e)| (e.folder.clone(), input.clone()))
        .collect();
    let mut folders = Vec::with_capacity(read.len());
    for a in &read {
        let folder = a.name.as_deref().map(|name| {
            let base = safe_name(name);
            let folder = if taken.contains_key(&base) {
                format!("{base}-{}", &hex(&Sha256::digest(a.input.as_bytes()))[..8])
            } else {
                base
            };
            taken.insert(folder.clone(), a.input.clone());
            folder
        });
        folders.push(folder);
    }

    // Phase 2: render and write, or skip.
    let render_ms: Mutex<BTreeMap<&'static str, f64>> = Mutex::new(BTreeMap::new());
    let reports: Vec<Report> = pool.install(|| {
        read.par_iter()
            .zip(&folders)
            .map(|(a, folder)| {
                let report = department(a, folder.as_deref(), &old, args, &pipeline, &profile, &render_ms);
                progress.tick(&report);
                report
            })
            .collect()
    });
    progress.finish();

    // The manifest keeps entries of inputs not in this run (other shards, other calls).
    // Files this run's inputs had before; those no entry lists any more are removed once
    // every department is done (a renamed department's folder may now be another's).
    let previous: BTreeSet<String> =
        read.iter().filter_map(|a| old.entries.get(&a.input)).flat_map(|e| e.files.iter().cloned()).collect();
    let mut manifest = old;
    for (a, r) in read.iter().zip(&reports) {
        match (&r.folder, r.status) {
            // A failed department keeps its entry and its last good files.
            (_, Status::Failed) => {}
            (Some(folder), Status::Generated | Status::Unchanged) => {
                manifest.entries.insert(
                    a.input.clone(),
                    Entry {
                        hash: a.hash.clone(),
                        name: r.name.clone().unwrap_or_default(),
                        folder: folder.clone(),
                        files: r.files.clone(),
                    },
                );
            }
            (None, _) => {
                manifest.entries.remove(&a.input);
            }
        }
    }
    let listed: BTreeSet<&String> = manifest.entries.values().flat_map(|e| e.files.iter()).collect();
    for stale in previous.iter().filter(|f| !listed.contains(f)) {
        let _ = std::fs::remove_file(args.output.join(stale));
    }
    write::atomic(&manifest_path, &serde_json::to_vec_pretty(&manifest)?)?;
    let count = |s| reports.iter().filter(|r| r.status == s).count();
    let summary = Summary {
        tool: "gongkai",
        version: env!("CARGO_PKG_VERSION"),
        total: reports.len(),
        generated: count(Status::Generated),
        unchanged: count(Status::Unchanged),
        failed: count(Status::Failed),
        render_ms: render_ms.into_inner().unwrap_or_default(),
        departments: &reports,
    };
    let mut json = serde_json::to_vec_pretty(&summary)?;
    json.push(b'\n');
    write::atomic(&args.output.join("summary.json"), &json)?;
    write::atomic(&args.output.join("index.html"), index_html(&summary).as_bytes())?;
    print_summary(&summary, started.elapsed().as_secs_f64(), &args.output);
    Ok(if summary.failed > 0 { Outcome::InputErrors } else { Outcome::Ok })
}

/// One department: skipped, generated, or failed with its diagnostics.
#[allow(clippy::float_arithmetic)] // Adds up render timings, not money.
fn department(
    a: &Input,
    folder: Option<&str>,
    old: &Manifest,
    args: &BatchArgs,
    pipeline: &Pipeline,
    profile: &gongkai_model::profile::Profile,
    render_ms: &Mutex<BTreeMap<&'static str, f64>>,
) -> Report {
    let mut report = Report {
        input: a.input.clone(),
        name: a.name.clone(),
        folder: folder.map(str::to_owned),
        status: Status::Failed,
        errors: 0,
        warnings: 0,
        files: Vec::new(),
        diagnostics: Vec::new(),
        message: None,
    };
    let bytes = match &a.bytes {
        Ok(b) => b,
        Err(message) => {
            report.message = Some(message.clone());
            report.errors = 1;
            return report;
        }
    };
    // Unchanged input, options and files: nothing to do, not even the analysis.
    if let (Some(folder), Some(prev)) = (folder, old.entries.get(&a.input))
        && !args.force
        && prev.hash == a.hash
        && prev.folder == folder
        && prev.files.iter().all(|f| args.output.join(f).is_file())
    {
        report.status = Status::Unchanged;
        report.files = prev.files.clone();
        return report;
    }
    let loaded = match load::analyse(&a.path, bytes, profile.clone()) {
        Ok(l) => l,
        Err(e) => {
            report.message = Some(format!("{e:#}"));
            report.errors = 1;
            return report;
        }
    };
    report.errors = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    report.warnings = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let Some(folder) = folder.filter(|_| !loaded.has_errors()) else {
        report.diagnostics = loaded.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
        report.errors = report.errors.max(1);
        return report;
    };
    let dir = args.output.join(folder);
    let outputs = match pipeline.render(&loaded) {
        Ok(o) => o,
        Err(e) => {
            report.message = Some(format!("{e:#}"));
            report.errors += 1;
            return report;
        }
    };
    let written = (|| -> Result<Vec<String>> {
        std::fs::create_dir_all(&dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
        let mut files = Vec::new();
        for (ext, bytes, _) in &outputs {
            let rel = format!("{folder}/{folder}.{ext}");
            write::atomic(&args.output.join(&rel), bytes)?;
            files.push(rel);
        }
        Ok(files)
    })();
    match written {
        Ok(files) => {
            let mut ms = render_ms.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            for (ext, _, t) in &outputs {
                *ms.entry(ext).or_default() += t;
            }
            report.status = Status::Generated;
            report.files = files;
        }
        Err(e) => {
            report.message = Some(format!("{e:#}"));
            report.errors += 1;
        }
    }
    report
}

fn print_summary(s: &Summary<'_>, seconds: f64, out: &Path) {
    #[allow(clippy::print_stderr)]
    {
        for r in s.departments.iter().filter(|r| r.status == Status::Failed) {
            eprintln!("失败：{}（{}）", r.input, r.name.as_deref().unwrap_or("未能读取"));
            if let Some(m) = &r.message {
                eprintln!("  {m}");
            }
            for d in &r.diagnostics {
                eprintln!("  {d}");
            }
        }
        eprintln!(
            "共 {} 个部门：已生成 {}，未变化 {}，失败 {}；用时 {seconds:.1} 秒。汇总见 {}",
            s.total,
            s.generated,
            s.unchanged,
            s.failed,
            out.join("index.html").display()
        );
    }
}

fn index_html(s: &Summary<'_>) -> String {
    let e = gongkai_html::escape;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>部门预算公开批量生成结果</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}th{background:#eee}.failed{color:#b00}</style>\n</head>\n<body>\n",
    );
    out.push_str(&format!(
        "<h1>部门预算公开批量生成结果</h1>\n<p>共 {} 个部门：已生成 {}，未变化 {}，失败 {}。</p>\n<table>\n<thead><tr><th>部门</th><th>状态</th><th>错误</th><th>警告</th><th>文件</th><th>输入</th></tr></thead>\n<tbody>\n",
        s.total, s.generated, s.unchanged, s.failed
    ));
    for r in s.departments {
        let class = if r.status == Status::Failed { " class=\"failed\"" } else { "" };
        let links: Vec<String> = r
            .files
            .iter()
            .map(|f| {
                let ext = f.rsplit('.').next().unwrap_or("");
                format!("<a href=\"{}\">{}</a>", e(f), e(ext))
            })
            .collect();
        out.push_str(&format!(
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            e(r.name.as_deref().unwrap_or("—")),
            r.status.label(),
            r.errors,
            r.warnings,
            links.join(" "),
            e(&r.input),
        ));
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names() {
        assert_eq!(safe_name("昌吉州/环境局"), "昌吉州_环境局");
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name(".."), "部门");
        assert_eq!(safe_name("  "), "部门");
        assert_eq!(safe_name("NUL"), "_NUL");
        assert_eq!(safe_name("a:b*c?\"d<e>f|g"), "a_b_c__d_e_f_g");
    }

    #[test]
    fn shards() {
        assert_eq!(parse_shard("2/8").unwrap(), (2, 8));
        assert!(parse_shard("0/8").is_err() && parse_shard("9/8").is_err() && parse_shard("x").is_err());
        let p = Path::new("a/b.yaml");
        assert_eq!(shard_of(p, 7), shard_of(p, 7));
        assert!(shard_of(p, 7) < 7);
    }
}
