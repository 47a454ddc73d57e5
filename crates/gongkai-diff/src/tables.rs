//! Table changes: the profile's tables and the forms, matched by id, rows by key, cells by
//! column, each cell compared exactly and shown as the table prints it.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_model::document::{Block, Document};
use gongkai_model::table::{Cell, ColumnKind, Table};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::FieldChange;

/// Whether a changed grid is one of the profile's tables or a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    /// A numbered table of the profile (表1 …).
    Table,
    /// A form, such as a performance-target table.
    Form,
}

/// What happened to a table as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableStatus {
    /// Cells, rows or texts changed.
    Changed,
    /// It had rows and now prints its empty note.
    BecameEmpty,
    /// It printed its empty note and now has rows.
    BecameNonEmpty,
    /// It is new in the document (a form of a new project).
    Appeared,
    /// It is no longer in the document.
    Went,
}

impl TableStatus {
    /// The Chinese words for the status.
    pub fn label(self) -> &'static str {
        match self {
            TableStatus::Changed => "有变化",
            TableStatus::BecameEmpty => "变为空表",
            TableStatus::BecameNonEmpty => "由空表变为有数据",
            TableStatus::Appeared => "新增",
            TableStatus::Went => "删除",
        }
    }
}

/// A row, as a reader finds it: its code and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowRef {
    /// The row's key within the table (`total`, `2080505`, `u0/p3`).
    pub key: String,
    /// The classification code as printed (`208 05 05`), empty when the row has none.
    pub code: String,
    /// The row's name (for two-sided tables: the name on the side of the column).
    pub name: String,
}

/// A cell's value: as the table prints it, and exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellValue {
    /// As printed (an amount in the table's unit, rounded; a blank zero is empty).
    pub printed: String,
    /// The exact amount in 万元, or the exact percentage, for number cells.
    pub exact: Option<Decimal>,
}

/// One changed cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellChange {
    /// The row.
    pub row: RowRef,
    /// The column's header path, `财政拨款（补助）／一般公共预算`.
    pub column: String,
    /// The column's index, from 0.
    pub col: usize,
    /// Before.
    pub old: CellValue,
    /// After.
    pub new: CellValue,
}

/// What changed in one table or form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableChange {
    /// The table's id (`t6`, `perf-project-1`).
    pub id: String,
    /// 表号 as printed (`表6`; empty for forms).
    pub number: String,
    /// The title (forms: title and subtitle).
    pub title: String,
    /// Table or form.
    pub kind: TableKind,
    /// What happened to it as a whole.
    pub status: TableStatus,
    /// Its texts that changed: title, department, unit, notes, empty note.
    pub texts: Vec<FieldChange>,
    /// Rows that are new.
    pub rows_appeared: Vec<RowRef>,
    /// Rows that are gone.
    pub rows_went: Vec<RowRef>,
    /// Cells of rows in both that changed.
    pub cells: Vec<CellChange>,
}

/// A grid of the document with what identifies it.
struct Grid<'a> {
    kind: TableKind,
    title: String,
    table: &'a Table,
}

fn grids(document: &Document) -> Vec<Grid<'_>> {
    document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(Grid { kind: TableKind::Table, title: t.title.clone(), table: t }),
            Block::Form { title, subtitle, table } => {
                Some(Grid { kind: TableKind::Form, title: format!("{title}{subtitle}"), table })
            }
            _ => None,
        })
        .collect()
}

/// Every table and form that differs, in the new document's order, then those that went.
pub(crate) fn diff(old: &Document, new: &Document) -> Vec<TableChange> {
    let old_grids = grids(old);
    let by_id: BTreeMap<&str, &Grid<'_>> = old_grids.iter().map(|g| (g.table.id.as_str(), g)).collect();
    let new_grids = grids(new);
    let new_ids: BTreeSet<&str> = new_grids.iter().map(|g| g.table.id.as_str()).collect();
    let mut out = Vec::new();
    for g in &new_grids {
        match by_id.get(g.table.id.as_str()) {
            Some(o) => out.extend(table(o, g)),
            None => out.push(whole(g, TableStatus::Appeared)),
        }
    }
    for g in old_grids.iter().filter(|g| !new_ids.contains(g.table.id.as_str())) {
        out.push(whole(g, TableStatus::Went));
    }
    out
}

