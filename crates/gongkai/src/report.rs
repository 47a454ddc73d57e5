//! Printing diagnostics for people and for scripts. For people, user text is escaped so
//! that no control character reaches the terminal raw; JSON stays exact (serde_json
//! escapes control characters itself).

use std::io::Write;

use anyhow::Result;
use gongkai_model::diag::{Diagnostic, Severity};
use serde::Serialize;

use crate::messages;

fn count(diags: &[Diagnostic], s: Severity) -> usize {
    diags.iter().filter(|d| d.severity == s).count()
}

/// One line per finding, then a summary line.
pub(crate) fn human(out: &mut dyn Write, file: &str, diags: &[Diagnostic]) -> Result<()> {
    for d in diags {
        writeln!(out, "{}", messages::diagnostic(d))?;
    }
    let file = messages::visible(file);
    let (e, w, i) =
        (count(diags, Severity::Error), count(diags, Severity::Warning), count(diags, Severity::Info));
    if e > 0 {
        writeln!(out, "{file}：{e} 个错误，{w} 个警告，{i} 个提示；有错误时不生成任何文件。")?;
    } else {
        writeln!(out, "{file}：检查通过（{w} 个警告，{i} 个提示）。")?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    ok: bool,
    errors: usize,
    warnings: usize,
    infos: usize,
    diagnostics: &'a [Diagnostic],
}

/// The findings as one JSON object.
pub(crate) fn json(out: &mut dyn Write, file: &str, diags: &[Diagnostic]) -> Result<()> {
    let report = Report {
        file,
        ok: count(diags, Severity::Error) == 0,
        errors: count(diags, Severity::Error),
        warnings: count(diags, Severity::Warning),
        infos: count(diags, Severity::Info),
        diagnostics: diags,
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)?;
    Ok(())
}
