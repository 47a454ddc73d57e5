//! The example's workbook, part by part, against committed golden files.
//!
//! In rust_xlsxwriter's manner: unzip the package, print each XML part one element per
//! line, and compare with `tests/golden/xlsx/changji-2025/<part>`. A layout change shows up
//! as a readable diff of the parts it touches. `GONGKAI_BLESS=1` rewrites the files; review
//! the diff before committing it. Beside the golden files, the things that must never
//! change by accident are asserted outright: 表2's merged header and the print settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use crate::common::{document, merges, open, parts, root, workbook_bytes};

fn golden_dir() -> PathBuf {
    root().join("tests/golden/xlsx/changji-2025")
}

/// XML with one element per line, indented by depth; an element holding only text stays
/// on one line with it.
fn pretty(xml: &str) -> String {
    let mut tokens = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let end = if rest.starts_with('<') {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        } else {
            rest.find('<').unwrap_or(rest.len())
        };
        tokens.push(&rest[..end]);
        rest = &rest[end..];
    }
    let is_end = |t: &str| t.starts_with("</");
    let is_text = |t: &str| !t.starts_with('<');
    let mut out = String::new();
    let mut depth = 0usize;
    let mut line = |depth: usize, text: &str| {
        out.push_str(&"  ".repeat(depth));
        out.push_str(text);
        out.push('\n');
    };
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let next = |k: usize| tokens.get(i + k).copied().unwrap_or("<");
        if is_end(t) {
            depth = depth.saturating_sub(1);
            line(depth, t);
        } else if is_text(t) {
            // Whitespace between elements carries nothing.
            if !t.trim().is_empty() {
                line(depth, t);
            }
        } else if t.starts_with("<?") || t.ends_with("/>") {
            line(depth, t);
        } else if is_text(next(1)) && is_end(next(2)) {
            line(depth, &format!("{t}{}{}", next(1), next(2)));
            i += 2;
        } else if is_end(next(1)) {
            line(depth, &format!("{t}{}", next(1)));
            i += 1;
        } else {
            line(depth, t);
            depth += 1;
        }
        i += 1;
    }
    out
}

/// Every file under `dir`, by path relative to it with `/` separators.
fn files(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, base, out);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            let name: Vec<String> =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            out.insert(name.join("/"), std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// Compares the generated parts with the golden files, or rewrites them when blessing.
fn check(got: &BTreeMap<String, String>) {
    let dir = golden_dir();
    if std::env::var("GONGKAI_BLESS").is_ok_and(|v| v == "1") {
        if dir.exists() {
            std::fs::remove_dir_all(&dir).unwrap();
        }
        for (name, text) in got {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }
    let mut want = BTreeMap::new();
    if dir.exists() {
        files(&dir, &dir, &mut want);
    }
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "parts missing from the workbook: {missing:?}; parts without a golden file: {extra:?} \
         (GONGKAI_BLESS=1 rewrites {})",
        dir.display()
    );
    for (name, text) in got {
        let golden = &want[name];
        if text != golden {
            let (n, (g, w)) = text
                .lines()
                .chain(std::iter::repeat("<end of part>"))
                .zip(golden.lines().chain(std::iter::repeat("<end of part>")))
                .enumerate()
                .find(|(_, (g, w))| g != w)
                .unwrap();
            panic!(
                "{name} differs from its golden file at line {}:\n  got:  {g}\n  want: {w}\n\
                 (GONGKAI_BLESS=1 rewrites the golden files; review the diff)",
                n + 1
            );
        }
    }
}

#[test]
fn every_part_matches_its_golden_file() {
    let got: BTreeMap<String, String> =
        parts(workbook_bytes()).into_iter().map(|(name, xml)| (name, pretty(&xml))).collect();
    check(&got);
}

#[test]
fn pretty_printing_puts_one_element_per_line() {
    let xml = r#"<?xml version="1.0"?>
<a x="1"><b/><c>text</c><d></d><e><f> </f></e></a>"#;
    let want = "<?xml version=\"1.0\"?>\n<a x=\"1\">\n  <b/>\n  <c>text</c>\n  <d></d>\n  <e>\n    <f> </f>\n  </e>\n</a>\n";
    assert_eq!(pretty(xml), want);
}

#[test]
fn table_2_header_merges_as_published() {
    let mut book = open(workbook_bytes());
    // 表号 and title over all 16 columns (the number centred, as the profile's `above`
    // says); 编制部门 over all but the last, which holds 单位; then 功能分类科目编码 over
    // 类/款/项, the names and totals over both header rows, 财政拨款（补助） over its seven
    // columns and the last four over both rows.
    let want =
        ["A1:P1", "A2:P2", "A3:O3", "A4:C4", "D4:D5", "E4:E5", "F4:L4", "M4:M5", "N4:N5", "O4:O5", "P4:P5"];
    assert_eq!(merges(&mut book, "表2"), want);
}

/// The value of attribute `name` on the first `<element …>` of `xml`.
fn attr<'a>(xml: &'a str, element: &str, name: &str) -> Option<&'a str> {
    let start = xml.find(&format!("<{element} "))?;
    let tag = &xml[start..start + xml[start..].find('>')?];
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// Every `<tag …>` of `xml`, as the text between `<tag ` and `>`.
fn tags<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    xml.split(open.as_str()).skip(1).map(|t| &t[..t.find('>').unwrap()]).collect()
}

