//! `gongkai diff`: what a change of figures did to the published documents, and
//! `gongkai diff --last-year`: this year's compared figures against last year's.
//!
//! Exit codes follow diff(1): 0 the published documents would be identical, 1 they
//! differ, 2 trouble (usage, IO, or an input that does not validate: its findings are
//! printed, since no document can be made from it).

use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use clap::{Args, ValueEnum};
use gongkai_diff::report::Style;
use gongkai_model::document::Document;

use crate::load::{Loaded, load};
use crate::profiles::Chosen;
use crate::{Outcome, messages, report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    /// 供人阅读（终端上有颜色）。
    Human,
    /// 供脚本读取。
    Json,
    /// 自包含的网页。
    Html,
}

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// 原来的预算数据文件（.yaml 或 .xlsx）；与 --last-year 同用时是要与上年比较的文件。
    #[arg(value_name = "原文件")]
    pub(crate) old: PathBuf,
    /// 现在的预算数据文件（.yaml 或 .xlsx，可与原文件格式不同）。
    #[arg(value_name = "新文件", required_unless_present = "last_year", conflicts_with = "last_year")]
    pub(crate) new: Option<PathBuf>,
    /// 与上年比较：列出情况说明与上年比较的每个数字（上年、本年、增减额和幅度）及变动原因是否说明。
    #[arg(long)]
    pub(crate) last_year: bool,
    /// 公开表表套：两个文件都按它生成；省略时用各文件中的 profile（须相同），再省略用默认表套。
    #[arg(long, value_name = "表套")]
    pub(crate) profile: Option<String>,
    /// 输出格式。
    #[arg(long, value_name = "格式", value_enum, default_value_t = DiffFormat::Human)]
    pub(crate) format: DiffFormat,
}

pub(crate) fn diff(args: &DiffArgs) -> Result<Outcome> {
    match &args.new {
        Some(new) if !args.last_year => two(args, &args.old, new),
        _ => last_year(args),
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
fn colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn visible(text: &str) -> String {
    messages::visible_lines(text).into_owned()
}

/// Loads an input and refuses one with errors: its findings go to stderr, and the
/// comparison cannot be made (exit 2, as diff(1) for trouble).
fn analysed(path: &Path, profile: Option<&str>) -> Result<(Loaded, Arc<Chosen>)> {
    // The glyph check uses the built-in PDF fonts, so findings match `gongkai validate`.
    let fonts = gongkai_pdf::FontSet::builtin();
    let loaded = load(path, profile, None, &|c| fonts.covers(c))?;
    match (&loaded.profile, loaded.has_errors() || loaded.facts.is_none()) {
        (Some(chosen), false) => {
            let chosen = Arc::clone(chosen);
            Ok((loaded, chosen))
        }
        _ => {
            report::human(&mut std::io::stderr().lock(), &loaded.file, &loaded.diagnostics)?;
            bail!("{} 有错误，无法比较；请先改正（gongkai validate 列出全部问题）", messages::path(path));
        }
    }
}

/// The document `loaded` would publish, with the profile's own templates.
fn document(loaded: &Loaded, chosen: &Chosen) -> Result<Document> {
    let facts = loaded.facts.as_ref().context("内部错误：没有可用的数据")?;
    let templates = gongkai_templates::Templates::new(&chosen.profile, &[])?;
    Ok(gongkai_templates::document(facts, &chosen.profile, &loaded.tables, &templates)?)
}

fn two(args: &DiffArgs, old: &Path, new: &Path) -> Result<Outcome> {
    let (a, pa) = analysed(old, args.profile.as_deref())?;
    let (b, pb) = analysed(new, args.profile.as_deref())?;
    // Different profiles make different documents from the same figures: comparing them
    // would report the profile, not the change of figures.
    if pa.profile.id != pb.profile.id || pa.bundle.fingerprint_bytes() != pb.bundle.fingerprint_bytes() {
        bail!(
            "两个文件使用不同的表套（{} 用“{}”，{} 用“{}”）；用 --profile 指定同一表套",
            messages::path(old),
            messages::visible(&pa.name),
            messages::path(new),
            messages::visible(&pb.name)
        );
    }
    let (da, db) = (document(&a, &pa)?, document(&b, &pb)?);
    let changes = gongkai_diff::diff(
        gongkai_diff::Side { document: &da, findings: &a.diagnostics },
        gongkai_diff::Side { document: &db, findings: &b.diagnostics },
    );
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Human => {
            let style = Style { colour: colour(), visible: &visible };
            out.write_all(gongkai_diff::report::human(&changes, &style).as_bytes())?;
        }
        DiffFormat::Json => {
            let mut value = serde_json::to_value(&changes)?;
            if let Some(map) = value.as_object_mut() {
                map.insert("old".into(), a.file.clone().into());
                map.insert("new".into(), b.file.clone().into());
            }
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        DiffFormat::Html => {
            let title = format!("{} 公开文件的变化：{} → {}", db.meta.org, a.file, b.file);
            out.write_all(gongkai_diff::report::html(&changes, &title).as_bytes())?;
        }
    }
    Ok(if changes.identical { Outcome::Ok } else { Outcome::Differ })
}

fn last_year(args: &DiffArgs) -> Result<Outcome> {
    let (loaded, chosen) = analysed(&args.old, args.profile.as_deref())?;
    let facts = loaded.facts.as_ref().context("内部错误：没有可用的数据")?;
    let report = gongkai_diff::last_year::compare(&chosen.profile.narrative, facts, &loaded.diagnostics);
    let mut out = std::io::stdout().lock();
    match args.format {
        DiffFormat::Human => {
            if report.figures.is_empty() {
                writeln!(out, "表套“{}”的情况说明不与上年比较任何数字。", messages::visible(&chosen.name))?;
            } else {
                let style = Style { colour: colour(), visible: &visible };
                out.write_all(gongkai_diff::report::year_human(&report, &style).as_bytes())?;
            }
        }
        DiffFormat::Json => {
            let mut value = serde_json::to_value(&report)?;
            if let Some(map) = value.as_object_mut() {
                map.insert("input".into(), loaded.file.clone().into());
            }
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        DiffFormat::Html => {
            let title = format!("{} {}年与上年比较", facts.org(), report.year);
            out.write_all(gongkai_diff::report::year_html(&report, &title).as_bytes())?;
        }
    }
    Ok(Outcome::Ok)
}
