//! Every printed figure of the example's eleven tables reads back from the workbook.
//!
//! The fixture holds every data row of 表1–表11 as published, cell by cell; each sheet's
//! rows under its header must read back exactly so, in the published column order, with
//! codes stored as text and amounts as numbers.

use std::collections::BTreeMap;

use calamine::{Data, Range};
use gongkai_model::table::{ColumnKind, Table};

use crate::common::{document, open, root, sheet, squash, workbook_bytes};

/// Rows above the header: 表号, title, 编制部门/单位.
const TITLE_ROWS: usize = 3;

/// The published rows of each table, by table id; `note` rows hold empty-table sentences.
fn published() -> BTreeMap<String, Vec<Vec<String>>> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/changji-2025-tables.tsv")).unwrap();
    let mut tables: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let mut cells = line.split('\t').map(str::to_owned);
        let table = cells.next().unwrap();
        tables.entry(table).or_default().push(cells.collect());
    }
    tables
}

/// A cell as the sheet prints it: two decimals with separators, zero and blanks empty.
fn printed(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            let text = format!("{f:.2}");
            if text == "0.00" || text == "-0.00" {
                return String::new();
            }
            let (sign, digits) = text.strip_prefix('-').map_or(("", text.as_str()), |d| ("-", d));
            let (int, frac) = digits.split_once('.').unwrap();
            let mut grouped = String::new();
            for (i, ch) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(ch);
            }
            format!("{sign}{grouped}.{frac}")
        }
        other => panic!("unexpected cell {other:?}"),
    }
}

/// Compares the rows under `table`'s header with the published rows; returns how many
/// rows were compared.
fn check(range: &Range<Data>, table: &Table, want: &[Vec<String>]) -> usize {
    let top = TITLE_ROWS + table.header_rows;
    let width = table.columns.len();
    let cell = |r: usize, c: usize| {
        range
            .get_value((u32::try_from(r).unwrap(), u32::try_from(c).unwrap()))
            .cloned()
            .unwrap_or(Data::Empty)
    };
    if let [note] = want
        && note[0] == "note"
    {
        assert_eq!(
            squash(&printed(&cell(top, 0))),
            squash(&note[1]),
            "{}: empty-table sentence",
            table.number
        );
        return 0;
    }
    for (i, want) in want.iter().enumerate() {
        let r = top + i;
        let mut got: Vec<String> = (0..width).map(|c| printed(&cell(r, c))).collect();
        while got.last().is_some_and(String::is_empty) {
            got.pop();
        }
        assert_eq!(&got, want, "{} row {} (sheet row {})", table.number, i + 1, r + 1);
        // Codes must stay text ("05", not 5) and figures must be numbers.
        for (c, column) in table.columns.iter().enumerate() {
            match (column.kind, cell(r, c)) {
                (_, Data::Empty) => {}
                (ColumnKind::Amount, Data::Float(_)) => {}
                (ColumnKind::Code | ColumnKind::Text, Data::String(_)) => {}
                (kind, other) => panic!("{} row {}: {kind:?} column holds {other:?}", table.number, i + 1),
            }
        }
    }
    // Below the data: nothing, or the table's notes.
    let after = printed(&cell(top + want.len(), 0));
    assert_eq!(
        after,
        table.notes.first().cloned().unwrap_or_default(),
        "{}: row after the data",
        table.number
    );
    want.len()
}

#[test]
fn every_printed_figure_reads_back_in_the_published_order() {
    let published = published();
    let mut book = open(workbook_bytes());
    let tables: Vec<&Table> = document().tables().collect();
    assert_eq!(tables.len(), 11);
    let mut compared = 0;
    for table in tables {
        let range = sheet(&mut book, &table.number);
        compared += check(&range, table, &published[&table.id]);
    }
    assert_eq!(compared, 169, "every published data row was compared");
}

#[test]
fn printed_amounts_group_thousands_and_blank_zero() {
    assert_eq!(printed(&Data::Float(1_234_567.5)), "1,234,567.50");
    assert_eq!(printed(&Data::Float(700.56)), "700.56");
    assert_eq!(printed(&Data::Float(-1234.5)), "-1,234.50");
    assert_eq!(printed(&Data::Float(0.0)), "");
}
