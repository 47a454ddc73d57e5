//! A table printed otherwise than the Xinjiang set: amounts in 元 with no decimals, zero
//! printed as `0` or as `-`, no 编制部门 line, the 表号 inline before the title, a
//! percentage column. The sheet stores every figure as the number the table prints, with a
//! number format that prints it so.

use std::collections::BTreeMap;

use calamine::Data;
use gongkai_model::document::{Block, Document};
use gongkai_model::money::MoneyUnit;
use gongkai_model::table::{
    Cell, Column, ColumnKind, HeaderCell, Layout, NumberFormat, NumberPosition, Orientation, Row, RowKind,
    Table, Zero,
};
use gongkai_xlsx::{XlsxOptions, xlsx};
use rust_decimal::Decimal;

use crate::common::{document, open, parts, sheet};

fn amount(text: &str) -> Cell {
    Cell::Amount(text.parse::<Decimal>().unwrap())
}

fn percent(text: &str) -> Cell {
    Cell::Percent(text.parse::<Decimal>().unwrap())
}

/// 预算01表 in 元: a total row and an item row; amounts in exact 万元 as the model keeps
/// them, chosen to round half away from zero.
fn table(zero: Zero) -> Table {
    let column = |kind, label: &str| Column { id: None, kind, label: label.into(), width: 12 };
    let header = ["项目", "本年预算数", "上年预算数", "增减幅度"]
        .iter()
        .enumerate()
        .map(|(col, text)| HeaderCell { text: (*text).into(), row: 0, col, rowspan: 1, colspan: 1 })
        .collect();
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
        header,
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

fn workbook(tables: Vec<Table>) -> Vec<u8> {
    let mut doc: Document = document().clone();
    doc.blocks = tables.into_iter().map(Block::Table).collect();
    xlsx(&doc, &XlsxOptions::default()).unwrap()
}

/// Attribute `name` of an element's opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    Some(&tag[at..at + tag[at..].find('"')?])
}

/// The number format code of every cell of sheet `n` that has one, by A1 reference.
fn formats(bytes: &[u8], n: usize) -> BTreeMap<String, String> {
    let parts = parts(bytes);
    let styles = &parts["xl/styles.xml"];
    let mut codes: BTreeMap<String, String> = BTreeMap::new();
    for tag in styles.split("<numFmt ").skip(1) {
        let tag = &format!(" {}", &tag[..tag.find('>').unwrap()]);
        let code = attr(tag, "formatCode").unwrap().replace("&quot;", "\"");
        codes.insert(attr(tag, "numFmtId").unwrap().to_owned(), code);
    }
    codes.insert("10".into(), "0.00%".into());
    codes.insert("9".into(), "0%".into());
    let xfs = &styles[styles.find("<cellXfs").unwrap()..styles.find("</cellXfs>").unwrap()];
    let xf_formats: Vec<String> = xfs
        .split("<xf ")
        .skip(1)
        .map(|tag| attr(&format!(" {tag}"), "numFmtId").unwrap_or("0").to_owned())
        .collect();
    let sheet = &parts[&format!("xl/worksheets/sheet{n}.xml")];
    let mut out = BTreeMap::new();
    for tag in sheet.split("<c ").skip(1) {
        let tag = format!(" {}", &tag[..tag.find('>').unwrap()]);
        let style: usize = attr(&tag, "s").map_or(0, |s| s.parse().unwrap());
        if let Some(code) = codes.get(&xf_formats[style]) {
            out.insert(attr(&tag, "r").unwrap().to_owned(), code.clone());
        }
    }
    out
}

#[test]
fn figures_are_stored_as_the_table_prints_them() {
    let zero = table(Zero::Zero);
    // What the table prints, for the record: 元, whole numbers, 0 for zero.
    let printed: Vec<Vec<String>> =
        zero.rows.iter().map(|r| r.cells.iter().map(|c| zero.show(c)).collect()).collect();
    assert_eq!(printed, [["合计", "12,345,679", "0", "12.35%"], ["项目甲", "1", "-12,346", "-55.76%"]]);
    let dash = Table { id: "p2".into(), number: "预算02表".into(), ..table(Zero::Dash) };
    assert_eq!(dash.show(&dash.rows[0].cells[2]), "-");
    let bytes = workbook(vec![zero, dash]);

    let mut book = open(&bytes);
    for name in ["预算01表", "预算02表"] {
        let range = sheet(&mut book, name);
        let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
        // The number goes inline; no 编制部门 line, only the unit line; then the header.
        assert_eq!(at(0, 0), Data::String(format!("{name} 收支预算总表")));
        assert_eq!(at(1, 0), Data::String("金额单位：元".into()));
        assert_eq!(at(2, 1), Data::String("本年预算数".into()));
        let figures: Vec<Data> =
            [(3, 1), (3, 2), (3, 3), (4, 1), (4, 2), (4, 3)].iter().map(|&(r, c)| at(r, c)).collect();
        let want = [12_345_679.0, 0.0, 0.1235, 1.0, -12_346.0, -0.5576].map(Data::Float);
        assert_eq!(figures, want, "{name}: stored as printed");
    }
    let zero_formats = formats(&bytes, 1);
    let dash_formats = formats(&bytes, 2);
    for cell in ["B4", "C4", "B5", "C5"] {
        assert_eq!(zero_formats[cell], "#,##0;-#,##0;#,##0;@", "{cell}");
        assert_eq!(dash_formats[cell], "#,##0;-#,##0;\"-\";@", "{cell}");
    }
    for cell in ["D4", "D5"] {
        assert_eq!(zero_formats[cell], "0.00%", "{cell}");
    }
}

#[test]
fn the_default_format_prints_blank_zeros_with_two_decimals() {
    let mut t = table(Zero::Blank);
    t.format = NumberFormat::default();
    t.layout = Layout::default();
    t.unit = "万元".into();
    let bytes = workbook(vec![t]);
    let mut book = open(&bytes);
    let range = sheet(&mut book, "预算01表");
    let at = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    // 表号 on its own line, then the title, then 编制部门 and 单位.
    assert_eq!(at(0, 0), Data::String("预算01表".into()));
    assert_eq!(at(1, 0), Data::String("收支预算总表".into()));
    assert_eq!(at(2, 0), Data::String("编制部门：测试局".into()));
    assert_eq!(at(4, 1), Data::Float(1234.57));
    assert_eq!(at(4, 2), Data::Float(0.0));
    assert_eq!(formats(&bytes, 1)["C5"], "#,##0.00;-#,##0.00;;@");
}

#[test]
fn an_unnumbered_table_names_its_sheet_by_its_title() {
    let t =
        Table {
            number: String::new(), title: "部门整体支出绩效目标表：一/二".into(), ..table(Zero::Zero)
        };
    let bytes = workbook(vec![t]);
    let mut book = open(&bytes);
    let range = sheet(&mut book, "部门整体支出绩效目标表：一_二");
    // No number anywhere: the title is the first row.
    assert_eq!(range.get_value((0, 0)), Some(&Data::String("部门整体支出绩效目标表：一/二".into())));
}