/// The value of attribute `name` in a tag's text.
fn value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = tag[from..].find(&key) {
        let at = from + i;
        if at == 0 || tag.as_bytes()[at - 1] == b' ' {
            let start = at + key.len();
            return Some(&tag[start..start + tag[start..].find('"')?]);
        }
        from = at + key.len();
    }
    None
}

/// The print scale a sheet comes to, in whole percent, computed from its XML as Excel
/// does: column widths (7-pixel digits plus 5 pixels, 0.75 pt a pixel) and row heights
/// against the paper's printable area (margins 0.4 in at the sides, 0.6 in and 0.7 in at
/// top and bottom): the scale that fits it one page wide, and one page tall, each at most
/// 100. Sizes in hundredths of a point, as decimals: no float arithmetic.
fn print_scales(xml: &str, paper: &str, landscape: bool) -> (u32, u32) {
    let number = |tag: &str, name: &str| value(tag, name).unwrap().parse::<Decimal>().unwrap();
    let width: Decimal = tags(xml, "col")
        .iter()
        .map(|c| {
            let span = number(c, "max") - number(c, "min") + Decimal::ONE;
            let pixels = (number(c, "width") * Decimal::from(7) + Decimal::new(5, 1)).trunc();
            span * pixels * Decimal::from(75)
        })
        .sum();
    let height: Decimal = tags(xml, "row").iter().map(|r| number(r, "ht") * Decimal::from(100)).sum();
    let (w, h) = match paper {
        "9" => (59_528, 84_189),
        "8" => (84_189, 119_055),
        other => panic!("paper {other}"),
    };
    let (w, h) = if landscape { (h, w) } else { (w, h) };
    let across = Decimal::from(w - 5_760) * Decimal::from(100) / width;
    let down = Decimal::from(h - 9_360) * Decimal::from(100) / height;
    let percent = |scale: Decimal| u32::try_from(scale.min(Decimal::from(100)).trunc()).unwrap();
    (percent(across), percent(down))
}

#[test]
fn every_sheet_prints_in_its_profile_orientation_at_a_readable_scale_with_its_header_repeated() {
    let parts = parts(workbook_bytes());
    let workbook = &parts["xl/workbook.xml"];
    for (i, table) in document().tables().enumerate() {
        let name = format!("xl/worksheets/sheet{}.xml", i + 1);
        let xml = &parts[&name];
        assert!(workbook.contains(&format!("<sheet name=\"{}\" sheetId=\"{}\"", table.number, i + 1)));
        let landscape = table.layout.orientation == gongkai_model::table::Orientation::Landscape;
        let orientation = if landscape { "landscape" } else { "portrait" };
        assert_eq!(attr(xml, "pageSetup", "orientation"), Some(orientation), "{name}: the profile's");
        let paper = attr(xml, "pageSetup", "paperSize").unwrap_or("9");
        assert_eq!(attr(xml, "pageSetUpPr", "fitToPage"), Some("1"), "{name}: fit to page");
        // fitToWidth defaults to 1 when absent; fitToHeight 1 is one page, 0 as many as needed.
        assert!(matches!(attr(xml, "pageSetup", "fitToWidth"), None | Some("1")), "{name}");
        let one_page = matches!(attr(xml, "pageSetup", "fitToHeight"), None | Some("1"));
        if table.rows.len() <= 40 {
            assert!(one_page, "{name}: {} rows print on one page", table.rows.len());
        }
        let (across, down) = print_scales(xml, paper, landscape);
        let scale = if one_page { across.min(down) } else { across };
        // The example's 16-column 表2 printed at about 60 % before.
        assert!(scale >= 70, "{name}: prints at {scale} %");
        assert_eq!(attr(xml, "printOptions", "horizontalCentered"), Some("1"), "{name}");
        assert!(xml.contains("<oddFooter>&amp;C第 &amp;P 页</oddFooter>"), "{name}: footer");
        // Title block (3 rows) and header repeat on every page; panes freeze below them.
        let last = 3 + table.header_rows;
        let titles = format!(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">{}!$1:${last}</definedName>",
            table.number
        );
        assert!(workbook.contains(&titles), "{titles}");
        assert_eq!(attr(xml, "pane", "ySplit"), Some(last.to_string().as_str()), "{name}: frozen rows");
    }
}
