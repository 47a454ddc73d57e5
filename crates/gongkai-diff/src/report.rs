//! Change lists laid out for people: terminal text (coloured or marked `[-旧-]{+新+}`)
//! and a self-contained HTML page. Every label is Chinese; user text passes through the
//! caller's `visible` so that no control character reaches a terminal raw.

use std::fmt::Write as _;

use gongkai_model::diag::Diagnostic;
use rust_decimal::Decimal;

use crate::last_year::{Explained, YearReport};
use crate::{CellValue, Changes, FieldChange, Marked, RowRef, SentenceKind, TableChange};

/// How terminal text is written.
pub struct Style<'a> {
    /// ANSI colours (a terminal, NO_COLOR unset) instead of `[-…-]{+…+}` marks.
    pub colour: bool,
    /// Makes user text safe to print (escapes control characters).
    pub visible: &'a dyn Fn(&str) -> String,
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

impl Style<'_> {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour { format!("{code}{text}{RESET}") } else { text.to_owned() }
    }

    fn before(&self, text: &str) -> String {
        if self.colour { format!("{RED}{text}{RESET}") } else { format!("[-{text}-]") }
    }

    fn after(&self, text: &str) -> String {
        if self.colour { format!("{GREEN}{text}{RESET}") } else { format!("{{+{text}+}}") }
    }

    fn marked(&self, m: &Marked, old: bool) -> String {
        let mut out = String::new();
        for p in &m.parts {
            let text = (self.visible)(&p.text);
            if p.changed {
                out.push_str(&if old { self.before(&text) } else { self.after(&text) });
            } else {
                out.push_str(&text);
            }
        }
        out
    }
}

/// An exact value without trailing zeros: `398.468`.
fn exact(d: Decimal) -> String {
    d.normalize().to_string()
}

fn shown(v: &CellValue) -> String {
    if v.printed.is_empty() { "（空）".to_owned() } else { v.printed.clone() }
}

fn exact_pair(old: &CellValue, new: &CellValue) -> String {
    match (old.exact, new.exact) {
        (None, None) => String::new(),
        (o, n) => {
            format!("（精确值 {} → {}）", o.map_or("—".to_owned(), exact), n.map_or("—".to_owned(), exact))
        }
    }
}

fn row_name(r: &RowRef) -> String {
    match (r.code.is_empty(), r.name.is_empty()) {
        (false, false) => format!("{} {}", r.code, r.name),
        (false, true) => r.code.clone(),
        (true, false) => r.name.clone(),
        (true, true) => r.key.clone(),
    }
}

fn table_head(t: &TableChange) -> String {
    if t.number.is_empty() { t.title.clone() } else { format!("{} {}", t.number, t.title) }
}

fn finding_line(d: &Diagnostic) -> String {
    let place =
        d.location.as_ref().map(ToString::to_string).or_else(|| d.path.as_ref().map(ToString::to_string));
    let place = place.map(|p| format!("{p}: ")).unwrap_or_default();
    format!("{place}{}[{}]: {}", d.severity.label(), d.rule, d.message)
}

/// The change list as terminal text; ends with a summary line.
pub fn human(changes: &Changes, style: &Style<'_>) -> String {
    let v = style.visible;
    let mut out = String::new();
    if changes.is_empty() {
        out.push_str("两份公开文件相同，检查结果也相同。\n");
        return out;
    }
    if !changes.document.is_empty() {
        let _ = writeln!(out, "{}", style.paint(BOLD, "文档"));
        for f in &changes.document {
            let _ =
                writeln!(out, "  {}：{} → {}", f.field, style.before(&v(&f.old)), style.after(&v(&f.new)));
        }
        out.push('\n');
    }
    for t in &changes.tables {
        let _ = writeln!(out, "{}（{}）", style.paint(BOLD, &v(&table_head(t))), t.status.label());
        for f in &t.texts {
            let _ =
                writeln!(out, "  {}：{} → {}", f.field, style.before(&v(&f.old)), style.after(&v(&f.new)));
        }
        for r in &t.rows_appeared {
            let _ = writeln!(out, "  {}", style.after(&format!("+ 新增行：{}", v(&row_name(r)))));
        }
        for r in &t.rows_went {
            let _ = writeln!(out, "  {}", style.before(&format!("- 删除行：{}", v(&row_name(r)))));
        }
        for c in &t.cells {
            let _ = writeln!(
                out,
                "  {} ｜ {}：{} → {}{}",
                v(&row_name(&c.row)),
                v(&c.column),
                style.before(&v(&shown(&c.old))),
                style.after(&v(&shown(&c.new))),
                style.paint(DIM, &exact_pair(&c.old, &c.new)),
            );
        }
        out.push('\n');
    }
    if !changes.narrative.is_empty() {
        let _ = writeln!(out, "{}", style.paint(BOLD, "情况说明"));
        let mut section = None;
        for s in &changes.narrative {
            if section != Some(&s.section) {
                let _ = writeln!(out, "  〔{}〕", v(&s.section));
                section = Some(&s.section);
            }
            let _ = writeln!(out, "  {}：", s.kind.label());
            if let Some(o) = &s.old {
                let _ = writeln!(out, "    旧：{}", style.marked(o, true));
            }
            if let Some(n) = &s.new {
                let _ = writeln!(out, "    新：{}", style.marked(n, false));
            }
        }
        out.push('\n');
    }
    if !changes.findings.is_empty() {
        let _ = writeln!(out, "{}", style.paint(BOLD, "检查结果"));
        for d in &changes.findings.appeared {
            let _ = writeln!(out, "  {}", style.after(&format!("+ 新出现 {}", v(&finding_line(d)))));
        }
        for d in &changes.findings.went {
            let _ = writeln!(out, "  {}", style.before(&format!("- 已消失 {}", v(&finding_line(d)))));
        }
        out.push('\n');
    }
    out.push_str(&summary(changes));
    out.push('\n');
    out
}

