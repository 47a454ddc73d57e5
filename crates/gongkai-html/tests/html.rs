//! The HTML document of the example: every table figure and every narrative figure of the
//! published disclosure, Office conventions, escaping, self-containment, determinism.

use std::path::PathBuf;

use gongkai_html::{HtmlOptions, html};
use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::document::{Block, Document};
use gongkai_model::money::MoneyUnit;
use gongkai_model::table::{
    Cell, Column, ColumnKind, HeaderCell, Layout, NumberFormat, NumberPosition, Orientation, Row, RowKind,
    Table, Zero,
};
use gongkai_templates::build;
use rust_decimal::Decimal;

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

fn example_doc() -> Document {
    doc_from(&std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml")).unwrap())
}

/// A table in 元, whole numbers, zero as `0` (or `-`), no 编制部门 line, the number inline,
/// a percentage column.
fn yuan_table(zero: Zero) -> Table {
    let column = |kind, label: &str| Column { id: None, kind, label: label.into(), width: 12 };
    let amount = |t: &str| Cell::Amount(t.parse::<Decimal>().unwrap());
    let percent = |t: &str| Cell::Percent(t.parse::<Decimal>().unwrap());
    let row = |kind, key: &str, cells| Row {
        kind,
        key: key.into(),
        level: 1,
        children: vec![],
        right_children: vec![],
        cells,
    };
    Table {
        id: "p1".into(),
        number: "预算01表".into(),
        title: "收支预算总表".into(),
        org: "测试局".into(),
        unit: "元".into(),
        columns: vec![
            column(ColumnKind::Text, "项目"),
            column(ColumnKind::Amount, "本年预算数"),
            column(ColumnKind::Amount, "上年预算数"),
            column(ColumnKind::Amount, "增减幅度"),
        ],
        header: ["项目", "本年预算数", "上年预算数", "增减幅度"]
            .iter()
            .enumerate()
            .map(|(col, text)| HeaderCell { text: (*text).into(), row: 0, col, rowspan: 1, colspan: 1 })
            .collect(),
        header_rows: 1,
        rows: vec![
            row(
                RowKind::Total,
                "total",
                vec![Cell::Text("合计".into()), amount("1234.56785"), amount("-0.00004"), percent("12.345")],
            ),
            row(
                RowKind::Item,
                "a",
                vec![Cell::Text("项目甲".into()), amount("0.00005"), amount("-1.23456"), percent("-55.764")],
            ),
        ],
        empty_note: None,
        notes: vec![],
        spans: vec![],
        format: NumberFormat {
            unit: MoneyUnit::Yuan,
            decimals: 0,
            zero,
            separators: true,
            percent_decimals: 2,
        },
        layout: Layout {
            org_label: None,
            unit_label: Some("金额单位".into()),
            number_position: NumberPosition::Inline,
            orientation: Orientation::Portrait,
            continued: None,
        },
    }
}

fn html_of(tables: Vec<Table>) -> String {
    let mut doc = example_doc();
    doc.blocks = tables.into_iter().map(Block::Table).collect();
    html(&doc, &HtmlOptions::default()).unwrap()
}

/// The part of `html` from `<div id="{id}"` to its grid.
fn heading_of<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<div id=\"{id}\"")).unwrap();
    let rest = &html[start..];
    &rest[..rest.find("<table class=\"grid\"").unwrap()]
}

