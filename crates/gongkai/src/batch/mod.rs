//! `gongkai batch`: many departments, in parallel, regenerated only when something changed.
//!
//! Phases: find the inputs (`inputs.rs`: each file once, by canonical path, never from the
//! output folder); read and hash each, learning its department's name; fix every
//! department's folder under the manifest lock (`manifest.rs`), in input order, so that
//! two departments of one name cannot take each other's folder, even in two shards
//! running at once; render and write the departments in parallel, each department's files
//! as one set (all temporaries, then all renames); finally, again under the lock, merge
//! this run's results into the manifest and remove the files no entry lists any more.
//!
//! The manifest records, per input, a hash of its bytes and of every option that changes
//! the output: an unchanged department is skipped, its files keep their bytes and mtimes.

mod changes;
mod inputs;
mod manifest;
mod runs;
mod summary;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context as _, Result};
use gongkai_model::diag::Severity;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use self::inputs::Found;
use self::manifest::{Depend, Entry, Manifest, Written};
use self::summary::{Report, Status, Summary};
use crate::args::BatchArgs;
use crate::messages::{self, note, visible};
use crate::pipeline::{Output, Pipeline, Spread, Timing, hex};
use crate::{Outcome, load, read, write};

/// Names Windows reserves for devices, with or without an extension (`CON.pdf` too).
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6",
    "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
    "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
];

/// The longest folder name, in bytes: with `.xlsx` it stays within the 255 bytes file
/// systems allow for a name (ext4, APFS; NTFS counts UTF-16 units, never more).
const FOLDER_BYTES: usize = 240;

/// `text` cut to at most `max` bytes, at a character boundary.
fn cut(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Trailing dots and spaces are dropped by Windows; leading ones hide a file elsewhere.
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c == '.' || c.is_whitespace())
}

/// A name safe as a folder and file name on every system: no separators, no traversal,
/// no characters or names Windows rejects, at most `max` bytes.
fn safe_name_within(name: &str, max: usize) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let trimmed = trim(cut(trim(&cleaned), max));
    if trimmed.is_empty() {
        return "部门".to_owned();
    }
    let stem = trimmed.split('.').next().unwrap_or(trimmed).trim_end();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        format!("_{}", cut(trimmed, max - 1))
    } else {
        trimmed.to_owned()
    }
}

/// A department's folder name.
pub(crate) fn safe_name(name: &str) -> String {
    safe_name_within(name, FOLDER_BYTES)
}

/// The folder for a second department of the same name: a suffix from its input.
fn suffixed(name: &str, key: &str) -> String {
    let suffix = &hex(&Sha256::digest(key.as_bytes()))[..8];
    format!("{}-{suffix}", safe_name_within(name, FOLDER_BYTES - 1 - suffix.len()))
}

