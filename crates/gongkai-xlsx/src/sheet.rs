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
        if h.rowspan == 1 && h.colspan == 1 {
            // Formatted with the whole grid below.
            ws.write_string(rows.0, col(h.col), text)?;
        } else {
            ws.merge_range(rows.0, col(h.col), rows.1, col(h.col + h.colspan - 1), text, &styles.header)?;
        }
    }
    // Every position of the grid takes the header's border and fill, in one call rather
    // than one per cell: the single cells, the merges (which have it already) and the
    // positions no header cell covers, which become formatted blanks, so the grid is
    // closed. Nothing else is formatted in between, so the header's style is numbered
    // where it was when each cell was written with it.
    if table.header_rows > 0 {
        let bottom = top + row_count(table.header_rows - 1);
        ws.set_range_format(top, 0, bottom, col(table.columns.len() - 1), &styles.header)?;
    }
    for (r, height) in layout.header_heights.iter().enumerate() {
        ws.set_row_height(top + row_count(r), *height)?;
    }
    Ok(())
}

/// Cells of one row that take the same format, written without one and formatted
/// together: rust_xlsxwriter hashes the whole [`Format`] on every formatted write, which
/// cost more than the cells themselves.
struct Run<'a> {
    row: RowNum,
    first: ColNum,
    last: ColNum,
    format: &'a Format,
}

/// A rectangle of body cells that take one format: runs of the same columns and format
/// in consecutive rows, formatted in one call once the rectangle ends.
struct Block<'a> {
    rows: (RowNum, RowNum),
    cols: (ColNum, ColNum),
    format: &'a Format,
}

/// The body's formats as its cells are written: the sheet comes out as if each cell were
/// written with its format. Every cell ends with its value and format. The styles are
/// numbered in the order formats are first used, so a format the body has not used yet
/// is applied at once, where the cell-by-cell writes would first have used it; only a
/// format already used waits in a block. The sheet's dimension (which the formatting
/// call leaves alone) is the same: the title spans every column and every row gets its
/// height.
#[derive(Default)]
struct Formats<'a> {
    used: Vec<&'a Format>,
    blocks: Vec<Block<'a>>,
}

impl<'a> Formats<'a> {
    /// Ends `run`, if any: formats it now or adds it to a block.
    fn close(&mut self, ws: &mut Worksheet, run: &mut Option<Run<'a>>) -> Result<(), XlsxError> {
        let Some(run) = run.take() else { return Ok(()) };
        if !self.used.iter().any(|f| std::ptr::eq(*f, run.format)) {
            self.used.push(run.format);
            ws.set_range_format(run.row, run.first, run.row, run.last, run.format)?;
            return Ok(());
        }
        let cols = (run.first, run.last);
        let above = self
            .blocks
            .iter_mut()
            .find(|b| b.rows.1 + 1 == run.row && b.cols == cols && std::ptr::eq(b.format, run.format));
        match above {
            Some(block) => block.rows.1 = run.row,
            None => self.blocks.push(Block { rows: (run.row, run.row), cols, format: run.format }),
        }
        Ok(())
    }

    /// Formats the blocks that end above `row`: no run of `row` continued them.
    fn flush_above(&mut self, ws: &mut Worksheet, row: RowNum) -> Result<(), XlsxError> {
        let mut result = Ok(());
        self.blocks.retain(|b| {
            if b.rows.1 >= row || result.is_err() {
                return true;
            }
            result = ws.set_range_format(b.rows.0, b.cols.0, b.rows.1, b.cols.1, b.format).map(|_| ());
            false
        });
        result
    }
}

/// The data rows; returns the first row below them.
fn body(ws: &mut Worksheet, table: &Table, layout: &Layout, styles: &Styles) -> Result<RowNum, XlsxError> {
    let top = layout.body_top();
    let figures = styles.figures(&table.format);
    let mut formats = Formats::default();
    for (r, row) in table.rows.iter().enumerate() {
        let at = top + row_count(r);
        let strong = row.kind.is_strong();
        let weight = usize::from(strong);
        let mut run: Option<Run<'_>> = None;
        for (c, (cell, column)) in row.cells.iter().zip(&table.columns).enumerate() {
            if layout.hidden.contains(&(r, c)) {
                // A cell under a merge keeps the merge's format: no run covers it.
                formats.close(ws, &mut run)?;
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
            let shown = &layout.shown[r][c];
            if let Some(&(rowspan, colspan)) = layout.spans.get(&(r, c)) {
                // The merge draws the border over the whole range and writes a text (or
                // a blank) into its top-left cell; a figure is then written over it.
                formats.close(ws, &mut run)?;
                let last = (at + row_count(rowspan - 1), col(c + colspan - 1));
                let text = match cell {
                    Cell::Code(s) | Cell::Text(s) => s.as_str(),
                    _ => "",
                };
                ws.merge_range(at, col(c), last.0, last.1, text, format)?;
                if matches!(cell, Cell::Amount(_) | Cell::Percent(_) | Cell::Change(_)) {
                    ws.write_number_with_format(at, col(c), stored(cell, shown), format)?;
                }
                continue;
            }
            match cell {
                // A blank needs no value: formatting the run makes it a formatted blank,
                // which keeps the cell's border, so the grid stays complete.
                Cell::Empty => {}
                Cell::Code(s) | Cell::Text(s) => {
                    ws.write_string(at, col(c), s)?;
                }
                // Figures stay numbers, so that the sheet adds up; the number format prints
                // them as the table does.
                Cell::Amount(_) | Cell::Percent(_) | Cell::Change(_) => {
                    ws.write_number(at, col(c), stored(cell, shown))?;
                }
            }
            match &mut run {
                Some(open) if std::ptr::eq(open.format, format) && open.last + 1 == col(c) => {
                    open.last = col(c);
                }
                _ => {
                    formats.close(ws, &mut run)?;
                    run = Some(Run { row: at, first: col(c), last: col(c), format });
                }
            }
        }
        formats.close(ws, &mut run)?;
        formats.flush_above(ws, at)?;
        ws.set_row_height(at, layout.row_heights[r])?;
    }
    formats.flush_above(ws, RowNum::MAX)?;
    Ok(top + row_count(table.rows.len()))
}

/// A figure as the sheet stores it: `shown`, the number [`Table::show`] prints for it (in
/// the table's unit, rounded to its decimals half away from zero), read back from that
/// text so that sheet and print can never round differently; a percentage as the fraction
/// it prints (`12.34%` is 0.1234). A zero printed blank or as `-` is stored as 0 (never
/// -0). The one place money leaves `Decimal` is this conversion of printed digits to a
/// float.
pub(crate) fn stored(cell: &Cell, shown: &str) -> f64 {
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