#[test]
fn tables_print_their_own_numbers_and_heading() {
    let dash = Table { id: "p2".into(), number: "预算02表".into(), ..yuan_table(Zero::Dash) };
    let out = html_of(vec![yuan_table(Zero::Zero), dash]);
    assert_eq!(
        rows_of(&out, "p1"),
        [["合计", "12,345,679", "0", "12.35%"], ["项目甲", "1", "-12,346", "-55.76%"]]
    );
    assert_eq!(
        rows_of(&out, "p2"),
        [["合计", "12,345,679", "-", "12.35%"], ["项目甲", "1", "-12,346", "-55.76%"]]
    );
    // The number inline before the title, no number line, no 编制部门, the unit at the right.
    let heading = heading_of(&out, "p1");
    assert!(!heading.contains("class=\"tno\""), "{heading}");
    assert!(heading.contains(">预算01表 收支预算总表</p>"), "{heading}");
    assert!(!heading.contains("编制部门"), "{heading}");
    assert!(heading.contains("<td class=\"m\" align=\"right\">金额单位：元</td>"), "{heading}");
    // Excel, opening the file, reads the figures in the table's own formats.
    assert!(
        out.contains("mso-number-format:&#39;\\#\\,\\#\\#0\\;\\-\\#\\,\\#\\#0\\;\\#\\,\\#\\#0\\;\\@&#39;"),
        "0 decimals"
    );
    assert!(out.contains("\\;\\&quot;\\-\\&quot;\\;"), "dash zero");
    assert!(out.contains("mso-number-format:&#39;0\\.00\\%&#39;"), "percent");
    // Default layout: the number on its own line, centred; both lines; unnumbered: none.
    let mut plain = yuan_table(Zero::Blank);
    plain.layout = Layout::default();
    let mut unnumbered = Table { id: "p3".into(), number: String::new(), ..plain.clone() };
    unnumbered.layout.number_position = NumberPosition::AboveRight;
    let out = html_of(vec![plain, unnumbered]);
    let heading = heading_of(&out, "p1");
    assert!(heading.contains("<p class=\"tno\" align=\"center\">预算01表</p>"), "{heading}");
    assert!(
        heading.contains(">编制部门：测试局</td><td class=\"m\" align=\"right\">单位：元</td>"),
        "{heading}"
    );
    let heading = heading_of(&out, "p3");
    assert!(!heading.contains("class=\"tno\"") && heading.contains(">收支预算总表</p>"), "{heading}");
}

/// Which table ids of the HTML sit in the landscape section.
fn landscape_in_html(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for section in html.split("<div class=\"WordSection").skip(1) {
        if section.starts_with('2') {
            for div in section.split("<div id=\"").skip(1) {
                out.push(div[..div.find('"').unwrap()].to_owned());
            }
        }
    }
    out
}

/// The PDF's landscape tables: the outline entry of each table points to its first page.
fn landscape_in_pdf(doc: &Document) -> Vec<String> {
    let bytes = gongkai_pdf::pdf(doc, &gongkai_pdf::PdfOptions::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let titles: Vec<(String, String)> =
        doc.tables().map(|t| (format!("{} {}", t.number, t.title), t.id.clone())).collect();
    let mut out = Vec::new();
    let mut stack = vec![pdf.catalog().unwrap().get(b"Outlines").unwrap().as_reference().unwrap()];
    while let Some(id) = stack.pop() {
        let node = pdf.get_dictionary(id).unwrap();
        for key in [b"First".as_slice(), b"Next".as_slice()] {
            if let Ok(next) = node.get(key).and_then(lopdf::Object::as_reference) {
                stack.push(next);
            }
        }
        let Ok(title) = node.get(b"Title").and_then(lopdf::Object::as_str) else { continue };
        let units: Vec<u16> = title[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        let title = String::from_utf16_lossy(&units);
        let Some((_, id)) = titles.iter().find(|(t, _)| *t == title) else { continue };
        let dest = match node.get(b"Dest").unwrap() {
            lopdf::Object::Reference(r) => pdf.get_object(*r).unwrap().as_array().unwrap(),
            other => other.as_array().unwrap(),
        };
        let page = pdf.get_dictionary(dest[0].as_reference().unwrap()).unwrap();
        let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let n = |o: &lopdf::Object| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32);
        if n(&media[2]) > n(&media[3]) {
            out.push(id.clone());
        }
    }
    out.sort_by_key(|id| titles.iter().position(|(_, t)| t == id));
    out
}

/// The xlsx's landscape sheets, by the table each one holds.
fn landscape_in_xlsx(doc: &Document) -> Vec<String> {
    use std::io::Read as _;
    let bytes = gongkai_xlsx::xlsx(doc, &gongkai_xlsx::XlsxOptions::default()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for (i, table) in doc.tables().enumerate() {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1)).unwrap().read_to_string(&mut xml).unwrap();
        let setup = &xml[xml.find("<pageSetup ").unwrap()..];
        if setup[..setup.find("/>").unwrap()].contains("orientation=\"landscape\"") {
            out.push(table.id.clone());
        }
    }
    out
}

