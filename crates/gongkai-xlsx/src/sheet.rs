//! Writes one table onto its sheet: title block, header grid, data rows and notes.
//!
//! Nothing here knows 表1…表11: the header grid, row kinds and cell kinds of the model
//! say everything that is drawn.

use gongkai_model::money::round2;
use gongkai_model::table::NumberFormat;
use gongkai_model::table::{Cell, ColumnKind, Table};
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

use crate::grid::{Layout, ORG_ROW, TITLE_ROW, org_and_unit, org_label, row_count, unit_label};
use crate::style::Styles;

/// A grid column as the writer numbers it (tables are far below Excel's column limit).
fn col(c: usize) -> ColNum {
    ColNum::try_from(c).unwrap_or(ColNum::MAX)
}

/// Writes `text` over rows `rows` and columns `cols` (inclusive): merged when it spans
/// several cells, a plain cell otherwise (Excel refuses single-cell merges).
fn span(
    ws: &mut Worksheet,
    rows: (RowNum, RowNum),
    cols: (usize, usize),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if rows.0 == rows.1 && cols.0 == cols.1 {
        ws.write_string_with_format(rows.0, col(cols.0), text, format)?;
    } else {
        ws.merge_range(rows.0, col(cols.0), rows.1, col(cols.1), text, format)?;
    }
    Ok(())
}

/// Writes the whole table.
pub(crate) fn write(
    ws: &mut Worksheet,
    table: &Table,
    layout: &Layout,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for (c, width) in layout.widths.iter().enumerate() {
        ws.set_column_width(col(c), *width)?;
    }
    title_block(ws, table, layout, styles)?;
    header(ws, table, layout, styles)?;
    let mut next = body(ws, table, layout, styles)?;
    let last = table.columns.len() - 1;
    // The empty-table sentence and the notes sit under the grid, one merged wrapped row
    // each, as the published tables print them as lines below the table.
    if table.is_empty()
        && let Some(note) = &table.empty_note
    {
        span(ws, (next, next), (0, last), note, &styles.note)?;
        ws.set_row_height(next, layout.empty_height)?;
        next += 1;
    }
    for (note, height) in table.notes.iter().zip(&layout.note_heights) {
        span(ws, (next, next), (0, last), note, &styles.note)?;
        ws.set_row_height(next, *height)?;
        next += 1;
    }
    Ok(())
}

/// 表号, title, and the 编制部门 / 单位 line.
fn title_block(ws: &mut Worksheet, table: &Table, layout: &Layout, styles: &Styles) -> Result<(), XlsxError> {
    let last = table.columns.len() - 1;
    ws.write_string_with_format(0, 0, &table.number, &styles.number)?;
    span(ws, (TITLE_ROW, TITLE_ROW), (0, last), &table.title, &styles.title)?;
    ws.set_row_height(TITLE_ROW, layout.title_height)?;
    match unit_label(table) {
        Some(unit) if layout.unit_cols > 0 => {
            let split = table.columns.len() - layout.unit_cols;
            span(ws, (ORG_ROW, ORG_ROW), (0, split - 1), &org_label(table), &styles.org)?;
            span(ws, (ORG_ROW, ORG_ROW), (split, last), &unit, &styles.unit)?;
        }
        _ => span(ws, (ORG_ROW, ORG_ROW), (0, last), &org_and_unit(table), &styles.org)?,
    }
    ws.set_row_height(ORG_ROW, layout.org_height)?;
    Ok(())
}

/// The header grid as the table's header cells place it, spans merged.
fn header(ws: &mut Worksheet, table: &Table, layout: &Layout, styles: &Styles) -> Result<(), XlsxError> {
    let top = layout.header_top();
    for h in &table.header {
        let rows = (top + row_count(h.row), top + row_count(h.row + h.rowspan - 1));
        span(ws, rows, (h.col, h.col + h.colspan - 1), &h.text, &styles.header)?;
    }
    // Uncovered positions still get the header's border and fill, so the grid is closed.
    for &(r, c) in &layout.header_gaps {
        ws.write_blank(top + row_count(r), col(c), &styles.header)?;
    }
    for (r, height) in layout.header_heights.iter().enumerate() {
        ws.set_row_height(top + row_count(r), *height)?;
    }
    Ok(())
}

/// The data rows; returns the first row below them.
fn body(ws: &mut Worksheet, table: &Table, layout: &Layout, styles: &Styles) -> Result<RowNum, XlsxError> {
    let top = layout.body_top();
    for (r, row) in table.rows.iter().enumerate() {
        let at = top + row_count(r);
        let strong = row.kind.is_strong();
        for (c, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
            if layout.hidden.contains(&(r, c)) {
                continue;
            }
            let indent = if layout.indent_col == Some(c) { layout.indents[r] } else { 0 };
            // The cell's own kind decides codes and amounts; the column decides the rest.
            let kind = match cell {
                Cell::Code(_) => ColumnKind::Code,
                Cell::Amount(_) | Cell::Percent(_) | Cell::Change(_) => ColumnKind::Amount,
                Cell::Text(_) | Cell::Empty => column.kind,
            };
            let format = styles.cell(kind, strong, indent);
            if let Some(&(rowspan, colspan)) = layout.spans.get(&(r, c)) {
                // The merge draws the border over the whole range; the value is then
                // written into its top-left cell like any other.
                let last = (at + row_count(rowspan - 1), col(c + colspan - 1));
                ws.merge_range(at, col(c), last.0, last.1, "", format)?;
            }
            match cell {
                // A formatted blank keeps the cell's border: the grid stays complete.
                Cell::Empty => ws.write_blank(at, col(c), format)?,
                Cell::Code(s) | Cell::Text(s) => ws.write_string_with_format(at, col(c), s, format)?,
                // The sheet's number format is the default one (万元, 0.01, separators,
                // zero blank); a table printed otherwise (元, whole numbers, 0.00 for zero)
                // gets its figures as printed, so that the sheet shows what the PDF shows.
                Cell::Amount(_) if table.format == NumberFormat::default() => {
                    ws.write_number_with_format(at, col(c), amount(cell), format)?
                }
                Cell::Amount(_) | Cell::Percent(_) | Cell::Change(_) => {
                    ws.write_string_with_format(at, col(c), table.show(cell), format)?
                }
            };
        }
        ws.set_row_height(at, layout.row_heights[r])?;
    }
    Ok(top + row_count(table.rows.len()))
}

/// An amount cell's value as the sheet stores it: rounded to 0.01 exactly as every format
/// prints it, then converted to a float, the one place money leaves `Decimal`. Zero is
/// stored as a plain 0 (never -0) so the number format shows it blank.
fn amount(cell: &Cell) -> f64 {
    let rounded = round2(cell.amount());
    if rounded.is_zero() { 0.0 } else { rounded.as_f64() }
}