/// Whether `folder` is one this department's name gives (plain or suffixed).
fn derived_from(folder: &str, name: &str) -> bool {
    folder == safe_name(name)
        || folder.rsplit_once('-').is_some_and(|(base, suffix)| {
            suffix.len() == 8
                && suffix.bytes().all(|b| b.is_ascii_hexdigit())
                && base == safe_name_within(name, FOLDER_BYTES - 9)
        })
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
        let name = visible(report.name.as_deref().unwrap_or(&report.input)).into_owned();
        match &self.bar {
            Some(bar) => {
                bar.set_message(name);
                bar.inc(1);
            }
            None => {
                let mut done = self.done.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                *done += 1;
                note!("[{}/{}] {} {name}", *done, self.total, report.status.label());
            }
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// An input after phase 1: its bytes (or why they could not be read), their hash with the
/// options, and its department's name.
struct Input {
    found: Found,
    /// The manifest key: the canonical path.
    key: String,
    bytes: Result<Vec<u8>, String>,
    hash: String,
    name: Option<String>,
}

/// What every department of a run shares.
struct Run<'a> {
    args: &'a BatchArgs,
    pipeline: &'a Pipeline,
    profile: &'a Arc<crate::profiles::Chosen>,
    /// The PDF fonts' coverage, for the glyph check.
    coverage: &'a gongkai_pdf::FontSet,
    /// The manifest as it was when the folders were fixed.
    manifest: &'a Manifest,
    out_canonical: &'a Path,
    /// Every file read (inputs, templates, fonts), canonical: none is ever an output.
    read: &'a HashSet<PathBuf>,
    /// What each backend's rendering took, summed over the departments generated.
    timings: Mutex<BTreeMap<&'static str, Timing>>,
}

pub(crate) fn batch(args: &BatchArgs) -> Result<Outcome> {
    let shard = args.shard.as_deref().map(inputs::parse_shard).transpose()?;
    let profile = match crate::profiles::load(&args.profile, None)? {
        Ok(chosen) => Arc::new(chosen),
        Err(invalid) => {
            crate::report::human(&mut std::io::stderr().lock(), &invalid.name, &invalid.diagnostics)?;
            return Ok(Outcome::InputErrors);
        }
    };
    if args.units && profile.profile.unit.is_none() {
        anyhow::bail!(
            "表套“{}”没有单位预算（profile.yaml 的 kinds.unit），不能用 --units",
            messages::visible(&profile.name)
        );
    }
    let fonts = crate::pipeline::fonts(&args.pdf.fonts)?;
    let coverage = fonts.coverage();
    let pipeline =
        Pipeline::new(&args.format, args.templates.as_deref(), &args.pdf, fonts, Arc::clone(&profile))?;
    let out = &args.output;
    let mut found = inputs::collect(&args.inputs, &crate::paths::canonical_existing(out))?;
    if let Some((k, n)) = shard {
        found.retain(|f| inputs::shard_of(&f.shard_key, n) == k - 1);
    }
    let jobs =
        args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from)).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(jobs).build().context("无法创建线程池")?;
    std::fs::create_dir_all(out).with_context(|| format!("无法创建目录 {}", messages::path(out)))?;
    let out_canonical =
        std::fs::canonicalize(out).with_context(|| format!("无法读取目录 {}", messages::path(out)))?;
    let _run = runs::start(out)?;
    runs::sweep(out);
    let started = Instant::now();
    let progress = Progress::new(found.len());

    // Phase 1: read and hash every input, and find its department's name: from the
    // manifest when the input is unchanged, else by parsing it.
    let hint = Manifest::load(out)?;
    let read: Vec<Input> = pool
        .install(|| found.into_par_iter().map(|found| phase1(found, &hint, &pipeline, args.units)).collect());
    drop(hint);

    // Folders, fixed under the lock; a department new here, or renamed, reserves its
    // folder in the manifest at once, so that a shard running now sees it taken.
    let manifest = {
        let _lock = manifest::lock(out)?;
        let mut m = Manifest::load(out)?;
        let before = m.clone();
        let folders = assign_folders(&read, &m);
        for (a, folder) in read.iter().zip(&folders) {
            let (Some(folder), Some(name)) = (folder, &a.name) else { continue };
            let entry = m.entries.entry(a.key.clone()).or_insert_with(|| Entry {
                hash: String::new(),
                name: name.clone(),
                folder: folder.clone(),
                files: Vec::new(),
                depends: Vec::new(),
                warnings: 0,
            });
            if entry.folder != *folder {
                entry.hash.clear();
                entry.folder.clone_from(folder);
            }
        }
        if m != before {
            m.save(out)?;
        }
        (m, folders)
    };
    let (manifest, folders) = manifest;

    let mut reads: HashSet<PathBuf> = read.iter().map(|a| a.found.canonical.clone()).collect();
    reads.extend(pipeline.read_files().canonical());
    let run = Run {
        args,
        pipeline: &pipeline,
        profile: &profile,
        coverage: &coverage,
        manifest: &manifest,
        out_canonical: &out_canonical,
        read: &reads,
        timings: Mutex::new(BTreeMap::new()),
    };

    // Phase 2: render and write, or skip.
    let flusher = write::flush_meanwhile(out);
    let reports: Vec<(Report, Vec<Written>)> = pool.install(|| {
        read.par_iter()
            .zip(&folders)
            .map(|(a, folder)| {
                let done = department(a, folder.as_deref(), &run);
                progress.tick(&done.0);
                done
            })
            .collect()
    });
    drop(flusher);
    progress.finish();

    // Merge into the manifest as it is now (another shard may have written it meanwhile),
    // then remove the files this run's inputs had before and no entry lists any more: a
    // renamed department's old folder may now be another's, so only once all are done.
    let saved = (|| -> Result<()> {
        // The departments' files reach the disk before the manifest that vouches for them.
        let fresh: Vec<&str> = reports
            .iter()
            .filter(|(r, _)| r.status == Status::Generated)
            .flat_map(|(_, written)| written.iter().map(|w| w.path.as_str()))
            .collect();
        write::sync_written(out, &fresh)?;
        let _lock = manifest::lock(out)?;
        let mut m = Manifest::load(out)?;
        let before = m.clone();
        let previous: Vec<Written> =
            read.iter().filter_map(|a| m.entries.get(&a.key)).flat_map(|e| e.files.iter().cloned()).collect();
        for (a, (r, written)) in read.iter().zip(&reports) {
            // A failed department keeps its entry and its last good files.
            if r.status == Status::Failed {
                continue;
            }
            if let Some(folder) = &r.folder {
                m.entries.insert(
                    a.key.clone(),
                    Entry {
                        hash: a.hash.clone(),
                        name: r.name.clone().unwrap_or_default(),
                        folder: folder.clone(),
                        files: written.clone(),
                        depends: r.depends.clone(),
                        warnings: r.warnings,
                    },
                );
            }
        }
        let listed: BTreeSet<String> = m.listed().into_iter().map(str::to_owned).collect();
        for stale in previous.iter().filter(|f| !listed.contains(&f.path)) {
            manifest::remove_stale(out, &out_canonical, stale);
        }
        if m != before {
            m.save(out)?;
        }
        Ok(())
    })();

    let reports: Vec<Report> = reports.into_iter().map(|(r, _)| r).collect();
    let timings = run.timings.into_inner().unwrap_or_default();
    let count = |s| reports.iter().filter(|r| r.status == s).count();
    let summary = Summary {
        tool: "gongkai",
        version: env!("CARGO_PKG_VERSION"),
        total: reports.len(),
        generated: count(Status::Generated),
        unchanged: count(Status::Unchanged),
        failed: count(Status::Failed),
        duplicate_names: summary::duplicate_names(&read),
        render_ms: timings.iter().map(|(&ext, t)| (ext, t.wall_ms)).collect(),
        render_cpu_ms: timings.iter().map(|(&ext, t)| (ext, t.cpu_ms)).collect(),
        departments: &reports,
    };
    // With shards, each writes its own summary: shards may share the folder.
    let suffix = shard.map_or(String::new(), |(k, n)| format!(".{k}-of-{n}"));
    let index = out.join(format!("index{suffix}.html"));
    let written = saved.and_then(|()| {
        let mut json = serde_json::to_vec_pretty(&summary)?;
        json.push(b'\n');
        write::commit(vec![
            write::stage(&out.join(format!("summary{suffix}.json")), &json)?,
            write::stage(&index, summary::index_html(&summary).as_bytes())?,
        ])
    });
    // The departments' fate is told even when the summary files cannot be written.
    summary::print(&summary, started.elapsed().as_secs_f64(), &index);
    written.context("无法写入批量生成的清单或汇总")?;
    Ok(if summary.failed > 0 { Outcome::InputErrors } else { Outcome::Ok })
}