/// One line counting the changes.
pub fn summary(changes: &Changes) -> String {
    let c = changes.counts();
    let verdict = if changes.identical { "公开文件相同" } else { "公开文件不同" };
    format!(
        "{verdict}：{} 张表有变化（{} 个单元格，{} 行增删），{} 句说明有变化，{} 条检查结果出现或消失。",
        c.tables, c.cells, c.rows, c.sentences, c.findings
    )
}

/// The comparison with last year as terminal text.
pub fn year_human(report: &YearReport, style: &Style<'_>) -> String {
    let v = style.visible;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.paint(BOLD, &format!("{}年与{}年比较（单位：{}）", report.year, report.last_year, report.unit))
    );
    for f in &report.figures {
        let last = f.last.clone().unwrap_or_else(|| "（未知）".to_owned());
        let change = f
            .change
            .as_ref()
            .map_or(String::new(), |c| format!("，{}{}，{}{}%", c.verb, c.amount, c.trend, c.pct));
        let verdict = match f.explained {
            Explained::Yes => style.paint(GREEN, f.explained.label()),
            Explained::NotCompared => style.paint(DIM, f.explained.label()),
            _ => style.paint(RED, f.explained.label()),
        };
        let _ = writeln!(out, "{}：上年 {last}，本年 {}{change}　{verdict}", v(&f.what), f.this);
        if let Some(reason) = &f.reason {
            let _ = writeln!(out, "    原因：{}", v(reason));
        }
    }
    let unexplained = report
        .figures
        .iter()
        .filter(|f| matches!(f.explained, Explained::Missing | Explained::Contradicts))
        .count();
    let _ =
        writeln!(out, "共 {} 个比较的数字，{unexplained} 个原因缺失或与增减方向相反。", report.figures.len());
    out
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn marked_html(m: &Marked, old: bool) -> String {
    let tag = if old { "del" } else { "ins" };
    let mut out = String::new();
    for p in &m.parts {
        if p.changed {
            let class = if p.figure { " class=\"figure\"" } else { "" };
            let _ = write!(out, "<{tag}{class}>{}</{tag}>", esc(&p.text));
        } else {
            out.push_str(&esc(&p.text));
        }
    }
    out
}

