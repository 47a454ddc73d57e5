//! Tables of unusual shape: 表8 has no data and prints its sentence under the header;
//! 表6 prints its display-rounding note under the data. Plus a document with no tables.

use calamine::{Data, Range};
use gongkai_model::document::{Block, Document};
use gongkai_model::table::Table;
use gongkai_xlsx::{XlsxError, XlsxOptions, xlsx};

use crate::common::{a1, document, merges, open, sheet, workbook_bytes};

/// Rows above the header: 表号, title, 编制部门/单位.
const TITLE_ROWS: usize = 3;

fn table(id: &str) -> &'static Table {
    document().tables().find(|t| t.id == id).unwrap()
}

fn text(range: &Range<Data>, row: usize, col: usize) -> String {
    match range.get_value((u32::try_from(row).unwrap(), u32::try_from(col).unwrap())) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("({row}, {col}) holds {other:?}"),
    }
}

/// Checks that sheet `table` shows its title block and header cells, and then `lines`
/// (each merged over the full width, in order) starting at sheet row `first`.
fn check(table: &Table, first: usize, lines: &[String]) {
    let mut book = open(workbook_bytes());
    let range = sheet(&mut book, &table.number);
    assert_eq!(text(&range, 0, 0), table.number);
    assert_eq!(text(&range, 1, 0), table.title);
    assert_eq!(text(&range, 2, 0), format!("编制部门：{}", table.org));
    for h in &table.header {
        // Labels are broken into lines where they wrap; the text is the label's.
        let got = text(&range, TITLE_ROWS + h.row, h.col);
        assert_eq!(got.replace('\n', ""), h.text, "{}: header cell", table.number);
    }
    let merged = merges(&mut book, &table.number);
    let last_col = u32::try_from(table.columns.len() - 1).unwrap();
    for (i, line) in lines.iter().enumerate() {
        let row = first + i;
        assert_eq!(&text(&range, row, 0), line, "{}: sheet row {}", table.number, row + 1);
        let r = u32::try_from(row).unwrap();
        let span = format!("{}:{}", a1((r, 0)), a1((r, last_col)));
        assert!(merged.contains(&span), "{}: {span} not merged in {merged:?}", table.number);
    }
    // Nothing below.
    assert_eq!(range.end().map(|(r, _)| r as usize + 1), Some(first + lines.len()), "{}", table.number);
}

#[test]
fn an_empty_table_keeps_its_header_and_prints_its_sentence() {
    let t8 = table("t8");
    assert!(t8.is_empty());
    let sentence = t8.empty_note.clone().unwrap();
    assert!(sentence.contains("为空表"), "{sentence}");
    check(t8, TITLE_ROWS + t8.header_rows, &[sentence]);
}

#[test]
fn table_6_prints_its_rounding_note_under_the_data() {
    let t6 = table("t6");
    assert_eq!(t6.notes.len(), 1);
    assert!(t6.notes[0].contains("四舍五入"), "{}", t6.notes[0]);
    check(t6, TITLE_ROWS + t6.header_rows + t6.rows.len(), &t6.notes);
}

#[test]
fn a_document_without_tables_is_refused() {
    let mut empty: Document = document().clone();
    empty.blocks.retain(|b| !matches!(b, Block::Table(_) | Block::Form { .. }));
    let err = xlsx(&empty, &XlsxOptions::default()).unwrap_err();
    assert!(matches!(err, XlsxError::NoTables), "{err:?}");
    // Forms alone are sheets enough.
    let mut forms: Document = document().clone();
    forms.blocks.retain(|b| !matches!(b, Block::Table(_)));
    assert!(xlsx(&forms, &XlsxOptions::default()).is_ok());
}

#[test]
fn two_tables_with_one_number_are_refused() {
    let mut twice: Document = document().clone();
    let first = twice.tables().next().unwrap().clone();
    twice.blocks.push(Block::Table(first));
    let err = xlsx(&twice, &XlsxOptions::default()).unwrap_err();
    assert_eq!(err.to_string(), "表号“表1”重复，无法作为工作表名称");
}