fn phase1(found: Found, hint: &Manifest, pipeline: &Pipeline, units: bool) -> Input {
    let key = found.canonical.to_string_lossy().into_owned();
    match read::file(&found.path, read::Kind::Budget) {
        Ok(bytes) => {
            // `--units` writes more files: a run with it is not the run without it.
            let hash = hex(&Sha256::new()
                .chain_update(&bytes)
                .chain_update(pipeline.fingerprint())
                .chain_update(if units { "units" } else { "" })
                .finalize());
            let known = hint.entries.get(&key).filter(|e| e.hash == hash && !e.name.is_empty());
            let name = match known {
                Some(e) => Some(e.name.clone()),
                None => load::department_name(&found.path, &bytes),
            };
            Input { found, key, bytes: Ok(bytes), hash, name }
        }
        Err(e) => Input { found, key, bytes: Err(messages::describe(&e)), hash: String::new(), name: None },
    }
}

/// Folder names, in input order. A department keeps the folder it had when its name
/// still gives it; a name taken twice gets a suffix from its input.
fn assign_folders(read: &[Input], m: &Manifest) -> Vec<Option<String>> {
    let ours: BTreeSet<&str> = read.iter().map(|a| a.key.as_str()).collect();
    let mut taken: BTreeSet<String> = m
        .entries
        .iter()
        .filter(|(key, _)| !ours.contains(key.as_str()))
        .map(|(_, e)| e.folder.clone())
        .collect();
    let mut folders: Vec<Option<String>> = vec![None; read.len()];
    // First the departments keeping their folders, then the others: a new department of
    // the same name never takes an existing one's folder.
    for (i, a) in read.iter().enumerate() {
        let Some(name) = &a.name else { continue };
        if let Some(e) = m.entries.get(&a.key)
            && derived_from(&e.folder, name)
            && !taken.contains(&e.folder)
        {
            taken.insert(e.folder.clone());
            folders[i] = Some(e.folder.clone());
        }
    }
    for (i, a) in read.iter().enumerate() {
        let Some(name) = &a.name else { continue };
        if folders[i].is_some() {
            continue;
        }
        let base = safe_name(name);
        let folder = if taken.contains(&base) { suffixed(name, &a.key) } else { base };
        taken.insert(folder.clone());
        folders[i] = Some(folder);
    }
    folders
}

