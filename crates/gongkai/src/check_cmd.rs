//! `gongkai check`: checks published disclosures (PDFs with a text layer, xlsx workbooks,
//! made by anyone) against a profile's identities and their own narrative.
//!
//! Files and folders (searched recursively for `.pdf` and `.xlsx`, in name order) are
//! read, each checked with the profile given or, without one, the built-in profile whose
//! tables the document has most of. A document that cannot be read is a finding (E701),
//! never a silent pass. Exit 1 when any document has an error finding.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use gongkai_check::{Finding, Report};
use gongkai_model::diag::Severity;
use gongkai_model::profile::Profile;
use gongkai_model::rules::Rule;
use serde::Serialize;

use crate::{Outcome, messages, read};

/// 核对已公开的部门预算文件（PDF 或 xlsx，不论由谁制作）：表内、表间勾稽关系和情况说明中的数字。
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// 公开文件（.pdf 或 .xlsx）或目录（递归查找其中的 .pdf 和 .xlsx）。
    #[arg(required = true, value_name = "文件或目录")]
    pub(crate) inputs: Vec<PathBuf>,
    /// 表套（地区口径）：内置表套的标识或表套目录；省略时按文件中的表名自动识别。
    #[arg(long, value_name = "表套")]
    pub(crate) profile: Option<String>,
    /// 输出格式：human（供人阅读）、json（供脚本读取）、html（供审核人员阅读的网页）。
    #[arg(long, value_name = "格式", value_enum, default_value_t = CheckFormat::Human)]
    pub(crate) format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CheckFormat {
    /// 供人阅读。
    Human,
    /// 供脚本读取。
    Json,
    /// 网页。
    Html,
}

/// One document's result.
#[derive(Serialize)]
struct FileReport {
    file: String,
    ok: bool,
    errors: usize,
    warnings: usize,
    infos: usize,
    #[serde(flatten)]
    report: Report,
}

/// The documents to check, in order: files as given, folders searched.
fn documents(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
        let mut entries = read::dir(dir, "目录")?;
        entries.sort();
        for entry in entries {
            let meta = std::fs::symlink_metadata(&entry)?;
            if meta.is_dir() {
                walk(&entry, out)?;
            } else if entry
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("xlsx"))
            {
                out.push(entry);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            walk(input, &mut out)?;
        } else {
            out.push(input.clone());
        }
    }
    if out.is_empty() {
        bail!("没有找到要核对的 .pdf 或 .xlsx 文件");
    }
    Ok(out)
}

/// A report for a document that could not be checked at all.
fn failed(profile: &str, rule: Rule, message: String) -> Report {
    Report {
        profile: profile.to_owned(),
        tables: Vec::new(),
        text_amounts: 0,
        text_compared: 0,
        text_recomputed: 0,
        findings: vec![Finding::new(rule, message)],
        imported: Vec::new(),
    }
}

fn check_one(bytes: &[u8], chosen: Option<&Profile>, builtins: &[Profile]) -> Report {
    let doc = match gongkai_check::read_doc(bytes) {
        Ok(doc) => doc,
        Err(e) => return failed(chosen.map_or("", |p| p.id.as_str()), Rule::CheckUnreadable, e.to_string()),
    };
    let profile = match chosen {
        Some(p) => p,
        None => match gongkai_check::detect(builtins, &doc) {
            Some(i) => &builtins[i],
            None => {
                let ids: Vec<&str> = builtins.iter().map(|p| p.id.as_str()).collect();
                return failed(
                    "",
                    Rule::CheckNoProfile,
                    format!(
                        "文件中没有找到任何内置表套（{}）的表名；请用 --profile 指定表套",
                        ids.join("、")
                    ),
                );
            }
        },
    };
    gongkai_check::check(gongkai_check::variant(profile, &doc), &doc)
}

pub(crate) fn check(args: &CheckArgs) -> Result<Outcome> {
    let chosen = match &args.profile {
        Some(spec) => match crate::profiles::load(spec, None)? {
            Ok(c) => Some(c.profile),
            Err(invalid) => {
                crate::report::human(&mut io::stderr().lock(), &invalid.name, &invalid.diagnostics)?;
                return Ok(Outcome::InputErrors);
            }
        },
        None => None,
    };
    let builtins: Vec<Profile> =
        gongkai_profile::builtin_ids().into_iter().filter_map(gongkai_profile::builtin).collect();
    let mut reports = Vec::new();
    for path in documents(&args.inputs)? {
        let bytes = read::file(&path, read::Kind::Budget)?;
        // The PDF reader may panic on a damaged file; the checker turns that into E701,
        // and the default hook's English message would only confuse.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let report = check_one(&bytes, chosen.as_ref(), &builtins);
        std::panic::set_hook(hook);
        let count = |s| report.findings.iter().filter(|f| f.severity == s).count();
        reports.push(FileReport {
            file: path.display().to_string(),
            ok: count(Severity::Error) == 0,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            report,
        });
    }
    let mut out = io::stdout().lock();
    match args.format {
        CheckFormat::Human => {
            for r in &reports {
                human(&mut out, r)?;
            }
        }
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &reports)?;
            writeln!(out)?;
        }
        CheckFormat::Html => {
            let pages: Vec<(&str, &Report)> = reports.iter().map(|r| (r.file.as_str(), &r.report)).collect();
            out.write_all(gongkai_check::html::render(&pages).as_bytes())?;
        }
    }
    Ok(if reports.iter().all(|r| r.ok) { Outcome::Ok } else { Outcome::InputErrors })
}

fn human(out: &mut dyn io::Write, r: &FileReport) -> Result<()> {
    let file = messages::visible(&r.file);
    for f in &r.report.findings {
        let mut line = format!("{file}");
        let place = f.place();
        if !place.is_empty() {
            line.push_str(&format!(":{place}"));
        }
        line.push_str(&format!(": {}[{}]: {}", f.severity.label(), f.rule, f.message));
        if let (Some(p), Some(e), Some(d)) = (&f.printed, &f.expected, &f.difference)
            && !d.is_empty()
        {
            line.push_str(&format!("（列示 {p}，应为 {e}，相差 {d}）"));
        }
        writeln!(out, "{}", messages::visible_lines(&line))?;
    }
    let read: usize = r.report.tables.iter().map(|t| t.rows).sum();
    let seen: usize = r.report.tables.iter().map(|t| t.seen).sum();
    let found = r.report.tables.iter().filter(|t| t.found).count();
    if !r.report.tables.is_empty() {
        writeln!(
            out,
            "{file}：表套 {}，找到 {found}/{} 张表，读取 {read}/{seen} 行；情况说明金额 {} 个，与表核对 {} 个，重算占比和增减 {} 个。",
            r.report.profile,
            r.report.tables.len(),
            r.report.text_amounts,
            r.report.text_compared,
            r.report.text_recomputed
        )?;
    }
    if r.ok {
        writeln!(out, "{file}：核对通过（{} 个警告，{} 个提示）。", r.warnings, r.infos)?;
    } else {
        writeln!(out, "{file}：{} 个错误，{} 个警告，{} 个提示。", r.errors, r.warnings, r.infos)?;
    }
    Ok(())
}
