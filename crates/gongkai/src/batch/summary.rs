//! What a batch run reports: `summary.json` for scripts, `index.html` for people, and the
//! lines on the terminal (user text escaped).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use gongkai_model::diag::Diagnostic;
use serde::Serialize;

use crate::messages::{self, note, visible};

/// How one department went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Status {
    /// Files written.
    Generated,
    /// Input and options unchanged since the last run; files kept.
    Unchanged,
    /// Errors in the input, or a backend or the disk failed; the previous files are kept.
    Failed,
}

impl Status {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Status::Generated => "已生成",
            Status::Unchanged => "未变化",
            Status::Failed => "失败",
        }
    }
}

#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub(crate) input: String,
    pub(crate) name: Option<String>,
    pub(crate) folder: Option<String>,
    pub(crate) status: Status,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    pub(crate) files: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) diagnostics: Vec<Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) message: Option<String>,
    /// The department's `changes.json`, when this run regenerated it after an earlier one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) changes: Option<String>,
    /// Other files the department's outputs depend on, for the manifest.
    #[serde(skip)]
    pub(crate) depends: Vec<super::manifest::Depend>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Summary<'a> {
    pub(crate) tool: &'static str,
    pub(crate) version: &'static str,
    pub(crate) total: usize,
    pub(crate) generated: usize,
    pub(crate) unchanged: usize,
    pub(crate) failed: usize,
    /// Department names that several inputs give, with those inputs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) duplicate_names: Vec<DuplicateName>,
    /// Wall-clock milliseconds spent in each backend, summed over the departments
    /// generated.
    pub(crate) render_ms: BTreeMap<&'static str, f64>,
    /// CPU milliseconds of the threads that ran each backend, summed the same way
    /// ([`crate::pipeline::Timing`] says what they leave out).
    pub(crate) render_cpu_ms: BTreeMap<&'static str, f64>,
    pub(crate) departments: &'a [Report],
}

/// A department name that several inputs give: usually one department's file copied
/// without changing its name, or two files of the same department.
#[derive(Debug, Serialize)]
pub(crate) struct DuplicateName {
    pub(crate) name: String,
    pub(crate) inputs: Vec<String>,
}

impl DuplicateName {
    /// The warning, as the terminal and index.html print it.
    fn warning(&self) -> String {
        format!(
            "警告：{} 个输入的部门名称都是“{}”（{}）；各自的文件夹已加后缀区分，请核对是否重复或名称写错",
            self.inputs.len(),
            self.name,
            self.inputs.join("、")
        )
    }
}

/// The names several inputs give, in order of first appearance.
pub(crate) fn duplicate_names(read: &[super::Input]) -> Vec<DuplicateName> {
    let mut by_name: Vec<DuplicateName> = Vec::new();
    for a in read {
        let Some(name) = &a.name else { continue };
        let input = a.found.path.display().to_string();
        match by_name.iter_mut().find(|d| d.name == *name) {
            Some(d) => d.inputs.push(input),
            None => by_name.push(DuplicateName { name: name.clone(), inputs: vec![input] }),
        }
    }
    by_name.retain(|d| d.inputs.len() > 1);
    by_name
}

/// What went wrong with a failed department: its message and its error findings.
fn reasons(r: &Report) -> Vec<String> {
    r.message.iter().cloned().chain(r.diagnostics.iter().map(messages::diagnostic)).collect()
}

/// The failed departments, each with its reason, then one line of counts.
pub(crate) fn print(s: &Summary<'_>, seconds: f64, index: &Path) {
    for d in &s.duplicate_names {
        note!("{}", visible(&d.warning()));
    }
    for r in s.departments.iter().filter(|r| r.status == Status::Failed) {
        note!("失败：{}（{}）", visible(&r.input), visible(r.name.as_deref().unwrap_or("未能读取")));
        if let Some(m) = &r.message {
            note!("  {}", visible(m));
        }
        for d in &r.diagnostics {
            note!("  {}", messages::diagnostic(d).replace('\n', "\n  "));
        }
    }
    let which = if s.failed == 0 {
        String::new()
    } else {
        let names: Vec<String> = s
            .departments
            .iter()
            .filter(|r| r.status == Status::Failed)
            .map(|r| visible(r.name.as_deref().unwrap_or(&r.input)).into_owned())
            .collect();
        format!("（失败的部门：{}）", names.join("、"))
    };
    note!(
        "共 {} 个部门：已生成 {}，未变化 {}，失败 {}{which}；用时 {seconds:.1} 秒。汇总见 {}",
        s.total,
        s.generated,
        s.unchanged,
        s.failed,
        messages::path(index)
    );
}

/// A relative path as a URL path: every byte outside the unreserved set percent-encoded,
/// segment by segment, so that `#`, `%`, `?` and spaces in folder names link correctly.
pub(crate) fn url_path(rel: &str) -> String {
    let mut out = String::with_capacity(rel.len() * 3);
    for (i, segment) in rel.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in segment.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(char::from(b));
            } else {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

pub(crate) fn index_html(s: &Summary<'_>) -> String {
    let e = gongkai_html::escape;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>部门预算公开批量生成结果</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px 8px}th{background:#eee}.failed{color:#b00}.warn{color:#a60}</style>\n</head>\n<body>\n",
    );
    let _ = write!(
        out,
        "<h1>部门预算公开批量生成结果</h1>\n<p>共 {} 个部门：已生成 {}，未变化 {}，失败 {}。</p>\n",
        s.total, s.generated, s.unchanged, s.failed
    );
    for d in &s.duplicate_names {
        let _ = writeln!(out, "<p class=\"warn\">{}</p>", e(&d.warning()));
    }
    out.push_str("<table>\n<thead><tr><th>部门</th><th>状态</th><th>错误</th><th>警告</th><th>文件</th><th>变化</th><th>输入</th><th>原因</th></tr></thead>\n<tbody>\n");
    // The failed departments first, with their reasons: they are what needs doing.
    let failed = s.departments.iter().filter(|r| r.status == Status::Failed);
    let others = s.departments.iter().filter(|r| r.status != Status::Failed);
    for r in failed.chain(others) {
        let class = if r.status == Status::Failed { " class=\"failed\"" } else { "" };
        let links: Vec<String> = r
            .files
            .iter()
            .map(|f| {
                let ext = f.rsplit('.').next().unwrap_or("");
                format!("<a href=\"{}\">{}</a>", url_path(f), e(ext))
            })
            .collect();
        let _ = writeln!(
            out,
            "<tr{class}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(r.name.as_deref().unwrap_or("—")),
            r.status.label(),
            r.errors,
            r.warnings,
            links.join(" "),
            r.changes.as_deref().map_or(String::new(), |c| format!("<a href=\"{}\">变化</a>", url_path(c))),
            e(&r.input),
            reasons(r).iter().map(|m| e(m).replace('\n', "<br>")).collect::<Vec<_>>().join("<br>"),
        );
    }
    out.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_percent_encoded() {
        assert_eq!(url_path("甲#局/甲#局.pdf"), "%E7%94%B2%23%E5%B1%80/%E7%94%B2%23%E5%B1%80.pdf");
        assert_eq!(url_path("a b%/c?.html"), "a%20b%25/c%3F.html");
    }
}
