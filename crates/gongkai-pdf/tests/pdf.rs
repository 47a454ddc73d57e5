//! The PDF of the example: every figure of the tables and the narrative in the extracted
//! text (pure Rust, no poppler), outline, metadata, determinism, missing glyphs, paging.

use std::path::PathBuf;
use std::sync::Arc;

use gongkai_model::DEFAULT_PROFILE;
use gongkai_model::document::{Block, Document};
use gongkai_model::table::{Cell, Column, ColumnKind, HeaderCell, Row, RowKind, Table};
use gongkai_pdf::{FontChoice, FontFile, FontSet, PdfError, PdfOptions, PdfStandard, pdf};
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

fn example_text() -> String {
    std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml")).unwrap()
}

fn example_pdf() -> Vec<u8> {
    pdf(&doc_from(&example_text()), &PdfOptions::default()).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text of the PDF, whitespace removed and the 第 N 页 footers taken out (a paragraph
/// running over a page break has its page's footer in the middle of the extracted text).
fn extract(bytes: &[u8]) -> String {
    let text = squash(&pdf_extract::extract_text_from_mem(bytes).unwrap());
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find('第') {
        out.push_str(&rest[..i]);
        let after = &rest[i + '第'.len_utf8()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('页') {
            rest = &after[digits + '页'.len_utf8()..];
        } else {
            out.push('第');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_figure_of_the_eleven_tables_is_in_the_text() {
    let text = extract(&example_pdf());
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/changji-2025-tables.tsv")).unwrap();
    let mut rows = 0;
    for line in fixture.lines().filter(|l| !l.starts_with('#')) {
        let mut cells = line.split('\t');
        let table = cells.next().unwrap();
        let row: String = if table == "t8" || table == "t9" {
            squash(cells.nth(1).unwrap())
        } else {
            squash(&cells.collect::<String>())
        };
        assert!(text.contains(&row), "{table}: row not found in the PDF text: {row}");
        rows += 1;
    }
    assert_eq!(rows, 171);
}

#[test]
fn every_narrative_figure_is_in_the_text() {
    let text = extract(&example_pdf());
    let published =
        std::fs::read_to_string(root().join("tests/fixtures/changji-2025-narrative.txt")).unwrap();
    // Where we print otherwise on purpose, each with its reason.
    let differences =
        std::fs::read_to_string(root().join("tests/fixtures/changji-2025-narrative-differences.txt"))
            .unwrap();
    let intended: Vec<&str> = differences.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect();
    let missing: Vec<&str> = published
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter(|c| !text.contains(c) && !intended.iter().any(|i| c.contains(i)))
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
    for figure in
        ["398.47万元，占56.88%", "下降23.66%", "增长96.62%", "占92.63%", "增长2,002.35%", "2,084.15万元"]
    {
        assert!(text.contains(figure), "{figure}");
    }
}

#[test]
fn deterministic_across_runs_and_documents() {
    let a = example_pdf();
    let synthetic = std::fs::read_to_string(root().join("tests/fixtures/synthetic-units-fund.yaml")).unwrap();
    let other = pdf(&doc_from(&synthetic), &PdfOptions::default()).unwrap();
    let b = example_pdf();
    assert_eq!(a, b, "same document, same bytes, even after another document in the same process");
    assert_ne!(a, other);
    let stamped = pdf(
        &doc_from(&example_text()),
        &PdfOptions { timestamp: Some(1_700_000_000), ..PdfOptions::default() },
    )
    .unwrap();
    assert_ne!(a, stamped, "the timestamp is part of the output");
}

#[test]
fn small_enough_to_publish() {
    let bytes = example_pdf();
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
}

/// Titles of the outline, depth-first.
fn outline_titles(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc.get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap()).unwrap();
    let mut out = Vec::new();
    fn walk(doc: &lopdf::Document, first: Option<lopdf::ObjectId>, out: &mut Vec<String>) {
        let mut next = first;
        while let Some(id) = next {
            let node = doc.get_dictionary(id).unwrap();
            let title = node.get(b"Title").unwrap().as_str().unwrap();
            out.push(decode(title));
            walk(doc, node.get(b"First").and_then(lopdf::Object::as_reference).ok(), out);
            next = node.get(b"Next").and_then(lopdf::Object::as_reference).ok();
        }
    }
    walk(&doc, outlines.get(b"First").and_then(lopdf::Object::as_reference).ok(), &mut out);
    out
}

/// A PDF text string: UTF-16BE with a byte-order mark, else PDFDocEncoding (ASCII here).
fn decode(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

#[test]
fn outline_holds_the_parts_and_all_eleven_tables() {
    let titles = outline_titles(&example_pdf());
    for part in [
        "第一部分 2025年部门概况",
        "第二部分 2025年部门预算公开表",
        "第三部分 2025年部门预算情况说明",
        "第四部分 名词解释",
    ] {
        assert!(titles.iter().any(|t| t == part), "{part}: {titles:?}");
    }
    for (n, title) in [
        (1, "部门收支总体情况表"),
        (2, "部门收入总体情况表"),
        (3, "部门支出总体情况表"),
        (4, "财政拨款收支预算总体情况表"),
        (5, "一般公共预算支出情况表"),
        (6, "一般公共预算基本支出情况表"),
        (7, "一般公共预算项目支出情况表"),
        (8, "政府性基金预算支出情况表"),
        (9, "国有资本经营预算支出情况表"),
        (10, "财政拨款“三公”经费支出情况表"),
        (11, "上年结转结余情况明细表"),
    ] {
        let want = format!("表{n} {title}");
        assert!(titles.contains(&want), "{want} missing from {titles:?}");
    }
}

#[test]
fn metadata_and_standard() {
    let bytes = example_pdf();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let lang = doc.catalog().unwrap().get(b"Lang").unwrap().as_str().unwrap().to_vec();
    assert_eq!(decode(&lang), "zh-CN");
    let a2b =
        pdf(&doc_from(&example_text()), &PdfOptions { standard: PdfStandard::A2b, ..PdfOptions::default() })
            .unwrap();
    let doc = lopdf::Document::load_mem(&a2b).unwrap();
    let meta = doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = doc.get_object(meta).unwrap().as_stream().unwrap().get_plain_content().unwrap();
    let xmp = String::from_utf8_lossy(&xmp);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    assert!(xmp.contains("昌吉回族自治州环境污染监控中心"));
    assert!(xmp.contains("2025-02-14"));
    // PDF/A: gray is device-independent (a calibrated DefaultGray on every page), the
    // file has an identifier, and every font is embedded with a complete CIDSet.
    for (_, page) in doc.get_pages() {
        let page = doc.get_dictionary(page).unwrap();
        let resources = doc.get_dictionary(page.get(b"Resources").unwrap().as_reference().unwrap()).unwrap();
        let spaces = resources.get(b"ColorSpace").unwrap().as_dict().unwrap();
        let gray = spaces.get(b"DefaultGray").unwrap().as_array().unwrap();
        assert_eq!(gray[0].as_name().unwrap(), b"CalGray");
    }
    assert_eq!(doc.trailer.get(b"ID").unwrap().as_array().unwrap().len(), 2);
    let descriptors: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"FontDescriptor".as_slice())
        })
        .collect();
    // 宋体, 黑体 and 楷体 (the example's level-3 headings) substitutes.
    assert_eq!(descriptors.len(), 3);
    for d in descriptors {
        let program = d.get(b"FontFile3").is_ok() || d.get(b"FontFile2").is_ok();
        assert!(program && d.get(b"CIDSet").is_ok(), "{d:?}");
    }
}

/// Text is shown one string per run at the fonts' own advances: justified lines carry
/// their extra space as character spacing (`Tc`), never an adjustment per glyph (which
/// text extraction reads as spaces).
#[test]
fn runs_are_single_strings_with_character_spacing() {
    let doc = lopdf::Document::load_mem(&example_pdf()).unwrap();
    let (mut tj, mut glyphs, mut tc, mut arrays) = (0, 0, 0, 0);
    for (_, page) in doc.get_pages() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
        for op in &content.operations {
            match op.operator.as_str() {
                "Tj" => {
                    tj += 1;
                    // Two-byte CIDs.
                    glyphs += op.operands[0].as_str().unwrap().len() / 2;
                }
                "Tc" => tc += 1,
                "TJ" => arrays += 1,
                _ => {}
            }
        }
    }
    assert_eq!(arrays, 0);
    // Shown glyph by glyph, a string would hold one glyph; a run (a line of a paragraph, a
    // cell's text) holds several.
    assert!(tj > 0 && glyphs >= 4 * tj, "{glyphs} glyphs in {tj} strings");
    assert!(tc > 0, "justified lines set Tc");
}

#[test]
fn a_character_outside_the_fonts_is_an_error_naming_it() {
    // Extension B characters outside 通用规范汉字表: beyond the built-in fonts.
    let text = example_text().replace("name: 昌吉回族自治州环境污染监控中心", "name: 昌吉州𠀀𠮷监测中心");
    let err = pdf(&doc_from(&text), &PdfOptions::default()).unwrap_err();
    let PdfError::MissingGlyphs(missing) = &err else { panic!("{err}") };
    let chars: String = missing.iter().map(|(c, _)| *c).collect();
    assert_eq!(chars, "𠀀𠮷");
    let message = err.to_string();
    assert!(message.contains("“𠮷”（U+20BB7") && message.contains("封面（部门名称）"), "{message}");
    assert!(message.contains("--pdf-font-fallback"), "{message}");
    // Validation asks the same question before rendering.
    let fonts = FontSet::builtin();
    assert!(missing.iter().all(|(c, _)| !fonts.covers(*c)));
    assert!(text.chars().filter(|c| !fonts.covers(*c)).all(|c| chars.contains(c)));
}

/// The base names of the fonts a PDF embeds, subset tags (`ABCDEF+`) and the composite
/// fonts' encoding suffix removed, sorted.
fn embedded_fonts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"Font".as_slice()))
        .filter_map(|d| d.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|n| {
            let n = String::from_utf8_lossy(n).into_owned();
            let base = n.split_once('+').map_or(n.as_str(), |(_, base)| base);
            base.strip_suffix("-Identity-H").unwrap_or(base).to_owned()
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn the_example_embeds_the_serif_sans_and_kai_faces_only() {
    // 宋体 body, 黑体 headings, 楷体 level-3 headings; the extension faces and the fallback
    // are not needed: the example is GB2312 text.
    assert_eq!(
        embedded_fonts(&example_pdf()),
        ["GongkaiKaiSC-Regular", "GongkaiSansSC-Bold", "GongkaiSerifSC-Regular"]
    );
}

/// Given names outside GB2312 (堃 玥 昇 镕: from the extension faces), Extension A, the code
/// points Noto Serif lacks (鿯 U+9FEF, 䶿 U+4DBF: drawn by the built-in Kai face) and
/// 通用规范汉字表 beyond the BMP (𫖯) render in every place a department name goes, without
/// MissingGlyphs.
#[test]
fn given_name_characters_render() {
    let name = "昌吉州堃玥昇镕㐀鿯䶿𫖯监测中心";
    let text = example_text().replace("name: 昌吉回族自治州环境污染监控中心", &format!("name: {name}"));
    let bytes = pdf(&doc_from(&text), &PdfOptions::default()).unwrap();
    let extracted = extract(&bytes);
    assert!(extracted.contains(name), "{name} not in the text");
    assert_eq!(
        embedded_fonts(&bytes),
        [
            "GongkaiKaiSC-Regular",
            "GongkaiSansSC-Bold",
            "GongkaiSansSCExt-Bold",
            "GongkaiSerifSC-Regular",
            "GongkaiSerifSCExt-Regular"
        ]
    );
    assert!(bytes.len() < 300 * 1024, "{} bytes: only the glyphs used are embedded", bytes.len());
}

/// The committed test font (tests/fixtures/fonts, OFL): 𠮷 and 𡈽 only.
fn test_fallback() -> FontFile {
    let path = root().join("tests/fixtures/fonts/GongkaiTestFallback-Regular.otf");
    FontFile {
        name: "GongkaiTestFallback-Regular.otf".into(),
        bytes: Arc::new(std::fs::read(path).unwrap()),
        index: 0,
    }
}

#[test]
fn a_character_the_fonts_lack_is_drawn_from_the_fallback() {
    let name = "昌吉州𠮷𡈽监测中心";
    let text = example_text().replace("name: 昌吉回族自治州环境污染监控中心", &format!("name: {name}"));
    let document = doc_from(&text);
    assert!(matches!(pdf(&document, &PdfOptions::default()), Err(PdfError::MissingGlyphs(_))));
    let fonts =
        FontSet::with_choice(&FontChoice { fallback: Some(test_fallback()), ..FontChoice::default() })
            .unwrap();
    assert!(name.chars().all(|c| fonts.covers(c)));
    let bytes = pdf(&document, &PdfOptions { fonts: Some(fonts), ..PdfOptions::default() }).unwrap();
    assert!(extract(&bytes).contains(name), "{name} not in the text");
    assert_eq!(
        embedded_fonts(&bytes),
        [
            "GongkaiKaiSC-Regular",
            "GongkaiSansSC-Bold",
            "GongkaiSerifSC-Regular",
            "GongkaiTestFallback-Regular"
        ]
    );
}

/// A 60-row table runs over pages, each page starting with the header again.
#[test]
fn long_tables_repeat_their_header() {
    let header = vec![
        HeaderCell { text: "科目名称".into(), row: 0, col: 0, rowspan: 1, colspan: 1 },
        HeaderCell { text: "金额合计".into(), row: 0, col: 1, rowspan: 1, colspan: 1 },
    ];
    let rows = (1..=60)
        .map(|i| Row {
            kind: RowKind::Line,
            key: format!("r{i}"),
            level: 1,
            children: Vec::new(),
            right_children: Vec::new(),
            cells: vec![Cell::Text(format!("第{i}号科目")), Cell::Amount(Decimal::new(i * 100 + 1, 2))],
        })
        .collect();
    let table = Table {
        id: "long".into(),
        number: "表99".into(),
        title: "长表".into(),
        org: "测试局".into(),
        unit: "万元".into(),
        columns: vec![
            Column { id: None, kind: ColumnKind::Text, label: "科目名称".into(), width: 30 },
            Column {
                id: Some("total".into()),
                kind: ColumnKind::Amount,
                label: "金额合计".into(),
                width: 12,
            },
        ],
        header,
        header_rows: 1,
        rows,
        empty_note: None,
        notes: Vec::new(),
        spans: Vec::new(),
        format: Default::default(),
        layout: Default::default(),
    };
    let mut doc = doc_from(&example_text());
    doc.blocks = vec![Block::Table(table)];
    let bytes = pdf(&doc, &PdfOptions::default()).unwrap();
    let pages: Vec<String> =
        pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap().iter().map(|p| squash(p)).collect();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("科目名称金额合计"), "page {} lacks the header", i + 1);
    }
    for i in 1..=60 {
        let row = format!("第{i}号科目{}.01", i);
        assert_eq!(pages.iter().filter(|p| p.contains(&row)).count(), 1, "row {i} printed once, whole");
    }
}

