//! The kinds of document one bundle makes: the department's (部门预算) and, when the
//! bundle has `kinds.unit`, one unit's own (单位预算) from the same input.
//!
//! The two differ in words (`部门` / `预算单位`, `编制部门` / `编制单位`, `本部门` / `本单位`),
//! written once per kind in profile.yaml and put in with `{w.name}`, in the parts they print,
//! and in whatever a table's `unit:` replaces. Each kind is resolved on its own, so every
//! reference of the unit's tables is checked as the department's are.

use std::collections::BTreeMap;

use gongkai_model::diag::Path;
use gongkai_model::rules::Rule;

use crate::file::{FixedRowFile, HeaderFile, RowsFile};
use crate::resolve::{Files, Findings, PROFILE, TABLES};

/// The department's files: its words put in.
pub(crate) fn department(mut files: Files, out: &mut Findings) -> Files {
    let words = files.profile.kinds.department.words.clone();
    put_words(&mut files, &words, "department", out);
    files
}

/// The unit document's files, when the bundle has one: each table's `unit:` in place of
/// what it replaces, the unit's parts and words.
pub(crate) fn unit(files: &Files, out: &mut Findings) -> Option<Files> {
    let kind = files.profile.kinds.unit.clone()?;
    let mut files = files.clone();
    for t in &mut files.tables {
        let Some(v) = t.unit.take() else { continue };
        if let Some(title) = v.title {
            t.title = title;
        }
        if let Some(rows) = v.rows {
            t.rows = rows;
        }
        if let Some(header) = v.header {
            t.header = header;
        }
        if let Some(empty) = v.empty {
            t.empty = empty;
        }
        if let Some(sums) = v.sums {
            t.sums = sums;
        }
        if let Some(format) = v.format {
            t.format = format;
        }
    }
    if let Some(parts) = &kind.parts {
        files.profile.document.parts = parts.clone();
    }
    put_words(&mut files, &kind.words, "unit", out);
    Some(files)
}

/// Puts the kind's words in for `{w.name}` wherever a bundle prints fixed text.
fn put_words(files: &mut Files, words: &BTreeMap<String, String>, kind: &str, out: &mut Findings) {
    let mut missing = std::collections::BTreeSet::new();
    let mut fill = |text: &mut String| fill(text, words, &mut missing);
    let p = &mut files.profile;
    fill(&mut p.document.title);
    for label in [&mut p.table_defaults.org_label, &mut p.table_defaults.unit_label] {
        label.iter_mut().for_each(&mut fill);
    }
    let mut tables_missing = std::collections::BTreeSet::new();
    for t in &mut files.tables {
        let mut fill = |text: &mut String| self::fill(text, words, &mut tables_missing);
        fill(&mut t.title);
        t.empty.note.iter_mut().for_each(&mut fill);
        t.empty.marker.iter_mut().for_each(&mut fill);
        t.format.org_label.iter_mut().for_each(&mut fill);
        t.format.unit_label.iter_mut().for_each(&mut fill);
        headers(&mut t.header, &mut fill);
        rows(&mut t.rows, &mut fill);
    }
    for (file, names) in [(PROFILE, missing), (TABLES, tables_missing)] {
        for name in names {
            out.push(
                file,
                Rule::ProfileBadValue,
                Path::root(),
                format!("用语 {{w.{name}}} 在 kinds.{kind}.words 中没有"),
            )
            .hint = Some(format!("在 profile.yaml 的 kinds.{kind}.words 中写 {name}: 文字"));
        }
    }
}

fn headers(nodes: &mut [HeaderFile], fill: &mut impl FnMut(&mut String)) {
    for h in nodes {
        fill(&mut h.label);
        headers(&mut h.children, fill);
    }
}

fn rows(rows: &mut RowsFile, fill: &mut impl FnMut(&mut String)) {
    let mut fixed = |rows: &mut [FixedRowFile]| rows.iter_mut().for_each(|r| fill(&mut r.label));
    if let Some(f) = &mut rows.fixed {
        fixed(f);
    }
    if let Some(b) = &mut rows.balance {
        fixed(&mut b.left);
        fixed(&mut b.right_top);
        fixed(&mut b.right);
        for pane in &mut b.panes {
            fixed(&mut pane.rows);
        }
        fill(&mut b.left_total);
        fill(&mut b.right_total);
        for pane in &mut b.panes {
            fill(&mut pane.total);
        }
    }
    if let Some(total) = rows.tree.as_mut().and_then(|t| t.total.as_mut()) {
        fill(&mut total.label);
    }
}

/// `text` with every `{w.name}` replaced by its word; names without a word are collected
/// and left as written.
fn fill(
    text: &mut String,
    words: &BTreeMap<String, String>,
    missing: &mut std::collections::BTreeSet<String>,
) {
    if !text.contains("{w.") {
        return;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find("{w.") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 3..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match words.get(name) {
                    Some(word) => out.push_str(word),
                    None => {
                        missing.insert(name.to_owned());
                        out.push_str(&rest[at..at + 3 + end + 1]);
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    *text = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, want: &str, missing: &[&str]) {
        let words: BTreeMap<String, String> = [("table", "预算单位"), ("self", "本单位")]
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        let mut got = text.to_owned();
        let mut gone = std::collections::BTreeSet::new();
        fill(&mut got, &words, &mut gone);
        assert_eq!(got, want);
        assert_eq!(gone.iter().map(String::as_str).collect::<Vec<_>>(), missing);
    }

    #[test]
    fn words_are_put_in_and_unknown_ones_reported() {
        check("{year}年{w.table}收入预算总表", "{year}年预算单位收入预算总表", &[]);
        check("注:{w.self}{year}年无…{w.self}", "注:本单位{year}年无…本单位", &[]);
        check("{w.nope}与{w.table}", "{w.nope}与预算单位", &["nope"]);
        check("{w.open", "{w.open", &[]);
        check("没有用语", "没有用语", &[]);
    }
}
