//! Writes one table onto its sheet: title block, header grid, data rows and notes.
//!
//! Nothing here knows 表1…表11: the header grid, row kinds and cell kinds of the model
//! say everything that is drawn.

use gongkai_model::table::{Cell, ColumnKind, Table};
use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};

use crate::grid::{Layout, OrgLine, Side, row_count};
use crate::style::Styles;

/// Longest sheet name Excel accepts, in characters.
const SHEET_NAME_MAX: usize = 31;

/// The sheet's name: the table's 表号, or for an unnumbered table its title, cut to the
/// length Excel allows and without the characters it refuses.
pub(crate) fn name(table: &Table) -> String {
    if !table.number.is_empty() {
        return table.number.clone();
    }
    title_name(&table.title, "")
}

/// `title` as a sheet name with `suffix` after it (`项目支出绩效目标表2`): the characters
/// Excel refuses replaced, the title cut so that the whole fits Excel's length.
pub(crate) fn title_name(title: &str, suffix: &str) -> String {
    let room = SHEET_NAME_MAX.saturating_sub(suffix.chars().count());
    title
        .chars()
        .map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c })
        .take(room)
        .chain(suffix.chars())
        .collect()
}

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

/// 表号, title, and the 编制部门 / 单位 line, each where the table's layout puts it.
fn title_block(ws: &mut Worksheet, table: &Table, layout: &Layout, styles: &Styles) -> Result<(), XlsxError> {
    let last = table.columns.len() - 1;
    if let Some((number, side, height)) = &layout.number {
        span(ws, (0, 0), (0, last), number, styles.number(*side))?;
        ws.set_row_height(0, *height)?;
    }
    let title_row = layout.title_row;
    span(ws, (title_row, title_row), (0, last), &layout.title, &styles.title)?;
    ws.set_row_height(title_row, layout.title_height)?;
    if let Some((line, height)) = &layout.org {
        let row = layout.org_row();
        match line {
            OrgLine::Split { org, unit, unit_cols } => {
                let split = table.columns.len() - unit_cols;
                span(ws, (row, row), (0, split - 1), org, &styles.org)?;
                span(ws, (row, row), (split, last), unit, &styles.unit)?;
            }
            OrgLine::Whole(text, Side::Right) => span(ws, (row, row), (0, last), text, &styles.unit)?,
            OrgLine::Whole(text, Side::Centre) => {
                span(ws, (row, row), (0, last), text, styles.number(Side::Centre))?
            }
            OrgLine::Whole(text, _) => span(ws, (row, row), (0, last), text, &styles.org)?,
        }
        ws.set_row_height(row, *height)?;
    }
    Ok(())
}

/// The header grid as the table's header cells place it, spans merged.
fn header(ws: &mut Worksheet, table: &Table, layout: &Layout, styles: &Styles) -> Result<(), XlsxError> {
    let top = layout.header_top();
    for (h, text) in table.header.iter().zip(&layout.header_texts) {
        let rows = (top + row_count(h.row), top + row_count(h.row + h.rowspan - 1));
        span(ws, rows, (h.col, h.col + h.colspan - 1), text, &styles.header)?;
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
    let figures = styles.figures(&table.format);
    for (r, row) in table.rows.iter().enumerate() {
        let at = top + row_count(r);
        let strong = row.kind.is_strong();
        let weight = usize::from(strong);
        for (c, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
            if layout.hidden.contains(&(r, c)) {
                continue;
            }
            let indent = if layout.indent_col == Some(c) { layout.indents[r] } else { 0 };
            // The cell's own kind decides codes and figures; the column decides the rest.
            let format = match cell {
                Cell::Code(_) => styles.cell(ColumnKind::Code, strong, indent),
                Cell::Amount(_) => &figures.amount[weight],
                Cell::Percent(_) => &figures.percent[weight],
                Cell::Change(_) => &figures.change[weight],
                Cell::Text(_) => styles.cell(column.kind, strong, indent),
                // A blank in a figure column keeps the column's number format, for a
                // figure typed in later.
                Cell::Empty if column.kind == ColumnKind::Amount => &figures.amount[weight],
                Cell::Empty => styles.cell(column.kind, strong, indent),
            };
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
                // Figures stay numbers, so that the sheet adds up; the number format prints
                // them as the table does.
                Cell::Amount(_) | Cell::Percent(_) | Cell::Change(_) => {
                    ws.write_number_with_format(at, col(c), stored(table, cell), format)?
                }
            };
        }
        ws.set_row_height(at, layout.row_heights[r])?;
    }
    Ok(top + row_count(table.rows.len()))
}

/// A figure as the sheet stores it: the number [`Table::show`] prints (in the table's
/// unit, rounded to its decimals half away from zero), read back from that text so that
/// sheet and print can never round differently; a percentage as the fraction it prints
/// (`12.34%` is 0.1234). A zero printed blank or as `-` is stored as 0 (never -0). The
/// one place money leaves `Decimal` is this conversion of printed digits to a float.
pub(crate) fn stored(table: &Table, cell: &Cell) -> f64 {
    let shown = table.show(cell);
    let digits: String = shown.chars().filter(|c| *c != ',').collect();
    let text = match cell {
        Cell::Percent(_) => fraction(digits.trim_end_matches('%')),
        _ => digits,
    };
    match text.parse::<f64>() {
        Ok(value) if value != 0.0 => value,
        _ => 0.0,
    }
}

/// A decimal numeral divided by 100, by moving its point: `1009.71` → `10.0971`.
fn fraction(percent: &str) -> String {
    let (sign, digits) = percent.strip_prefix('-').map_or(("", percent), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let int = format!("{int:0>3}");
    let (whole, cents) = int.split_at(int.len() - 2);
    format!("{sign}{whole}.{cents}{frac}")
}

#[cfg(test)]
mod tests {
    use super::fraction;

    #[test]
    fn percentages_become_fractions_by_moving_the_point() {
        for (percent, want) in [
            ("1009.71", "10.0971"),
            ("-55.76", "-0.5576"),
            ("0.00", "0.0000"),
            ("5", "0.05"),
            ("12", "0.12"),
            ("100", "1.00"),
        ] {
            assert_eq!(fraction(percent), want);
        }
    }
}