#[test]
fn the_three_formats_turn_the_same_tables_sideways() {
    let doc = example_doc();
    let profile: Vec<String> = doc
        .tables()
        .filter(|t| t.layout.orientation == Orientation::Landscape)
        .map(|t| t.id.clone())
        .collect();
    // The xinjiang-11 bundle's choice: 表2, 表4, 表7, 表8, 表9, 表11.
    assert_eq!(profile, ["t2", "t4", "t7", "t8", "t9", "t11"]);
    let html = html(&doc, &HtmlOptions::default()).unwrap();
    let tables: Vec<String> = doc.tables().map(|t| t.id.clone()).collect();
    let html_tables: Vec<String> =
        landscape_in_html(&html).into_iter().filter(|id| tables.contains(id)).collect();
    assert_eq!(html_tables, profile, "HTML");
    assert_eq!(landscape_in_pdf(&doc), profile, "PDF");
    assert_eq!(landscape_in_xlsx(&doc), profile, "xlsx");
    // Forms keep their own (portrait) layout in the HTML as in the PDF.
    for block in &doc.blocks {
        if let Block::Form { table, .. } = block {
            assert_eq!(table.layout.orientation, Orientation::Portrait);
            assert!(!landscape_in_html(&html).contains(&table.id), "{}", table.id);
        }
    }
}

/// The rules of the stylesheets, `selector { … }`, outside `@page` and `@media` blocks.
fn css_rules(html: &str) -> Vec<(String, String)> {
    let mut rules = Vec::new();
    for style in html.split("<style>").skip(1) {
        let css = &style[..style.find("</style>").unwrap()];
        let mut depth = 0;
        let mut selector = String::new();
        let mut body = String::new();
        let mut skip = false;
        for c in css.chars() {
            match c {
                '{' => {
                    if depth == 0 {
                        skip = selector.trim().starts_with('@');
                    }
                    depth += 1;
                }
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        if !skip {
                            rules.push((selector.trim().to_owned(), body.trim().to_owned()));
                        }
                        selector.clear();
                        body.clear();
                    }
                }
                c if depth == 0 => selector.push(c),
                c => body.push(c),
            }
        }
    }
    rules
}