/// Asked for, the PDF carries a structure tree: headings, paragraphs, and tables with
/// header and data cells; without the option there is none.
#[test]
fn tagged_structure_when_asked() {
    let doc = doc_from(&example_text());
    let tagged = pdf(&doc, &PdfOptions { tagged: true, ..PdfOptions::default() }).unwrap();
    let parsed = lopdf::Document::load_mem(&tagged).unwrap();
    assert!(parsed.catalog().unwrap().get(b"StructTreeRoot").is_ok());
    let mut kinds = std::collections::BTreeMap::new();
    for object in parsed.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"StructElem".as_slice())
            && let Ok(s) = dict.get(b"S").and_then(lopdf::Object::as_name)
        {
            *kinds.entry(String::from_utf8_lossy(s).into_owned()).or_insert(0) += 1;
        }
    }
    for kind in ["H1", "H2", "P", "Table", "TR", "TH", "TD", "TOC", "TOCI"] {
        assert!(kinds.get(kind).copied().unwrap_or(0) > 0, "no {kind} in {kinds:?}");
    }
    // 表6 alone has 27 rows of 6 cells; all tables together many more.
    assert!(kinds["TD"] > 500, "{kinds:?}");
    // The text is the same either way.
    assert_eq!(extract(&tagged), extract(&pdf(&doc, &PdfOptions::default()).unwrap()));
    let plain = lopdf::Document::load_mem(&pdf(&doc, &PdfOptions::default()).unwrap()).unwrap();
    assert!(plain.catalog().unwrap().get(b"StructTreeRoot").is_err());
}