/// One department: skipped, generated, or failed with its diagnostics; with the files it
/// wrote.
#[allow(clippy::float_arithmetic)] // Adds up render timings, not money.
fn department(a: &Input, folder: Option<&str>, run: &Run<'_>) -> (Report, Vec<Written>) {
    let mut report = Report {
        input: a.found.path.display().to_string(),
        name: a.name.clone(),
        folder: folder.map(str::to_owned),
        status: Status::Failed,
        errors: 0,
        warnings: 0,
        files: Vec::new(),
        diagnostics: Vec::new(),
        message: None,
        changes: None,
        depends: Vec::new(),
    };
    let out = &run.args.output;
    let bytes = match &a.bytes {
        Ok(b) => b,
        Err(message) => {
            report.message = Some(message.clone());
            report.errors = 1;
            return (report, Vec::new());
        }
    };
    // Unchanged input, options and files: nothing to do, not even the analysis.
    if let (Some(folder), Some(prev)) = (folder, run.manifest.entries.get(&a.key))
        && !run.args.force
        && !prev.hash.is_empty()
        && prev.hash == a.hash
        && prev.folder == folder
        && prev.depends.iter().all(Depend::unchanged)
        && prev.files.iter().all(|f| {
            std::fs::metadata(out.join(&f.path))
                .is_ok_and(|m| m.is_file() && f.bytes.is_none_or(|b| b == m.len()))
        })
    {
        report.status = Status::Unchanged;
        // Its findings are those of the run that made the files: same input, same findings.
        report.warnings = prev.warnings;
        let kept = changes::unchanged(&prev.files);
        report.files = kept.iter().map(|f| f.path.clone()).filter(|p| !changes::is_snapshot(p)).collect();
        report.depends.clone_from(&prev.depends);
        return (report, kept);
    }
    let loaded = match load::analyse(&a.found.path, bytes, load::Choice::Fixed(run.profile), None, &|c| {
        run.coverage.covers(c)
    }) {
        Ok(l) => l,
        Err(e) => {
            report.message = Some(messages::describe(&e));
            report.errors = 1;
            return (report, Vec::new());
        }
    };
    report.depends = loaded
        .depends
        .iter()
        .map(|(path, sha256)| Depend { path: path.display().to_string(), sha256: sha256.clone() })
        .collect();
    report.errors = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    report.warnings = loaded.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let Some(folder) = folder.filter(|_| !loaded.has_errors()) else {
        report.diagnostics = loaded.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
        report.errors = report.errors.max(1);
        return (report, Vec::new());
    };
    let rendered =
        run.pipeline.document(&loaded).and_then(|d| Ok((run.pipeline.render_document(&d, Spread::None)?, d)));
    let (outputs, document) = match rendered {
        Ok(o) => o,
        Err(e) => {
            report.message = Some(messages::describe(&e));
            report.errors += 1;
            return (report, Vec::new());
        }
    };
    // `--units`: each unit's own document joins the department's set.
    let mut units = Vec::new();
    if run.args.units {
        match unit_documents(a, bytes, run) {
            Ok(u) => units = u,
            Err((message, diagnostics)) => {
                report.message = Some(message);
                report.errors += diagnostics.len().max(1);
                report.diagnostics = diagnostics;
                return (report, Vec::new());
            }
        }
    }
    let prev = run.manifest.entries.get(&a.key);
    let name = a.name.as_deref().unwrap_or_default();
    let extra = changes::files(out, &a.key, folder, prev, name, document, &loaded.diagnostics);
    match write_department(run, folder, &outputs, &units, &extra, &loaded.depends) {
        Ok(written) => {
            let mut ms = run.timings.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            for (ext, _, t) in &outputs {
                let sum = ms.entry(ext).or_default();
                sum.wall_ms += t.wall_ms;
                sum.cpu_ms += t.cpu_ms;
            }
            report.status = Status::Generated;
            report.changes = written.iter().map(|w| w.path.clone()).find(|p| changes::is_changes(p));
            report.files = written
                .iter()
                .map(|w| w.path.clone())
                .filter(|p| !changes::is_snapshot(p) && !changes::is_changes(p))
                .collect();
            (report, written)
        }
        Err(e) => {
            report.message = Some(messages::describe(&e));
            report.errors += 1;
            (report, Vec::new())
        }
    }
}