/// A table that is only on one side: its rows appeared or went.
fn whole(g: &Grid<'_>, status: TableStatus) -> TableChange {
    let rows: Vec<RowRef> = (0..g.table.rows.len()).map(|r| row_ref(g.table, r, None)).collect();
    let (rows_appeared, rows_went) =
        if status == TableStatus::Went { (Vec::new(), rows) } else { (rows, Vec::new()) };
    TableChange {
        id: g.table.id.clone(),
        number: g.table.number.clone(),
        title: g.title.clone(),
        kind: g.kind,
        status,
        texts: Vec::new(),
        rows_appeared,
        rows_went,
        cells: Vec::new(),
    }
}

/// The changes of a table that is on both sides, if any.
fn table(old: &Grid<'_>, new: &Grid<'_>) -> Option<TableChange> {
    if old.table == new.table && old.title == new.title {
        return None;
    }
    let (a, b) = (old.table, new.table);
    let mut texts = Vec::new();
    let mut text = |field: &str, o: String, n: String| {
        if o != n {
            texts.push(FieldChange { field: field.into(), old: o, new: n });
        }
    };
    text("标题", old.title.clone(), new.title.clone());
    text("编制部门", a.org_line().unwrap_or_default(), b.org_line().unwrap_or_default());
    text("单位", a.unit_line().unwrap_or_default(), b.unit_line().unwrap_or_default());
    text("表注", a.notes.join("\n"), b.notes.join("\n"));
    let empty_note =
        |t: &Table| if t.is_empty() { t.empty_note.clone().unwrap_or_default() } else { String::new() };
    text("空表说明", empty_note(a), empty_note(b));
    let heads = |t: &Table| (0..t.columns.len()).map(|c| column_label(t, c)).collect::<Vec<_>>().join("｜");
    text("表头", heads(a), heads(b));

    let old_rows: BTreeMap<&str, usize> =
        a.rows.iter().enumerate().map(|(i, r)| (r.key.as_str(), i)).collect();
    let new_keys: BTreeSet<&str> = b.rows.iter().map(|r| r.key.as_str()).collect();
    let mut cells = Vec::new();
    let mut rows_appeared = Vec::new();
    for (r, row) in b.rows.iter().enumerate() {
        let Some(&o) = old_rows.get(row.key.as_str()) else {
            rows_appeared.push(row_ref(b, r, None));
            continue;
        };
        let before = &a.rows[o];
        let width = row.cells.len().max(before.cells.len());
        for c in 0..width {
            let (x, y) =
                (before.cells.get(c).unwrap_or(&Cell::Empty), row.cells.get(c).unwrap_or(&Cell::Empty));
            if x != y {
                cells.push(CellChange {
                    row: row_ref(b, r, Some(c)),
                    column: column_label(b, c),
                    col: c,
                    old: value(a, x),
                    new: value(b, y),
                });
            }
        }
    }
    let rows_went: Vec<RowRef> = a
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !new_keys.contains(r.key.as_str()))
        .map(|(i, _)| row_ref(a, i, None))
        .collect();
    let status = match (a.is_empty(), b.is_empty()) {
        (false, true) => TableStatus::BecameEmpty,
        (true, false) => TableStatus::BecameNonEmpty,
        _ => TableStatus::Changed,
    };
    Some(TableChange {
        id: b.id.clone(),
        number: b.number.clone(),
        title: new.title.clone(),
        kind: new.kind,
        status,
        texts,
        rows_appeared,
        rows_went,
        cells,
    })
}

fn value(table: &Table, cell: &Cell) -> CellValue {
    let exact = match cell {
        Cell::Amount(d) | Cell::Percent(d) => Some(*d),
        _ => None,
    };
    CellValue { printed: table.show(cell), exact }
}

