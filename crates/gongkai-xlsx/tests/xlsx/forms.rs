//! The performance-target forms in the workbook: one sheet per form, after the tables,
//! with the model's merged cells (the 一级/二级指标 runs among them), the texts of the
//! document's form, and a print setup that keeps the form at full size on its paper.

use calamine::{Data, Reader as _};
use gongkai_model::document::Block;
use gongkai_model::table::{Cell, Table};

use crate::common::{a1, document, merges, open, sheet, workbook_bytes};

/// The document's forms: sheet name, subtitle and grid, in order.
fn forms() -> Vec<(String, String, &'static Table)> {
    let forms: Vec<(&str, &str, &Table)> = document()
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Form { title, subtitle, table } => Some((title.as_str(), subtitle.as_str(), table)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    let mut n = 0;
    for (title, subtitle, table) in &forms {
        let shared = forms.iter().filter(|f| f.0 == *title).count() > 1;
        let name = if shared {
            n += 1;
            format!("{title}{n}")
        } else {
            (*title).to_owned()
        };
        out.push((name, (*subtitle).to_owned(), *table));
    }
    out
}

#[test]
fn every_form_is_a_sheet_after_the_tables() {
    let book = open(workbook_bytes());
    let names = book.sheet_names();
    let tables: Vec<String> = document().tables().map(|t| t.number.clone()).collect();
    let forms: Vec<String> = forms().into_iter().map(|f| f.0).collect();
    assert_eq!(forms.len(), 3, "the example's department form and two project forms");
    assert_eq!(names, [tables, forms].concat());
}

#[test]
fn form_sheets_merge_as_the_model_does_and_hold_its_texts() {
    let mut book = open(workbook_bytes());
    for (name, subtitle, table) in forms() {
        let range = sheet(&mut book, &name);
        let text = |r: u32, c: u32| match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        };
        // Title, subtitle, then the grid.
        assert_eq!(text(0, 0), table.title, "{name}");
        assert_eq!(text(1, 0), subtitle, "{name}");
        let top = 2;
        let last = u32::try_from(table.columns.len() - 1).unwrap();
        let mut want: Vec<String> = vec![format!("A1:{}", a1((0, last))), format!("A2:{}", a1((1, last)))];
        for s in &table.spans {
            let (r, c) = (top + u32::try_from(s.row).unwrap(), u32::try_from(s.col).unwrap());
            let end = (r + u32::try_from(s.rowspan - 1).unwrap(), c + u32::try_from(s.colspan - 1).unwrap());
            want.push(format!("{}:{}", a1((r, c)), a1(end)));
        }
        want.sort();
        assert_eq!(merges(&mut book, &name), want, "{name}");
        // Every cell the model shows is in its place; the indicator runs among the merges.
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                if let Cell::Text(t) = cell {
                    let at = (top + u32::try_from(r).unwrap(), u32::try_from(c).unwrap());
                    assert_eq!(&text(at.0, at.1), t, "{name}!{}", a1(at));
                }
            }
        }
        let vertical = table.spans.iter().filter(|s| s.rowspan > 1 && s.colspan == 1).count();
        assert!(vertical > 0, "{name}: its 一级指标 merge");
    }
}