/// The rendered documents of each unit of a department (`--units`): (unit id, outputs);
/// a unit whose document has errors fails the department with the findings.
type UnitOutputs = Vec<(String, Vec<Output>)>;

fn unit_documents(
    a: &Input,
    bytes: &[u8],
    run: &Run<'_>,
) -> std::result::Result<UnitOutputs, (String, Vec<gongkai_model::diag::Diagnostic>)> {
    let mut out = Vec::new();
    for id in load::unit_ids(&a.found.path, bytes) {
        let covers = |c| run.coverage.covers(c);
        let loaded =
            load::analyse(&a.found.path, bytes, load::Choice::Fixed(run.profile), Some(&id), &covers)
                .map_err(|e| (messages::describe(&e), Vec::new()))?;
        if loaded.has_errors() {
            let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
            return Err((format!("单位“{}”的单位预算有错误", visible(&id)), errors));
        }
        let outputs = run
            .pipeline
            .document(&loaded)
            .and_then(|d| run.pipeline.render_document(&d, Spread::None))
            .map_err(|e| (messages::describe(&e), Vec::new()))?;
        out.push((crate::cmd::unit_file_name(&id), outputs));
    }
    Ok(out)
}

/// Writes one department's files as a set: all temporaries, then all renames.
fn write_department(
    run: &Run<'_>,
    folder: &str,
    outputs: &[Output],
    units: &UnitOutputs,
    extra: &[(String, Vec<u8>)],
    depends: &[(PathBuf, String)],
) -> Result<Vec<Written>> {
    let dir = run.args.output.join(folder);
    let shown = messages::path(&dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建目录 {shown}"))?;
    let canonical = std::fs::canonicalize(&dir).with_context(|| format!("无法创建目录 {shown}"))?;
    if !canonical.starts_with(run.out_canonical) || canonical == run.out_canonical {
        anyhow::bail!("{shown} 指向输出目录之外（符号链接），不写入");
    }
    let mut staged = Vec::with_capacity(outputs.len());
    let mut written = Vec::with_capacity(outputs.len());
    let named = outputs.iter().map(|(ext, bytes, _)| (format!("{folder}.{ext}"), bytes)).chain(
        units.iter().flat_map(|(unit, o)| {
            o.iter().map(move |(ext, bytes, _)| (format!("{folder}.{unit}.{ext}"), bytes))
        }),
    );
    for (file, bytes) in named {
        let target = canonical.join(&file);
        if run.read.contains(&target) || depends.iter().any(|(p, _)| *p == target) {
            anyhow::bail!("{} 是读取的文件，写入会覆盖它", messages::path(&dir.join(&file)));
        }
        staged.push(write::stage_with(&dir.join(&file), bytes, write::Sync::Later)?);
        written.push(Written::of(format!("{folder}/{file}"), bytes));
    }
    // The change list and the snapshot (`changes.rs`) join the department's set.
    for (rel, bytes) in extra {
        let path = run.args.output.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("无法创建目录 {}", messages::path(parent)))?;
        }
        // Flushed with the department's other files, before the manifest that lists them.
        staged.push(write::stage_with(&path, bytes, write::Sync::Later)?);
        written.push(Written::of(rel.clone(), bytes));
    }
    write::commit(staged)?;
    Ok(written)
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
        assert_eq!(safe_name("a:b*c?\"d<e>f|g"), "a_b_c__d_e_f_g");
        for reserved in ["NUL", "com4", "LPT9", "CON.txt", "aux .x", "COM¹"] {
            assert_eq!(safe_name(reserved), format!("_{reserved}"), "{reserved}");
        }
        assert_eq!(safe_name("COM10"), "COM10");
        assert_eq!(safe_name("CONSOLE"), "CONSOLE");
    }

    #[test]
    fn folder_names_are_cut_by_bytes() {
        // 4-byte characters: 80 of them would be 320 bytes, over every file system's limit.
        let long = "𠀀".repeat(80);
        let name = safe_name(&long);
        assert_eq!(name.len(), 240);
        let suffixed = suffixed(&long, "k");
        assert!(suffixed.len() <= 240 && derived_from(&suffixed, &long), "{}", suffixed.len());
        assert!(derived_from(&safe_name("甲局"), "甲局") && !derived_from("乙局", "甲局"));
    }
}
