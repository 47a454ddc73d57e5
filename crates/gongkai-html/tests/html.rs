//! The HTML document of the example: every table figure and every narrative figure of the
//! published disclosure, Office conventions, escaping, self-containment, determinism.

use std::path::PathBuf;

use gongkai_html::{HtmlOptions, html};
use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::document::Document;
use gongkai_templates::build;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn doc_from(text: &str) -> Document {
    let budget = gongkai_yaml::parse_clean(text.as_bytes(), "x.yaml").unwrap();
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    build(&budget, &profile).unwrap()
}

fn example_html() -> String {
    let text = std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml")).unwrap();
    html(&doc_from(&text), &HtmlOptions::default()).unwrap()
}

/// Text content: tags removed, entities decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The data rows of the table with HTML id `id`, as printed cell texts.
fn rows_of(html: &str, id: &str) -> Vec<Vec<String>> {
    let start = html.find(&format!("<div id=\"{id}\"")).unwrap_or_else(|| panic!("no table {id}"));
    let section = &html[start..];
    let body = &section[section.find("<tbody>").unwrap()..];
    let body = &body[..body.find("</tbody>").unwrap()];
    body.split("<tr")
        .skip(1)
        .map(|tr| {
            let mut cells: Vec<String> =
                tr.split("<td").skip(1).map(|td| text_of(&format!("<td{td}")).trim().to_owned()).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect()
}

#[test]
fn every_figure_of_the_eleven_tables() {
    let html = example_html();
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/changji-2025-tables.tsv")).unwrap();
    let mut checked = 0;
    for id in ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t10", "t11"] {
        let want: Vec<Vec<String>> = fixture
            .lines()
            .filter(|l| l.starts_with(&format!("{id}\t")))
            .map(|l| l.split('\t').skip(1).map(str::to_owned).collect())
            .collect();
        assert_eq!(rows_of(&html, id), want, "{id}");
        checked += want.len();
    }
    assert_eq!(checked, 169);
    let text = squash(&text_of(&html));
    for sentence in [
        "昌吉回族自治州环境污染监控中心2025年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。",
        "昌吉回族自治州环境污染监控中心2025年没有使用国有资本经营预算拨款安排的支出，国有资本经营预算支出情况表为空表。",
    ] {
        assert!(text.contains(sentence), "{sentence}");
    }
}

/// Every figure clause of the published 第三部分 (tests/fixtures/changji-2025-narrative.txt)
/// appears in ours, except where we differ on purpose (listed, with the reason).
#[test]
fn every_narrative_figure_of_the_published_part_three() {
    let text = squash(&text_of(&example_html()));
    let published =
        std::fs::read_to_string(root().join("tests/fixtures/changji-2025-narrative.txt")).unwrap();
    // Where we print otherwise on purpose, each with its reason.
    let differences =
        std::fs::read_to_string(root().join("tests/fixtures/changji-2025-narrative-differences.txt"))
            .unwrap();
    let intended: Vec<&str> = differences.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    let mut clauses = 0;
    let mut missing = Vec::new();
    for clause in published.lines().filter(|l| !l.starts_with('#')) {
        clauses += 1;
        if !text.contains(clause) && !intended.iter().any(|i| clause.contains(i)) {
            missing.push(clause.to_owned());
        }
    }
    assert_eq!(clauses, 68);
    assert!(missing.is_empty(), "published clauses missing from the HTML: {missing:#?}");
    // The shares and changes the narrative issue lists, explicitly.
    for figure in [
        "398.47万元，占56.88%",
        "下降23.66%",
        "增长96.62%",
        "占49.30%",
        "占50.70%",
        "增长6.60%",
        "增长2.26%",
        "下降73.19%",
        "占3.89%",
        "占1.39%",
        "占92.63%",
        "占2.10%",
        "增长27.50%",
        "增长27.65%",
        "下降2.08%",
        "增长28.00%",
        "增长50.00%",
        "下降88.09%",
        "增长16.12%",
        "增长28.86%",
        "增长2,002.35%",
        "2,084.15万元",
    ] {
        assert!(text.contains(figure), "{figure}");
    }
}

#[test]
fn office_conventions_and_self_contained() {
    let html = example_html();
    for needle in [
        "<html lang=\"zh-CN\"",
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\"",
        "<w:View>Print</w:View>",
        "@page WordSection1",
        "mso-page-orientation: landscape",
        "<div class=\"WordSection2\">",
        "mso-break-type:section-break",
        "<thead>",
        "<a href=\"#t6\">六、一般公共预算基本支出情况表</a>",
        "<div id=\"t6\"",
        "仿宋_GB2312",
        "Noto Serif CJK SC",
    ] {
        assert!(html.contains(needle), "{needle}");
    }
    for external in ["<link", "<script", "src=", "@import", "url("] {
        assert!(!html.contains(external), "external reference {external}");
    }
    // Every TOC link has its target.
    for href in html.split("href=\"#").skip(1) {
        let id = &href[..href.find('"').unwrap()];
        assert!(html.contains(&format!("id=\"{id}\"")), "dangling link #{id}");
    }
}

#[test]
fn user_strings_are_escaped() {
    let text = std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml"))
        .unwrap()
        .replace("name: 昌吉回族自治州环境污染监控中心", "name: \"<script>alert('x')</script>&局\"")
        .replace("reason: 大气资金项目较上年安排有所增加", "reason: \"<b onclick=x>加粗</b>\"");
    let out = html(&doc_from(&text), &HtmlOptions::default()).unwrap();
    assert!(!out.contains("<script>"));
    assert!(!out.contains("<b onclick"));
    assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;局"));
    assert!(out.contains("&lt;b onclick=x&gt;加粗&lt;/b&gt;"));
}

#[test]
fn same_input_same_bytes() {
    assert_eq!(example_html(), example_html());
}