const CSS: &str = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;\
margin:2em auto;max-width:72em;color:#222;line-height:1.5;padding:0 1em}\
h1{font-size:1.5em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:2px solid #ddd;padding-bottom:.2em}\
h3{font-size:1.05em;margin:1.2em 0 .4em}.summary{color:#555}.status{font-weight:normal;font-size:.85em;color:#555;\
background:#eee;border-radius:3px;padding:0 .4em;margin-left:.5em}\
table{border-collapse:collapse;width:100%;margin:.4em 0 1em}th,td{border:1px solid #ccc;padding:.25em .5em;\
vertical-align:top;text-align:left}th{background:#f4f4f4;font-weight:600}td.num{text-align:right;\
font-variant-numeric:tabular-nums;white-space:nowrap}td.exact{color:#777;font-size:.85em;text-align:right;white-space:nowrap}\
.old{background:#fff1f0}.new{background:#effbef}del{background:#ffc9c4;text-decoration:line-through;\
text-decoration-color:#b00}ins{background:#b7ebb7;text-decoration:none}del.figure,ins.figure{font-weight:700;\
padding:0 .1em;border-radius:2px}.section{color:#555;font-size:.9em}.row-add{color:#17631a}.row-del{color:#a01010}\
.same{font-size:1.1em;color:#17631a}";

/// The change list as a self-contained HTML page titled `title`.
pub fn html(changes: &Changes, title: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n",
        esc(title),
        esc(title),
        esc(&summary(changes))
    );
    if changes.is_empty() {
        out.push_str("<p class=\"same\">两份公开文件相同，检查结果也相同。</p>\n</body>\n</html>\n");
        return out;
    }
    if !changes.document.is_empty() {
        out.push_str("<h2>文档</h2>\n");
        field_table(&mut out, &changes.document);
    }
    if !changes.tables.is_empty() {
        out.push_str("<h2>公开表</h2>\n");
    }
    for t in &changes.tables {
        let _ = writeln!(
            out,
            "<h3>{}<span class=\"status\">{}</span></h3>",
            esc(&table_head(t)),
            esc(t.status.label())
        );
        if !t.texts.is_empty() {
            field_table(&mut out, &t.texts);
        }
        if !t.rows_appeared.is_empty() || !t.rows_went.is_empty() {
            out.push_str("<ul>\n");
            for r in &t.rows_appeared {
                let _ = writeln!(out, "<li class=\"row-add\">新增行：{}</li>", esc(&row_name(r)));
            }
            for r in &t.rows_went {
                let _ = writeln!(out, "<li class=\"row-del\">删除行：{}</li>", esc(&row_name(r)));
            }
            out.push_str("</ul>\n");
        }
        if !t.cells.is_empty() {
            out.push_str(
                "<table>\n<tr><th>行</th><th>栏</th><th>原来</th><th>现在</th><th>精确值（万元或%）</th></tr>\n",
            );
            for c in &t.cells {
                let exact_of = |v: &CellValue| v.exact.map_or("—".to_owned(), exact);
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td class=\"num old\">{}</td><td class=\"num new\">{}</td>\
                     <td class=\"exact\">{} → {}</td></tr>",
                    esc(&row_name(&c.row)),
                    esc(&c.column),
                    esc(&shown(&c.old)),
                    esc(&shown(&c.new)),
                    esc(&exact_of(&c.old)),
                    esc(&exact_of(&c.new)),
                );
            }
            out.push_str("</table>\n");
        }
    }
    if !changes.narrative.is_empty() {
        out.push_str("<h2>情况说明</h2>\n<table>\n<tr><th style=\"width:4em\">变化</th><th>原来</th><th>现在</th></tr>\n");
        let mut section = None;
        for s in &changes.narrative {
            if section != Some(&s.section) {
                let _ =
                    writeln!(out, "<tr><td colspan=\"3\" class=\"section\">{}</td></tr>", esc(&s.section));
                section = Some(&s.section);
            }
            let side =
                |m: &Option<Marked>, old: bool| m.as_ref().map_or(String::new(), |m| marked_html(m, old));
            let whole = |m: &Option<Marked>, tag: &str| {
                m.as_ref().map_or(String::new(), |m| format!("<{tag}>{}</{tag}>", esc(&m.text)))
            };
            let (o, n) = match s.kind {
                SentenceKind::Changed => (side(&s.old, true), side(&s.new, false)),
                SentenceKind::Added => (String::new(), whole(&s.new, "ins")),
                SentenceKind::Removed => (whole(&s.old, "del"), String::new()),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"old\">{o}</td><td class=\"new\">{n}</td></tr>",
                esc(s.kind.label())
            );
        }
        out.push_str("</table>\n");
    }
    if !changes.findings.is_empty() {
        out.push_str("<h2>检查结果</h2>\n<ul>\n");
        for d in &changes.findings.appeared {
            let _ = writeln!(out, "<li class=\"row-add\">新出现：{}</li>", esc(&finding_line(d)));
        }
        for d in &changes.findings.went {
            let _ = writeln!(out, "<li class=\"row-del\">已消失：{}</li>", esc(&finding_line(d)));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// The comparison with last year as a self-contained HTML page.
pub fn year_html(report: &YearReport, title: &str) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <style>{CSS}</style>\n</head>\n<body>\n<h1>{}</h1>\n<p class=\"summary\">{}年与{}年比较，单位：{}</p>\n\
         <table>\n<tr><th>数字</th><th>上年</th><th>本年</th><th>增减</th><th>幅度</th><th>原因</th><th>是否说明</th></tr>\n",
        esc(title),
        esc(title),
        report.year,
        report.last_year,
        esc(&report.unit)
    );
    for f in &report.figures {
        let (amount, pct) = f.change.as_ref().map_or((String::new(), String::new()), |c| {
            (format!("{}{}", c.verb, c.amount), format!("{}{}%", c.trend, c.pct))
        });
        let class = match f.explained {
            Explained::Yes | Explained::NotCompared => "",
            _ => " class=\"old\"",
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td>{}</td><td{class}>{}</td></tr>",
            esc(&f.what),
            esc(f.last.as_deref().unwrap_or("—")),
            esc(&f.this),
            esc(&amount),
            esc(&pct),
            esc(f.reason.as_deref().unwrap_or("")),
            esc(f.explained.label()),
        );
    }
    out.push_str("</table>\n</body>\n</html>\n");
    out
}

/// A table of changed fields: what, old, new.
fn field_table(out: &mut String, fields: &[FieldChange]) {
    out.push_str("<table>\n<tr><th>项目</th><th>原来</th><th>现在</th></tr>\n");
    for f in fields {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"old\">{}</td><td class=\"new\">{}</td></tr>",
            esc(&f.field),
            esc(&f.old),
            esc(&f.new)
        );
    }
    out.push_str("</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_user_text() {
        assert_eq!(esc("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
    }

    #[test]
    fn exact_values_drop_trailing_zeros() {
        assert_eq!(exact("398.4680".parse().unwrap()), "398.468");
        assert_eq!(exact("8.50".parse().unwrap()), "8.5");
    }
}
