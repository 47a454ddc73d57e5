//! `gongkai profile …`: the built-in profiles, and a user's bundle checked, shown or
//! exported.

use std::io::{self, Write as _};

use anyhow::{Result, bail};
use gongkai_model::diag::{Diagnostic, Location};
use gongkai_model::profile::{RowScheme, TableSpec};

use crate::args::ProfileCommand;
use crate::profiles::{self, Chosen};
use crate::{Outcome, messages, report};

/// Synthetic departments the templates of a checked bundle are rendered with: a strict
/// template naming a figure that does not exist fails on them as on a real department.
const SAMPLES: std::ops::RangeInclusive<u64> = 1..=3;

pub(crate) fn profile(cmd: &ProfileCommand) -> Result<Outcome> {
    match cmd {
        ProfileCommand::List => list(),
        ProfileCommand::Show { profile } => with(profile, show),
        ProfileCommand::Export { profile, dir } => with(profile, |c| {
            profiles::export(&c.bundle, dir)?;
            messages::note!("已导出表套 {} 到 {}", c.profile.id, messages::path(dir));
            Ok(Outcome::Ok)
        }),
        ProfileCommand::Check { profile } => check(profile),
        ProfileCommand::Schema { file } => schema(file.as_deref()),
    }
}

/// Runs `f` on the profile `spec` names, or reports the bundle's findings.
fn with(spec: &str, f: impl FnOnce(&Chosen) -> Result<Outcome>) -> Result<Outcome> {
    match profiles::load(spec, None)? {
        Ok(chosen) => f(&chosen),
        Err(invalid) => {
            report::human(&mut io::stderr().lock(), &invalid.name, &invalid.diagnostics)?;
            Ok(Outcome::InputErrors)
        }
    }
}

fn list() -> Result<Outcome> {
    let mut out = io::stdout().lock();
    for id in gongkai_profile::builtin_ids() {
        let title = gongkai_profile::builtin(id).map(|p| p.title).unwrap_or_default();
        let default = if id == gongkai_model::DEFAULT_PROFILE { "（默认）" } else { "" };
        writeln!(out, "{id:<16} {title}{default}")?;
    }
    Ok(Outcome::Ok)
}

fn scheme(t: &TableSpec) -> &'static str {
    match t.rows {
        RowScheme::Tree(_) => "分组",
        RowScheme::Fixed(_) => "固定行",
        RowScheme::Balance(_) => "两栏",
        RowScheme::Register(_) => "报表目录",
    }
}

fn show(c: &Chosen) -> Result<Outcome> {
    let p = &c.profile;
    let mut out = io::stdout().lock();
    writeln!(out, "{}（{}）", p.title, p.id)?;
    writeln!(out, "文件标题：{}", p.document.title)?;
    writeln!(out, "各部分模板：{}", p.document.parts.join("、"))?;
    writeln!(out, "公开表 {} 张：", p.tables.len())?;
    for t in &p.tables {
        let columns = gongkai_model::profile::HeaderNode::leaf_count(&t.header);
        writeln!(
            out,
            "  {:<10} {:<6} {}（{}，{} 列，{}）",
            t.number.as_deref().unwrap_or("（无表号）"),
            t.id,
            t.title,
            scheme(t),
            columns,
            t.format.unit.label()
        )?;
    }
    writeln!(out, "核对关系：等式 {} 条，逐行一致 {} 条", p.identities.len(), p.agreements.len())?;
    writeln!(out, "情况说明的数字 {} 个", p.narrative.figures.len())?;
    let keys = p.narrative.compared_keys();
    let groups = p.narrative.compared_groups();
    if keys.is_empty() && groups.is_empty() {
        writeln!(out, "不与上年比较")?;
    } else {
        writeln!(out, "与上年比较（输入 last_year 的比较键）：")?;
        for k in &keys {
            let what =
                if k.group.is_empty() { k.label.clone() } else { format!("{}：{}", k.group, k.label) };
            writeln!(out, "  {:<28} {what}", k.key)?;
        }
        for (prefix, title, _) in groups {
            // Padded by display width: each CJK character takes two columns.
            let key = format!("{prefix}.<编码>");
            let width = key.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
            writeln!(out, "  {key}{} {title}（按编码）", " ".repeat(28usize.saturating_sub(width)))?;
        }
    }
    Ok(Outcome::Ok)
}

/// Reads the bundle, compiles its templates, and renders the bundled example with it, so
/// that a template naming a figure that does not exist is found now, not when the first
/// department is published.
fn check(spec: &str) -> Result<Outcome> {
    let chosen = match profiles::load(spec, None)? {
        Ok(c) => c,
        Err(invalid) => {
            report::human(&mut io::stdout().lock(), &invalid.name, &invalid.diagnostics)?;
            return Ok(Outcome::InputErrors);
        }
    };
    let mut findings = Vec::new();
    let dir = format!("{}/templates", chosen.name);
    let template_error = |e: gongkai_templates::TemplateError| {
        report::template_finding(&e, &|t| if t.is_empty() { dir.clone() } else { format!("{dir}/{t}.hbs") })
    };
    match gongkai_templates::Templates::new(&chosen.profile, &[]) {
        Err(e) => findings.push(template_error(e)),
        Ok(templates) => {
            for seed in SAMPLES {
                let budget = gongkai_synth::department(seed, &chosen.profile);
                let analysis = gongkai_model::analyse(&budget, &chosen.profile);
                // A synthetic department is valid for the profile by construction: any
                // error is the bundle's (its tables do not add up to each other).
                let errors: Vec<Diagnostic> = analysis
                    .diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| {
                        let mut d = d.clone();
                        d.message = format!("表套的表之间不一致（合成样例部门 {seed}）：{}", d.message);
                        // A relation between tables is the checks file's; a cell keeps
                        // its table, row and column.
                        if d.location.is_none() {
                            d.location =
                                Some(Location::File { file: format!("{}/checks.yaml", chosen.name) });
                        }
                        d.path = None;
                        d
                    })
                    .collect();
                if !errors.is_empty() {
                    findings.extend(errors);
                    break;
                }
                if let Some(facts) = &analysis.facts
                    && let Err(e) =
                        gongkai_templates::document(facts, &chosen.profile, &analysis.tables, &templates)
                {
                    findings.push(template_error(e));
                    break;
                }
            }
        }
    }
    report::human(&mut io::stdout().lock(), &chosen.name, &findings)?;
    Ok(if findings.is_empty() { Outcome::Ok } else { Outcome::InputErrors })
}

fn schema(file: Option<&str>) -> Result<Outcome> {
    let all = gongkai_profile::schema();
    let mut out = io::stdout().lock();
    match file {
        None => {
            for (name, text) in &all {
                writeln!(out, "// {name}")?;
                out.write_all(text.as_bytes())?;
            }
        }
        Some(name) => match all.get(name) {
            Some(text) => out.write_all(text.as_bytes())?,
            None => bail!(
                "没有表套文件“{}”（可选：{}）",
                messages::visible(name),
                all.keys().copied().collect::<Vec<_>>().join("、")
            ),
        },
    }
    Ok(Outcome::Ok)
}