/// LibreOffice Writer applies simple selectors only and ignores `em`: the stylesheet keeps
/// to that, so the grid's size, indents and heading faces reach Writer.
#[test]
fn every_style_rule_reaches_libreoffice_writer() {
    let html = example_html();
    let rules = css_rules(&html);
    assert!(rules.len() > 30, "{rules:?}");
    for (selector, body) in &rules {
        for one in selector.split(',') {
            let one = one.trim();
            let simple = one.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '#' | '_'));
            assert!(simple, "`{one}` is not a simple selector: Writer would ignore it");
        }
        let lengths = body.replace(['{', '}'], " ");
        assert!(
            !lengths
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
                .any(|w| w.ends_with("em") && w[..w.len() - 2].parse::<f64>().is_ok()),
            "{selector}: em length in {body}"
        );
    }
    // Everything the rules naming `selector` give it.
    let rule = |selector: &str| -> String {
        rules
            .iter()
            .filter(|(s, _)| s.split(',').any(|p| p.trim() == selector))
            .map(|(_, b)| b.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    assert!(rule(".n").contains("font-size: 9pt"), "grid size");
    // Writer ignores `td.n`: cells are styled by class alone.
    assert!(!rules.iter().any(|(s, _)| s.split(',').any(|p| p.trim().starts_with("td."))), "{rules:?}");
    assert!(rule("p.body").contains("text-indent: 32pt"), "two-character indent");
    assert!(rule("h2").contains("黑体") && rule("h3").contains("楷体"), "heading faces");
    for keep in ["h1", "h2", "h3", "p.tno", "p.ttitle", "table.meta"] {
        assert!(rule(keep).contains("page-break-after: avoid"), "{keep} stays with what follows");
    }
}

/// Writer lays a table out no narrower than its widest unbreakable figures: at the grid's
/// 9 pt, every table of the example fits Writer's portrait text width (A4 less 2 cm and
/// 1 cm, about 510 pt), where 表2 lost columns 7–12 before.
#[test]
fn every_table_fits_libreoffice_writers_page() {
    let doc = example_doc();
    let html = html(&doc, &HtmlOptions::default()).unwrap();
    for t in doc.tables() {
        let section = &html[html.find(&format!("<div id=\"{}\"", t.id)).unwrap()..];
        let section = &section[section.find("<table class=\"grid\"").unwrap()..];
        let grid = &section[..section.find("</table>\n").unwrap()];
        assert!(grid.contains("<table class=\"grid\" width=\"100%\""), "{}", t.id);
        let cols: Vec<u32> =
            grid.split("<col width=\"").skip(1).map(|c| c[..c.find('%').unwrap()].parse().unwrap()).collect();
        assert_eq!(cols.len(), t.columns.len(), "{}", t.id);
        assert!(cols.iter().sum::<u32>() <= 100, "{}: {cols:?}", t.id);
        // Digits are half an em wide, CJK a full em (any character a break), plus 6 pt of
        // padding and a border.
        let min: f64 = (0..t.columns.len())
            .map(|c| {
                let widest = t
                    .rows
                    .iter()
                    .map(|r| {
                        let text = t.show(&r.cells[c]);
                        let figure = text.is_ascii();
                        if figure { text.len() as f64 * 4.5 } else { 9.0 }
                    })
                    .fold(9.0, f64::max);
                widest + 7.0
            })
            .sum();
        assert!(min <= 510.0, "{}: at least {min:.0} pt wide", t.id);
    }
}

/// Page numbers in Writer: the footer in LibreOffice's convention, twice (Writer numbers
/// only its right-hand pages after the first; `scripts/check-html.sh` counts the pages),
/// hidden from Word by a conditional comment and from browsers by the browser-only
/// stylesheet.
#[test]
fn libreoffice_writer_gets_a_page_number_footer() {
    let html = example_html();
    let footer = "<!--[if !mso]><!--><div title=\"footer\" class=\"lofooter\">";
    assert_eq!(html.matches(footer).count(), 2);
    assert_eq!(html.matches("title=\"footer\"").count(), 2);
    for (at, _) in html.match_indices(footer) {
        let end = html[at..].find("<!--<![endif]-->").unwrap();
        assert!(html[at..at + end].contains("<sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield>"));
    }
    assert!(html.contains("div.lofooter { display: none; }"));
    // The cover is not numbered when printed from a browser, as in the PDF, nor in Writer
    // (its unnamed first-page rule).
    assert!(html.contains("@page WordSection1:first { @bottom-center { content: none; } }"));
    assert!(html.contains("\n@page :first { @bottom-center { content: none; } }"));
}

/// On screen: a page of readable width on a grey desk, the cover apart from the 目录,
/// room between tables; none of it reaches print, Word or Writer.
#[test]
fn on_screen_a_readable_page() {
    let html = example_html();
    let browser = &html[html.find("<!--[if !mso]><!--><style>").unwrap()..];
    let browser = &browser[..browser.find("</style><!--<![endif]-->").unwrap()];
    let screen = &browser[browser.find("@media screen {").unwrap()..];
    for rule in
        ["max-width: 900px", "margin: 24px auto", "div.cover { min-height", "div.tbl, div.form { margin-top"]
    {
        assert!(screen.contains(rule), "{rule}");
    }
}

/// The merged cells of the table in the `<div id="id">`, as (row, column, rowspan,
/// colspan) placed the way a browser places them: each cell in the first column no cell
/// of an earlier row still covers.
fn merged_cells_of(html: &str, id: &str) -> Vec<(usize, usize, usize, usize)> {
    let start = html.find(&format!("<div id=\"{id}\"")).unwrap_or_else(|| panic!("no form {id}"));
    let section = &html[start..];
    let body = &section[section.find("<tbody>").unwrap()..section.find("</tbody>").unwrap()];
    let attr = |td: &str, name: &str| -> usize {
        let open = &td[..td.find('>').unwrap()];
        open.find(&format!(" {name}=\"")).map_or(1, |at| {
            let rest = &open[at + name.len() + 3..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
    };
    let mut covered_until: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (r, tr) in body.split("<tr").skip(1).enumerate() {
        let mut col = 0;
        for td in tr.split("<td").skip(1) {
            while covered_until.get(col).is_some_and(|&until| until > r) {
                col += 1;
            }
            let (rowspan, colspan) = (attr(td, "rowspan"), attr(td, "colspan"));
            if covered_until.len() < col + colspan {
                covered_until.resize(col + colspan, 0);
            }
            for until in &mut covered_until[col..col + colspan] {
                *until = r + rowspan;
            }
            if rowspan > 1 || colspan > 1 {
                out.push((r, col, rowspan, colspan));
            }
            col += colspan;
        }
    }
    out.sort_unstable();
    out
}

#[test]
fn forms_merge_their_cells_as_the_model_does() {
    let doc = example_doc();
    let html = html(&doc, &HtmlOptions::default()).unwrap();
    let mut forms = 0;
    for block in &doc.blocks {
        let Block::Form { table, .. } = block else { continue };
        forms += 1;
        let mut want: Vec<(usize, usize, usize, usize)> =
            table.spans.iter().map(|s| (s.row, s.col, s.rowspan, s.colspan)).collect();
        want.sort_unstable();
        assert_eq!(merged_cells_of(&html, &table.id), want, "{}", table.id);
        assert!(want.iter().any(|s| s.2 > 1 && s.3 == 1), "{}: its 一级指标 merge", table.id);
    }
    assert_eq!(forms, 3);
}

/// A part heading stays on the page of the table right under it, as in the PDF: that
/// table does not start a page of its own, and a landscape one takes the heading into its
/// landscape section. Chromium printed 第二部分's heading alone on a page before.
#[test]
fn a_part_heading_shares_the_page_of_the_table_under_it() {
    let portrait = yuan_table(Zero::Zero);
    let mut landscape = yuan_table(Zero::Zero);
    landscape.id = "t9".into();
    landscape.layout.orientation = gongkai_model::table::Orientation::Landscape;
    let heading = |id: &str| Block::Heading { level: 1, text: format!("第{id}部分"), id: id.into() };
    let mut doc = example_doc();
    doc.blocks = vec![
        heading("p1"),
        Block::Table(portrait.clone()),
        Block::Paragraph { text: "正文。".into(), strong: 0 },
        heading("p2"),
        Block::Table(landscape),
    ];
    let out = html(&doc, &HtmlOptions::default()).unwrap();
    let div = |id: &str| {
        let start = out.find(&format!("<div id=\"{id}\"")).unwrap();
        out[start..start + out[start..].find('>').unwrap()].to_owned()
    };
    assert!(!div(&portrait.id).contains("pb"), "{}", div(&portrait.id));
    let sections: Vec<&str> = out.split("<div class=\"WordSection").skip(1).collect();
    let with_p2 = sections.iter().find(|s| s.contains("id=\"p2\"")).unwrap();
    assert!(
        with_p2.starts_with('2') && with_p2.contains("<div id=\"t9\""),
        "第p2部分 heads the landscape section"
    );
}
