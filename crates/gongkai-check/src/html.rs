//! The report as one self-contained HTML page for reviewers: a summary, the tables read,
//! and every finding with its place and figures.

use crate::Report;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push_str(&format!("&#{};", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Renders the reports of some files (name, report) as one page.
pub fn render(reports: &[(&str, &Report)]) -> String {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    h.push_str("<title>公开文件核对</title>");
    h.push_str(
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}\
         td,th{border:1px solid #999;padding:.2em .5em;vertical-align:top}\
         .错误{color:#b00}.警告{color:#a60}.提示{color:#555}td.n{text-align:right}</style></head><body>\n",
    );
    for (file, report) in reports {
        section(&mut h, file, report);
    }
    h.push_str("</body></html>\n");
    h
}

fn section(h: &mut String, file: &str, report: &Report) {
    use gongkai_model::diag::Severity;
    h.push_str(&format!("<h1>公开文件核对：{}</h1>\n", esc(file)));
    h.push_str(&format!(
        "<p>表套：{}。{} 个错误，{} 个警告，{} 个提示。情况说明中的金额 {} 个，其中与公开表核对 {} 个；重新计算的占比和增减 {} 个。</p>\n",
        esc(&report.profile),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
        report.text_amounts,
        report.text_compared,
        report.text_recomputed
    ));
    h.push_str("<h2>读取的公开表</h2>\n<table><tr><th>表</th><th>是否找到</th><th>读取行数</th><th>识别出的行数</th></tr>\n");
    for t in &report.tables {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            esc(&t.number),
            if t.found { "是" } else { "否" },
            t.rows,
            t.seen
        ));
    }
    h.push_str("</table>\n<h2>发现的问题</h2>\n");
    if report.findings.is_empty() {
        h.push_str("<p>未发现问题。</p>\n");
    } else {
        h.push_str(
            "<table><tr><th>规则</th><th>级别</th><th>位置</th><th>表</th><th>行</th><th>列</th>\
             <th>列示数</th><th>应为</th><th>差额</th><th>说明</th></tr>\n",
        );
        for f in &report.findings {
            let o = |v: &Option<String>| esc(v.as_deref().unwrap_or(""));
            h.push_str(&format!(
                "<tr class=\"{sev}\"><td>{}</td><td>{sev}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>\
                 <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                f.rule,
                esc(&f.place()),
                o(&f.table),
                o(&f.row),
                o(&f.column),
                o(&f.printed),
                o(&f.expected),
                o(&f.difference),
                esc(&f.message),
                sev = f.severity.label()
            ));
        }
        h.push_str("</table>\n");
    }
}
