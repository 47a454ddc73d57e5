//! Defects planted in the text of the example's own PDF (and xlsx): each is caught by
//! its rule, at its place, with the printed and the recomputed figure.

use std::sync::OnceLock;

use gongkai_check::text::Span;
use gongkai_check::{Doc, Report, read_doc};
use gongkai_model::diag::Severity;

use crate::common::{example, lines, profile, render};

fn pdf_doc() -> Doc {
    static DOC: OnceLock<Doc> = OnceLock::new();
    DOC.get_or_init(|| read_doc(&render(&example()).0).unwrap()).clone()
}

/// The document with the first span containing `from` (on a line containing `context`)
/// changed to say `to` instead; panics when there is none, so a test cannot pass by
/// planting nothing.
fn planted(doc: &Doc, context: &str, from: &str, to: &str) -> Doc {
    let mut doc = doc.clone();
    for page in &mut doc.pages {
        for line in &mut page.lines {
            if !line.squeezed().contains(context) {
                continue;
            }
            if let Some(span) = line.spans.iter_mut().find(|s| s.text.contains(from)) {
                span.text = span.text.replacen(from, to, 1);
                return doc;
            }
            // A line of text drawn in several runs: edit it as one.
            let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
            if text.contains(from) {
                let (x0, x1) = (line.spans[0].x0, line.spans[line.spans.len() - 1].x1);
                line.spans =
                    vec![Span { x0, x1, text: text.replacen(from, to, 1), cell: None, number: false }];
                return doc;
            }
        }
    }
    panic!("nothing to plant: {from:?} on a line with {context:?}");
}

fn check(doc: &Doc) -> Report {
    gongkai_check::check(&profile(), doc)
}

fn rules(report: &Report) -> Vec<&'static str> {
    let mut r: Vec<_> = report.findings.iter().map(|f| f.rule).filter(|r| *r != "W726").collect();
    r.sort_unstable();
    r.dedup();
    r
}

#[test]
fn planted_swapped_digits_in_a_table_break_its_sums_and_the_agreements() {
    // 表2 2080505 机关事业单位基本养老保险缴费支出: 10.34 printed as 10.43.
    let doc = planted(&pdf_doc(), "机关事业单位基本养老保险缴费支出10.34", "10.34", "10.43");
    let report = check(&doc);
    let r = rules(&report);
    assert!(r.contains(&"E711"), "{}", lines(&report));
    assert!(r.contains(&"E713"), "{}", lines(&report));
    let sum = report.findings.iter().find(|f| f.rule == "E711").unwrap();
    assert_eq!(sum.printed.as_deref(), Some("15.51"), "{}", lines(&report));
    assert_eq!(sum.expected.as_deref(), Some("15.60"));
    assert_eq!(sum.difference.as_deref(), Some("-0.09"));
    assert!(sum.page.is_some() && sum.line.is_some());
}

#[test]
fn planted_changed_figure_in_the_text_is_an_amount_no_table_holds() {
    // 一般公共预算398.47万元 → 398.74万元: the amount, its share and its change all fail.
    let doc = planted(&pdf_doc(), "一般公共预算398.47万元，占", "398.47", "398.74");
    let report = check(&doc);
    let r = rules(&report);
    assert!(r.contains(&"E721"), "{}", lines(&report));
    let amount = report.findings.iter().find(|f| f.rule == "E721").unwrap();
    assert_eq!(amount.printed.as_deref(), Some("398.74万元"));
    assert_eq!(amount.expected.as_deref(), Some("398.47万元"));
    assert_eq!(amount.difference.as_deref(), Some("0.27"));
}

#[test]
fn planted_wrong_share_is_recomputed() {
    let doc = planted(&pdf_doc(), "占56.88%", "56.88", "58.66");
    let report = check(&doc);
    let share: Vec<_> = report.findings.iter().filter(|f| f.rule == "E723").collect();
    assert_eq!(share.len(), 1, "{}", lines(&report));
    assert_eq!(share[0].printed.as_deref(), Some("58.66%"));
    assert_eq!(share[0].expected.as_deref(), Some("56.88%"));
    assert_eq!(rules(&report), ["E723"], "{}", lines(&report));
}

#[test]
fn planted_yuan_for_wan_is_a_unit_slip() {
    let doc = planted(&pdf_doc(), "一般公共预算398.47万元，占", "398.47万元", "398.47元");
    let report = check(&doc);
    assert!(rules(&report).contains(&"E722"), "{}", lines(&report));
    let unit = report.findings.iter().find(|f| f.rule == "E722").unwrap();
    assert_eq!(unit.printed.as_deref(), Some("398.47元"));
    assert_eq!(unit.expected.as_deref(), Some("398.47万元"));
}

#[test]
fn planted_direction_word_against_the_change() {
    let doc = planted(&pdf_doc(), "下降23.66%", "下降23.66%", "增长23.66%");
    let report = check(&doc);
    assert_eq!(rules(&report), ["E725"], "{}", lines(&report));
}

#[test]
fn planted_wrong_change_percentage_is_recomputed() {
    let doc = planted(&pdf_doc(), "下降23.66%", "23.66", "32.66");
    let report = check(&doc);
    assert_eq!(rules(&report), ["E724"], "{}", lines(&report));
    let f = report.findings.iter().find(|f| f.rule == "E724").unwrap();
    assert_eq!(f.expected.as_deref(), Some("23.66%"));
}

#[test]
fn planted_one_cent_off_is_rounding_not_an_error() {
    // 表3 211 节能环保支出 基本支出 316.01 → 316.02: one unit in the last digit.
    let doc = planted(&pdf_doc(), "211节能环保支出671.18316.01", "316.01", "316.02");
    let report = check(&doc);
    assert_eq!(report.count(Severity::Error), 0, "{}", lines(&report));
    assert!(rules(&report).contains(&"I714"), "{}", lines(&report));
}

#[test]
fn a_table_left_out_is_reported_not_passed() {
    let mut doc = pdf_doc();
    // The title of 表9 no longer printed: the table cannot be found.
    let doc = {
        for page in &mut doc.pages {
            page.lines.retain(|l| l.squeezed() != "国有资本经营预算支出情况表");
        }
        doc
    };
    let report = check(&doc);
    let missing: Vec<_> = report.findings.iter().filter(|f| f.rule == "E703").collect();
    assert_eq!(missing.len(), 1, "{}", lines(&report));
    assert_eq!(missing[0].table.as_deref(), Some("表9"));
}
