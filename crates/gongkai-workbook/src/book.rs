//! Loading a workbook's sheets into sparse grids: each cell's value, formula and number
//! format, and each sheet's merged ranges.
//!
//! Cells are streamed and kept in a map, never in a dense rectangle, so a stray value in
//! cell XFD1048576 costs one entry rather than seventeen billion.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Dimensions, Reader as _, Xlsx, XlsxError};
use gongkai_model::diag::{Diagnostic, Location};
use gongkai_model::rules::Rule;

use crate::sniff::{self, Limits};

/// One cell as stored.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cell {
    /// The value, or a formula's cached result (`Empty` when none was saved).
    pub(crate) value: Data,
    /// The formula, for a formula cell.
    pub(crate) formula: Option<String>,
    /// The number format code, when the cell has one.
    pub(crate) format: Option<String>,
}

/// One sheet's cells by zero-based (row, column), and its merged ranges.
#[derive(Debug, Clone, Default)]
pub(crate) struct Grid {
    /// The sheet name.
    pub(crate) name: String,
    /// Non-empty cells (values or formulas).
    pub(crate) cells: BTreeMap<(u32, u32), Cell>,
    /// Merged ranges.
    pub(crate) merges: Vec<Dimensions>,
}

impl Grid {
    /// The cell at (row, col), if it holds anything.
    pub(crate) fn get(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// The text of a cell for comparing labels: trimmed, inner whitespace removed.
    pub(crate) fn label(&self, row: u32, col: u32) -> String {
        match self.get(row, col).map(|c| &c.value) {
            Some(Data::String(s)) => s.chars().filter(|c| !c.is_whitespace()).collect(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            _ => String::new(),
        }
    }

    /// The last row holding anything, if any.
    pub(crate) fn last_row(&self) -> Option<u32> {
        self.cells.keys().map(|&(r, _)| r).max()
    }
}

/// The sheets of a workbook that were asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Book {
    /// Every sheet name, in workbook order.
    pub(crate) names: Vec<String>,
    /// The loaded sheets by name.
    pub(crate) sheets: BTreeMap<String, Grid>,
    /// Whether dates count from 1904.
    pub(crate) is_1904: bool,
}

/// Opens `bytes` and loads the sheets named in `wanted` that exist.
pub(crate) fn open(
    bytes: &[u8],
    file: &str,
    wanted: &[&str],
    limits: &Limits,
) -> Result<Book, Vec<Diagnostic>> {
    if let Some(d) = sniff::problem(bytes, file, limits) {
        return Err(vec![d]);
    }
    // The zip and XML parsers meet whatever a user's disk holds; should one of them panic
    // on a damaged file, the user still gets a diagnostic, not a crash.
    std::panic::catch_unwind(|| load_all(bytes, file, wanted, limits)).unwrap_or_else(|_| {
        Err(vec![
            Diagnostic::new(Rule::Syntax, "工作簿已损坏，无法读取")
                .hint("请在 Excel 或 WPS 中打开并另存为 .xlsx；若打不开，请从备份中找回")
                .located(Location::File { file: file.to_owned() }),
        ])
    })
}

/// Opens the package and loads the wanted sheets.
fn load_all(bytes: &[u8], file: &str, wanted: &[&str], limits: &Limits) -> Result<Book, Vec<Diagnostic>> {
    let broken = |e: XlsxError| {
        let d = match e {
            XlsxError::Password => Diagnostic::new(Rule::Syntax, "工作簿设置了打开密码，无法读取")
                .hint("在 Excel 或 WPS 中打开，取消“用密码进行加密”后另存为 .xlsx 再试"),
            other => Diagnostic::new(Rule::Syntax, format!("工作簿已损坏，无法读取（{other}）"))
                .hint("请在 Excel 或 WPS 中打开并另存为 .xlsx；若打不开，请从备份中找回"),
        };
        vec![d.located(Location::File { file: file.to_owned() })]
    };
    let mut xlsx: Xlsx<Cursor<&[u8]>> = calamine::Reader::new(Cursor::new(bytes)).map_err(broken)?;
    let mut book =
        Book { names: xlsx.sheet_names(), sheets: BTreeMap::new(), is_1904: xlsx.has_1904_epoch() };
    for name in book.names.iter().filter(|n| wanted.contains(&n.as_str())) {
        let grid = load(&mut xlsx, name, file, limits)?;
        book.sheets.insert(name.clone(), grid);
    }
    Ok(book)
}

/// Streams one sheet: values and formulas, then number formats, then merges.
fn load(
    xlsx: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    file: &str,
    limits: &Limits,
) -> Result<Grid, Vec<Diagnostic>> {
    let broken = |e: XlsxError| {
        vec![
            Diagnostic::new(Rule::Syntax, format!("工作表“{name}”已损坏，无法读取（{e}）"))
                .hint("请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试")
                .located(Location::File { file: file.to_owned() }),
        ]
    };
    let mut cells = BTreeMap::new();
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(broken)?;
    while let Some(record) = reader.next_cell_with_formula().map_err(broken)? {
        let value = Data::from(record.value);
        let formula = record.formula.filter(|f| !f.is_empty());
        if value == Data::Empty && formula.is_none() {
            continue;
        }
        cells.insert(record.pos, Cell { value, formula, format: None });
        if cells.len() > limits.cells {
            return Err(vec![
                Diagnostic::new(
                    Rule::Syntax,
                    format!("工作表“{name}”超过 {} 个非空单元格，不像是一个部门的预算", limits.cells),
                )
                .hint("请确认选择了正确的文件，并删除表中与预算无关的内容")
                .located(Location::File { file: file.to_owned() }),
            ]);
        }
    }
    drop(reader);
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(broken)?;
    let formats: Vec<Option<String>> =
        reader.styles().iter().map(|s| s.number_format.as_ref().map(|f| f.format_code.clone())).collect();
    while let Some((row, col, style)) = reader.next_style_id().map_err(broken)? {
        if let Some(cell) = cells.get_mut(&(row, col)) {
            cell.format = formats.get(style).cloned().flatten();
        }
    }
    drop(reader);
    let merges = xlsx.merge_cells_by_sheet_name(name).map_err(broken)?;
    Ok(Grid { name: name.to_owned(), cells, merges })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(limits: &Limits, expect: Option<&str>) {
        let mut budget = gongkai_model::input::Budget::default();
        budget.department.offices = (0..40).map(|i| format!("科室{i}")).collect();
        let bytes = crate::write(&budget, &crate::WriteOptions::default()).unwrap();
        match (open(&bytes, "b.xlsx", &["内设科室"], limits), expect) {
            (Ok(book), None) => assert_eq!(book.sheets["内设科室"].cells.len(), 43),
            (Err(d), Some(fragment)) => assert!(d[0].message.contains(fragment), "{}", d[0]),
            (Ok(_), Some(_)) => panic!("read despite the limit"),
            (Err(d), None) => panic!("{}", d[0]),
        }
    }

    #[test]
    fn a_sheet_with_too_many_cells_is_refused() {
        check(&Limits::DEFAULT, None);
        check(&Limits { cells: 30, ..Limits::DEFAULT }, Some("超过 30 个非空单元格"));
    }
}
