//! Printing diagnostics for people and for scripts. For people, user text is escaped so
//! that no control character reaches the terminal raw; JSON stays exact (serde_json
//! escapes control characters itself).

use std::io::Write;

use anyhow::Result;
use gongkai_model::diag::{Diagnostic, Severity};
use serde::Serialize;

use crate::messages;

/// Bad input found while making the documents (a user's template that fails): its
/// findings, printed as validation prints them, and exit 1.
#[derive(Debug)]
pub(crate) struct Findings {
    /// What the findings are about (the template's folder or the profile).
    pub(crate) name: String,
    /// The findings.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for Findings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.diagnostics.iter().map(messages::diagnostic).collect();
        write!(f, "{}", lines.join("\n"))
    }
}

impl std::error::Error for Findings {}

/// A template error as a finding at `file:line:column` of the template's file, where
/// `file` names the file of a template.
pub(crate) fn template_finding(
    e: &gongkai_templates::TemplateError,
    file: &dyn Fn(&str) -> String,
) -> Diagnostic {
    use gongkai_model::diag::Location;
    use gongkai_model::rules::Rule;
    let location = match e.place() {
        Some((template, Some(line), column)) => {
            Location::Text { file: file(template), line, column: column.unwrap_or(1) }
        }
        Some((template, None, _)) => Location::File { file: file(template) },
        None => Location::File { file: file("") },
    };
    Diagnostic::new(Rule::ProfileTemplate, e.to_string()).located(location)
}

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