/// The row's code and name. With `col`, the name is the one nearest left of that column
/// (a two-sided table names its right side's rows in a column of their own).
fn row_ref(table: &Table, r: usize, col: Option<usize>) -> RowRef {
    let row = &table.rows[r];
    let kind = |c: usize| table.columns.get(c).map(|k| k.kind);
    let text = |c: usize| row.cells.get(c).map(Cell::display).unwrap_or_default();
    let texts: Vec<usize> = (0..row.cells.len()).filter(|&c| kind(c) == Some(ColumnKind::Text)).collect();
    let name_col = col
        .and_then(|col| texts.iter().rev().find(|&&c| c <= col && !text(c).trim().is_empty()).copied())
        .or_else(|| texts.iter().find(|&&c| !text(c).trim().is_empty()).copied());
    let name = match (col, name_col) {
        (_, Some(c)) => text(c).trim().to_owned(),
        // A form's row has no text column: its first non-empty cell names it.
        (_, None) => row.cells.iter().map(Cell::display).find(|t| !t.trim().is_empty()).unwrap_or_default(),
    };
    let code_end = name_col.unwrap_or(row.cells.len());
    let code: Vec<String> = (0..code_end)
        .filter(|&c| kind(c) == Some(ColumnKind::Code))
        .map(text)
        .filter(|t| !t.is_empty())
        .collect();
    RowRef { key: row.key.clone(), code: code.join(" "), name }
}

/// The header cells above column `c`, top to bottom, without the ※/栏次 numbering row.
fn column_label(table: &Table, c: usize) -> String {
    let mut cells: Vec<_> = table
        .header
        .iter()
        .filter(|h| h.col <= c && c < h.col + h.colspan.max(1))
        .filter(|h| {
            let t = h.text.trim();
            !t.is_empty() && t != "※" && !t.chars().all(|ch| ch.is_ascii_digit())
        })
        .collect();
    cells.sort_by_key(|h| h.row);
    let mut parts: Vec<&str> = Vec::new();
    for h in cells {
        if parts.last() != Some(&h.text.as_str()) {
            parts.push(&h.text);
        }
    }
    if parts.is_empty() {
        let label = table.columns.get(c).map(|k| k.label.trim()).unwrap_or_default();
        return if label.is_empty() { format!("第{}列", c + 1) } else { label.to_owned() };
    }
    parts.join("／")
}

#[cfg(test)]
mod tests {
    use gongkai_model::table::{Column, HeaderCell, Row, RowKind};

    use super::*;

    fn check(table: &Table, c: usize, want: &str) {
        assert_eq!(column_label(table, c), want);
    }

    fn two_sided() -> Table {
        let col = |kind, label: &str| Column { id: None, kind, label: label.into(), width: 8 };
        let head =
            |text: &str, row, col, colspan| HeaderCell { text: text.into(), row, col, rowspan: 1, colspan };
        Table {
            id: "t".into(),
            number: "表1".into(),
            title: "收支".into(),
            org: String::new(),
            unit: String::new(),
            columns: vec![
                col(ColumnKind::Text, "项目"),
                col(ColumnKind::Amount, "预算数"),
                col(ColumnKind::Text, "功能分类"),
                col(ColumnKind::Amount, "预算数"),
            ],
            header: vec![
                head("收入", 0, 0, 2),
                head("项目", 1, 0, 1),
                head("预算数", 1, 1, 1),
                head("支出", 0, 2, 2),
                head("功能分类", 1, 2, 1),
                head("预算数", 1, 3, 1),
                head("1", 2, 3, 1),
            ],
            header_rows: 3,
            rows: vec![Row {
                kind: RowKind::Line,
                key: "current".into(),
                level: 0,
                children: Vec::new(),
                right_children: Vec::new(),
                cells: vec![
                    Cell::Text("一、本年收入".into()),
                    Cell::Amount(Decimal::ONE),
                    Cell::Text("201 一般公共服务支出".into()),
                    Cell::Amount(Decimal::ZERO),
                ],
            }],
            empty_note: None,
            notes: Vec::new(),
            spans: Vec::new(),
            format: Default::default(),
            layout: Default::default(),
        }
    }

    #[test]
    fn columns_are_named_by_their_header_path_without_numbering() {
        let t = two_sided();
        check(&t, 1, "收入／预算数");
        check(&t, 3, "支出／预算数");
    }

    #[test]
    fn two_sided_rows_are_named_on_the_side_of_the_column() {
        let t = two_sided();
        assert_eq!(row_ref(&t, 0, Some(1)).name, "一、本年收入");
        assert_eq!(row_ref(&t, 0, Some(3)).name, "201 一般公共服务支出");
        assert_eq!(row_ref(&t, 0, None).name, "一、本年收入");
    }
}