/// A merged cell spanning more rows than a page holds (a form with 70 indicators under one
/// 一级指标): the rows break across pages, none is lost, and the merged cell is drawn
/// again on the next page.
#[test]
fn a_merged_cell_taller_than_a_page_breaks_across_pages() {
    let rows: Vec<Row> = (1..=70)
        .map(|i| Row {
            kind: RowKind::Line,
            key: format!("r{i}"),
            level: 0,
            children: Vec::new(),
            right_children: Vec::new(),
            cells: vec![
                if i == 1 { Cell::Text("产出指标".into()) } else { Cell::Empty },
                Cell::Text(format!("指标第{i}号")),
                Cell::Text(format!("≥{i}%")),
            ],
        })
        .collect();
    let text = |label: &str| Column { id: None, kind: ColumnKind::Text, label: label.into(), width: 20 };
    let table = Table {
        id: "perf".into(),
        number: String::new(),
        title: "项目支出绩效目标表".into(),
        org: "测试局".into(),
        unit: String::new(),
        columns: vec![text("一级指标"), text("三级指标"), text("指标值")],
        header: Vec::new(),
        header_rows: 0,
        rows,
        empty_note: None,
        notes: Vec::new(),
        spans: vec![HeaderCell { text: "产出指标".into(), row: 0, col: 0, rowspan: 70, colspan: 1 }],
        format: Default::default(),
        layout: Default::default(),
    };
    let mut doc = doc_from(&example_text());
    doc.blocks =
        vec![Block::Form {
            title: "项目支出绩效目标表".into(), subtitle: "（2025年）".into(), table
        }];
    let bytes = pdf(&doc, &PdfOptions::default()).unwrap();
    let pages: Vec<String> =
        pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap().iter().map(|p| squash(p)).collect();
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for i in 1..=70 {
        let row = format!("指标第{i}号≥{i}%");
        assert_eq!(pages.iter().filter(|p| p.contains(&row)).count(), 1, "row {i}");
    }
    assert!(
        pages.iter().filter(|p| p.contains("指标第")).all(|p| p.contains("产出指标")),
        "the merged cell on every page with its rows: {pages:#?}"
    );
    assert!(pages[0].contains("指标第1号"), "the form starts on its title's page");
}
