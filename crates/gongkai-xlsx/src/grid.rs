//! The geometry of one table's sheet: where things go and how big they are.
//!
//! Everything here is decided before a cell is written: the table's shape is checked (a
//! document may come from another program as JSON, so spans and row widths are not taken on
//! trust), and column widths and row heights are computed from the text. Heights are set
//! explicitly because neither Excel nor LibreOffice grows a row for text in merged cells,
//! and a header that relies on the reader's auto-fit looks different in every program.

use std::collections::{BTreeMap, BTreeSet};

use gongkai_model::table::{Cell, ColumnKind, HeaderCell, NumberPosition, Orientation, Table};

use crate::error::XlsxError;
use crate::measure::{break_label, indented_tenths, lines, tenths, units, widest};
use crate::style::{BODY_PT, TITLE_PT};

/// Units of padding added to measured column contents.
const COLUMN_PADDING: u16 = 2;
/// Units kept free inside a cell when counting wrapped lines.
const CELL_PADDING: u16 = 1;
/// Header labels of amount columns break beyond this many tenths of a unit (five CJK
/// characters), as the published tables break 上级国有资本经营预算安排的转移支付 over
/// several lines of a narrow column instead of widening it: a table of a dozen figure
/// columns then still prints at a readable scale.
const HEADER_WRAP: usize = 100;
/// Widest column, in units; longer text wraps.
const MAX_WIDTH: u16 = 60;
/// Widest name column (the first text column), in units: 15 CJK characters. Longer names
/// wrap onto a second line, which costs less than shrinking every column on the page.
const MAX_NAME_WIDTH: u16 = 32;
/// Narrowest a text column is made to fit the paper, in units: eight CJK characters.
const MIN_NARROWED: u16 = 18;
/// Height of one line of grid text, and the padding of a grid row, in points: 16 pt for a
/// single line of 10 pt text, tight enough that a 20-row table fits one landscape page.
const LINE_PT: u16 = 14;
const ROW_PAD_PT: u16 = 2;
/// Height of one line of the title, and its padding, in points.
const TITLE_LINE_PT: u16 = 22;
const TITLE_PAD_PT: u16 = 8;

/// Where a line above the grid sits across the table's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Left,
    Centre,
    Right,
}

/// The narrowest sensible column of each kind, in units.
fn min_width(kind: ColumnKind) -> u16 {
    match kind {
        // Three code columns hold 功能分类科目编码 on one line.
        ColumnKind::Code => 6,
        ColumnKind::Text => 10,
        ColumnKind::Amount => 11,
    }
}

/// Height of a grid row holding `lines` lines of text.
fn row_height(lines: u16) -> u16 {
    lines.max(1).saturating_mul(LINE_PT).saturating_add(ROW_PAD_PT)
}

/// The 编制部门 / 单位 line above the grid, as the table's layout asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OrgLine {
    /// Both: the organisation over the leading columns, the unit over the last
    /// `unit_cols`.
    Split { org: String, unit: String, unit_cols: usize },
    /// One text over the whole width.
    Whole(String, Side),
}

/// The computed layout of one table's sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// Column widths, in units.
    pub(crate) widths: Vec<u16>,
    /// The 表号 line above the title, when the table prints one there: the number, where
    /// it sits, and the row height.
    pub(crate) number: Option<(String, Side, u16)>,
    /// Row of the title.
    pub(crate) title_row: u32,
    /// The title as printed (with the 表号 before it when the profile puts it inline).
    pub(crate) title: String,
    /// Height of the title row, in points.
    pub(crate) title_height: u16,
    /// The 编制部门 / 单位 line, if the table has either, and its row height.
    pub(crate) org: Option<(OrgLine, u16)>,
    /// Header cell texts (in the order of the table's header cells), broken into lines
    /// where they wrap, so that no program breaks them worse.
    pub(crate) header_texts: Vec<String>,
    /// Heights of the header rows, in points.
    pub(crate) header_heights: Vec<u16>,
    /// The column whose text shows the hierarchy (the first text column), if any.
    pub(crate) indent_col: Option<usize>,
    /// Indentation level of each data row in `indent_col`.
    pub(crate) indents: Vec<u8>,
    /// Merged body cells: top-left (row, column) to (rowspan, colspan).
    pub(crate) spans: BTreeMap<(usize, usize), (usize, usize)>,
    /// Body cells hidden under a merge other than its top-left cell.
    pub(crate) hidden: BTreeSet<(usize, usize)>,
    /// Each data cell as [`Table::show`] prints it, by row and column: measured here and
    /// stored by the sheet, formatted once.
    pub(crate) shown: Vec<Vec<String>>,
    /// Heights of the data rows, in points.
    pub(crate) row_heights: Vec<u16>,
    /// Height of the empty-table sentence's row, in points.
    pub(crate) empty_height: u16,
    /// Heights of the note rows, in points.
    pub(crate) note_heights: Vec<u16>,
    /// Leading code and name columns kept in view when scrolling sideways.
    pub(crate) frozen_cols: usize,
}

impl Layout {
    /// Row of the 编制部门 line (meaningful only when there is one).
    pub(crate) fn org_row(&self) -> u32 {
        self.title_row + 1
    }

    /// First row of the header.
    pub(crate) fn header_top(&self) -> u32 {
        self.title_row + 1 + u32::from(self.org.is_some())
    }

    /// First data row.
    pub(crate) fn body_top(&self) -> u32 {
        self.header_top() + row_count(self.header_heights.len())
    }

    /// Height of every row the sheet prints, in points.
    pub(crate) fn total_height(&self) -> u32 {
        let rows = self
            .number
            .iter()
            .map(|n| n.2)
            .chain([self.title_height])
            .chain(self.org.iter().map(|o| o.1))
            .chain(self.header_heights.iter().copied())
            .chain(self.row_heights.iter().copied())
            .chain((self.empty_height > 0).then_some(self.empty_height))
            .chain(self.note_heights.iter().copied());
        rows.map(u32::from).sum()
    }
}

/// A row count as a sheet row offset (tables are far below Excel's row limit).
pub(crate) fn row_count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The 表号 line above the title and where it sits; none for an unnumbered table or one
/// whose number goes before the title.
pub(crate) fn number_side(table: &Table) -> Option<Side> {
    table.number_line().map(|p| match p {
        NumberPosition::AboveLeft => Side::Left,
        NumberPosition::AboveRight => Side::Right,
        NumberPosition::Above | NumberPosition::Inline => Side::Centre,
    })
}

/// Total width of `widths[from..to]`, in units.
fn sum(widths: &[u16], from: usize, to: usize) -> u16 {
    widths[from..to].iter().fold(0, |a, w| a.saturating_add(*w))
}

/// Checks the table's shape and computes its layout.
pub(crate) fn layout(table: &Table) -> Result<Layout, XlsxError> {
    layout_with(table, None)
}

/// A form's layout (a performance-target form): its columns keep the proportions the
/// profile gives them (they are part of the form's design, as in the PDF), scaled to fill
/// the paper's width at full size, so that the long texts of a form wrap inside their
/// cells instead of widening the sheet; the subtitle (`（2025年）`) sits centred under the
/// title where a table has its 编制部门 line.
pub(crate) fn form_layout(table: &Table, subtitle: &str) -> Result<Layout, XlsxError> {
    let mut layout = layout_with(table, Some(form_widths(table)))?;
    let total = sum(&layout.widths, 0, layout.widths.len());
    if !subtitle.is_empty() {
        let height = row_height(lines(subtitle, 0, total, CELL_PADDING));
        layout.org = Some((OrgLine::Whole(subtitle.to_owned(), Side::Centre), height));
    } else if let Some(unit) = table.unit_line() {
        // A form without a subtitle may print its unit line there, at the right.
        let height = row_height(lines(&unit, 0, total, CELL_PADDING));
        layout.org = Some((OrgLine::Whole(unit, Side::Right), height));
    }
    Ok(layout)
}

/// The form's column widths: the profile's proportions over the printable width of the
/// paper the form is turned to, at 100 %.
fn form_widths(table: &Table) -> Vec<u16> {
    let landscape = table.layout.orientation == Orientation::Landscape;
    let budget = crate::page::a4_width_budget(landscape) * crate::page::MIN_SCALE / 100;
    let n = u32::try_from(table.columns.len()).unwrap_or(u32::MAX).max(1);
    // column_pt(w) = (7w + 5) × 75: the units that fill the budget, less each column's padding.
    let units = (budget / 75).saturating_sub(5 * n) / 7;
    let parts: u32 = table.columns.iter().map(|c| u32::from(c.width.max(1))).sum();
    table
        .columns
        .iter()
        .map(|c| {
            let w = units * u32::from(c.width.max(1)) / parts.max(1);
            u16::try_from(w).unwrap_or(MAX_WIDTH).max(4)
        })
        .collect()
}

fn layout_with(table: &Table, fixed_widths: Option<Vec<u16>>) -> Result<Layout, XlsxError> {
    let ncols = table.columns.len();
    if ncols == 0 {
        return Err(XlsxError::NoColumns { sheet: table.number.clone() });
    }
    // The sheet formats the whole header grid, so the positions no header cell covers
    // need no list of their own.
    check_grid(table, &table.header, table.header_rows, Part::Header)?;
    for row in &table.rows {
        if row.cells.len() != ncols {
            return Err(XlsxError::RowWidth {
                sheet: table.number.clone(),
                row: row.key.clone(),
                cells: row.cells.len(),
                columns: ncols,
            });
        }
    }

    let body = check_grid(table, &table.spans, table.rows.len(), Part::Body)?;
    let spans: BTreeMap<(usize, usize), (usize, usize)> =
        table.spans.iter().map(|s| ((s.row, s.col), (s.rowspan, s.colspan))).collect();
    let hidden: BTreeSet<(usize, usize)> = (0..table.rows.len())
        .flat_map(|r| (0..ncols).map(move |c| (r, c)))
        .filter(|&(r, c)| body[r][c] && !spans.contains_key(&(r, c)))
        .collect();

    // Names indent one step per level below the top: totals (level 0) and 类 rows (level 1)
    // print flush left, as the published tables do.
    let indent_col = table.columns.iter().position(|c| c.kind == ColumnKind::Text);
    let indents: Vec<u8> = table.rows.iter().map(|r| r.level.saturating_sub(1)).collect();
    let indent_at = |row: usize, col: usize| if Some(col) == indent_col { indents[row] } else { 0 };

    let shown: Vec<Vec<String>> =
        table.rows.iter().map(|row| row.cells.iter().map(|cell| table.show(cell)).collect()).collect();
    let widths = match fixed_widths {
        Some(widths) => widths,
        None => {
            let mut widths = column_widths(table, &shown, &spans, indent_col, &indent_at);
            // A sheet wider than A4 takes at the smallest scale first wraps its names more:
            // a taller row costs less than a larger sheet of paper.
            let landscape = table.layout.orientation == Orientation::Landscape;
            narrow(table, &mut widths, crate::page::a4_width_budget(landscape));
            widths
        }
    };
    let total = sum(&widths, 0, ncols);
    let single = |text: &str| row_height(lines(text, 0, total, CELL_PADDING));

    let number = number_side(table).map(|side| (table.number.clone(), side, single(&table.number)));
    let title_row = u32::from(number.is_some());
    let title = table.heading_title();
    // The title is set larger than the grid text: scale its measure by the font sizes.
    let title_width = tenths(&title) * usize::from(TITLE_PT) / usize::from(BODY_PT);
    let title_lines = u16::try_from(title_width.div_ceil(usize::from(total.max(1)) * 10)).unwrap_or(1);
    let title_height = title_lines.max(1).saturating_mul(TITLE_LINE_PT).saturating_add(TITLE_PAD_PT);

    let org = match (table.org_line(), table.unit_line()) {
        // 单位 takes as few trailing columns as it fits in, leaving the rest to 编制部门.
        (Some(org), Some(unit)) if ncols > 1 => {
            let unit_width = units(tenths(&unit), COLUMN_PADDING);
            let mut unit_cols = 1;
            while unit_cols < ncols - 1 && sum(&widths, ncols - unit_cols, ncols) < unit_width {
                unit_cols += 1;
            }
            let org_width = sum(&widths, 0, ncols - unit_cols);
            let height = row_height(lines(&org, 0, org_width, CELL_PADDING));
            Some((OrgLine::Split { org, unit, unit_cols }, height))
        }
        (Some(org), Some(unit)) => {
            let text = format!("{org}  {unit}");
            let height = single(&text);
            Some((OrgLine::Whole(text, Side::Left), height))
        }
        (Some(org), None) => Some((OrgLine::Whole(org.clone(), Side::Left), single(&org))),
        (None, Some(unit)) => Some((OrgLine::Whole(unit.clone(), Side::Right), single(&unit))),
        (None, None) => None,
    };

    let (header_texts, header_heights) = header_lines(table, &widths);

    // Body rows grow like header rows: a row to its tallest unmerged text, merged cells
    // over the rows they span.
    let mut pieces = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.cells.iter().enumerate() {
            if !matches!(cell, Cell::Text(_)) || hidden.contains(&(r, c)) {
                continue;
            }
            let (rowspan, colspan) = spans.get(&(r, c)).copied().unwrap_or((1, 1));
            let width = sum(&widths, c, c + colspan);
            pieces.push((r, rowspan, row_height(lines(&shown[r][c], indent_at(r, c), width, CELL_PADDING))));
        }
    }
    let row_heights = grow(table.rows.len(), pieces);
    let note_height = |text: &str| row_height(lines(text, 0, total, CELL_PADDING));
    let empty_height = table.empty_note.as_deref().map_or(0, note_height);
    let note_heights = table.notes.iter().map(|n| note_height(n)).collect();

    // Keep the code and name columns in view, unless nothing would be left to scroll.
    let leading = table.columns.iter().take_while(|c| c.kind != ColumnKind::Amount).count();
    let frozen_cols = if leading < ncols { leading } else { 0 };
    Ok(Layout {
        widths,
        number,
        title_row,
        title,
        title_height,
        org,
        header_texts,
        header_heights,
        indent_col,
        indents,
        spans,
        hidden,
        shown,
        row_heights,
        empty_height,
        note_heights,
        frozen_cols,
    })
}

/// Each column's width: its widest cell or leaf header label (an amount column's label
/// broken into lines of at most five characters), padded and clamped. Text merged over
/// several columns is left out: it gets the room its columns already give it.
fn column_widths(
    table: &Table,
    shown: &[Vec<String>],
    spans: &BTreeMap<(usize, usize), (usize, usize)>,
    name_col: Option<usize>,
    indent_at: &dyn Fn(usize, usize) -> u8,
) -> Vec<u16> {
    let mut widths: Vec<u16> = (0..table.columns.len())
        .map(|c| {
            let kind = table.columns[c].kind;
            let content = table
                .rows
                .iter()
                .enumerate()
                .filter(|(r, _)| spans.get(&(*r, c)).is_none_or(|&(_, colspan)| colspan == 1))
                .map(|(r, _)| indented_tenths(&shown[r][c], indent_at(r, c)))
                .max()
                .unwrap_or(0);
            let header = table
                .header
                .iter()
                .filter(|h| h.col == c && h.colspan == 1)
                .map(|h| match kind {
                    ColumnKind::Amount => widest(&break_label(&h.text, content.max(HEADER_WRAP))),
                    _ => widest(&break_label(&h.text, usize::MAX)),
                })
                .max()
                .unwrap_or(0);
            let max = if Some(c) == name_col { MAX_NAME_WIDTH } else { MAX_WIDTH };
            units(header.max(content), COLUMN_PADDING).clamp(min_width(kind), max)
        })
        .collect();
    // Amount columns share one width, as in the published tables: a ragged row of figure
    // columns reads as if some mattered more.
    let is_amount = |c: &usize| table.columns[*c].kind == ColumnKind::Amount;
    let widest = (0..widths.len()).filter(is_amount).map(|c| widths[c]).max().unwrap_or(0);
    for c in (0..widths.len()).filter(is_amount) {
        widths[c] = widest;
    }
    widths
}

/// Narrows text columns, the widest first and none below [`MIN_NARROWED`], until the
/// columns take no more than `budget` (hundredths of a point, as printed at 100 %) or no
/// text column can give more.
fn narrow(table: &Table, widths: &mut [u16], budget: u32) {
    let printed = |widths: &[u16]| widths.iter().map(|w| crate::page::column_pt(*w)).sum::<u32>();
    while printed(widths) > budget {
        let widest = (0..widths.len())
            .filter(|&c| table.columns[c].kind == ColumnKind::Text && widths[c] > MIN_NARROWED)
            .max_by_key(|&c| (widths[c], std::cmp::Reverse(c)));
        match widest {
            Some(c) => widths[c] -= 1,
            None => return,
        }
    }
}

/// Header cell texts broken into the lines they print on over their merged width, and the
/// header row heights that hold them.
fn header_lines(table: &Table, widths: &[u16]) -> (Vec<String>, Vec<u16>) {
    let mut texts = Vec::with_capacity(table.header.len());
    let mut pieces = Vec::with_capacity(table.header.len());
    for h in &table.header {
        let width = sum(widths, h.col, h.col + h.colspan);
        let room = usize::from(width.saturating_sub(CELL_PADDING).max(1)) * 10;
        let broken = break_label(&h.text, room);
        let count = u16::try_from(broken.len()).unwrap_or(u16::MAX);
        texts.push(broken.join("\n"));
        pieces.push((h.row, h.rowspan, row_height(count)));
    }
    (texts, grow(table.header_rows, pieces))
}

/// Row heights for `rows` rows holding `(row, rowspan, height needed)` pieces: each row
/// grows to its tallest single-row piece; a piece spanning rows that still lacks room gets
/// it added to the last row it spans.
fn grow(rows: usize, pieces: Vec<(usize, usize, u16)>) -> Vec<u16> {
    let mut heights = vec![row_height(1); rows];
    for &(row, _, need) in pieces.iter().filter(|p| p.1 == 1) {
        heights[row] = heights[row].max(need);
    }
    for &(row, rowspan, need) in pieces.iter().filter(|p| p.1 > 1) {
        let have = heights[row..row + rowspan].iter().fold(0u16, |a, x| a.saturating_add(*x));
        if need > have {
            heights[row + rowspan - 1] += need - have;
        }
    }
    heights
}

/// Which grid a span belongs to.
#[derive(Clone, Copy)]
enum Part {
    Header,
    Body,
}

/// Checks that `cells` (header cells or body spans) lie inside a grid of `rows` rows and
/// the table's columns without overlapping, and returns which positions they cover.
fn check_grid(
    table: &Table,
    cells: &[HeaderCell],
    rows: usize,
    part: Part,
) -> Result<Vec<Vec<bool>>, XlsxError> {
    let ncols = table.columns.len();
    let mut covered = vec![vec![false; ncols]; rows];
    for h in cells {
        let inside =
            h.rowspan > 0 && h.colspan > 0 && h.row + h.rowspan <= rows && h.col + h.colspan <= ncols;
        if !inside {
            let sheet = table.number.clone();
            let text = h.text.clone();
            return Err(match part {
                Part::Header => XlsxError::HeaderCellOutsideGrid { sheet, text, rows, columns: ncols },
                Part::Body => XlsxError::SpanOutsideGrid { sheet, text, rows, columns: ncols },
            });
        }
        for row in &mut covered[h.row..h.row + h.rowspan] {
            for slot in &mut row[h.col..h.col + h.colspan] {
                if *slot {
                    let sheet = table.number.clone();
                    let text = h.text.clone();
                    return Err(match part {
                        Part::Header => XlsxError::HeaderCellsOverlap { sheet, text },
                        Part::Body => XlsxError::SpansOverlap { sheet, text },
                    });
                }
                *slot = true;
            }
        }
    }
    Ok(covered)
}

#[cfg(test)]
mod tests {
    use gongkai_model::money::parse_amount;
    use gongkai_model::table::{Column, Row, RowKind};

    use super::*;

    fn header(text: &str, row: usize, col: usize, rowspan: usize, colspan: usize) -> HeaderCell {
        HeaderCell { text: text.into(), row, col, rowspan, colspan }
    }

    /// A small classification table: code, name, two amounts under a group label.
    fn table(headers: Vec<HeaderCell>, rows: Vec<Vec<Cell>>) -> Table {
        let column = |kind, label: &str| Column { id: None, kind, label: label.into(), width: 12 };
        Table {
            id: "t".into(),
            number: "表1".into(),
            title: "测试表".into(),
            org: "测试局".into(),
            unit: "万元".into(),
            columns: vec![
                column(ColumnKind::Code, "类"),
                column(ColumnKind::Text, "科目名称"),
                column(ColumnKind::Amount, "合计"),
                column(ColumnKind::Amount, "上级国有资本经营预算安排的转移支付"),
            ],
            header: headers,
            header_rows: 2,
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| Row {
                    kind: RowKind::Item,
                    key: format!("r{i}"),
                    level: u8::try_from(i).unwrap(),
                    children: vec![],
                    right_children: vec![],
                    cells,
                })
                .collect(),
            empty_note: None,
            notes: vec![],
            spans: vec![],
            format: Default::default(),
            layout: Default::default(),
        }
    }

    fn good_header() -> Vec<HeaderCell> {
        vec![
            header("类", 0, 0, 2, 1),
            header("科目名称", 0, 1, 2, 1),
            header("支出", 0, 2, 1, 2),
            header("合计", 1, 2, 1, 1),
            header("上级国有资本经营预算安排的转移支付", 1, 3, 1, 1),
        ]
    }

    fn amount(s: &str) -> Cell {
        Cell::Amount(parse_amount(s).unwrap())
    }

    /// Widths, header heights, body row heights and frozen columns, or the error message.
    type Shape<'a> = (&'a [u16], &'a [u16], &'a [u16], usize);

    fn check(table: &Table, want: Result<Shape<'_>, &str>) {
        let got = layout(table)
            .map(|l| (l.widths, l.header_heights, l.row_heights, l.frozen_cols))
            .map_err(|e| e.to_string());
        let want = want.map(|(w, h, r, f)| (w.to_vec(), h.to_vec(), r.to_vec(), f)).map_err(str::to_owned);
        assert_eq!(got, want);
    }

    #[test]
    fn widths_fit_cjk_names_and_wrap_long_amount_labels() {
        let rows = vec![
            vec![Cell::Empty, Cell::Text("总计".into()), amount("1234567.891"), amount("0")],
            vec![Cell::Code("208".into()), Cell::Text("社会保障和就业支出".into()), amount("1"), amount("0")],
            // Level 2: indented one step.
            vec![
                Cell::Code("05".into()),
                Cell::Text("行政事业单位养老支出".into()),
                amount("1"),
                amount("0"),
            ],
        ];
        // Name: 10 CJK + one indent = 22 units + 2; amount: "1,234,567.89" = 13.2 + 2, and
        // both amount columns share it; the long label wraps into 3 lines of 14 pt.
        check(&table(good_header(), rows), Ok((&[6, 24, 16, 16], &[16, 44], &[16, 16, 16], 2)));
    }

    #[test]
    fn an_empty_table_is_sized_by_its_header() {
        // The long label breaks into four lines of at most five characters.
        check(&table(good_header(), vec![]), Ok((&[6, 10, 12, 12], &[16, 58], &[], 2)));
    }

    #[test]
    fn malformed_tables_are_refused() {
        let mut outside = good_header();
        outside[2].colspan = 3;
        check(&table(outside, vec![]), Err("表1：表头单元格“支出”超出表头范围（2 行 × 4 列）"));
        let mut overlap = good_header();
        overlap.push(header("又一个", 1, 3, 1, 1));
        check(&table(overlap, vec![]), Err("表1：表头单元格“又一个”与其他表头单元格重叠"));
        let ragged = vec![vec![Cell::Empty, Cell::Text("总计".into())]];
        check(&table(good_header(), ragged), Err("表1：行“r0”有 2 个单元格，而表有 4 列"));
    }

    #[test]
    fn merged_body_cells_wrap_over_their_span_and_are_checked() {
        let text = "合并单元格里的一段很长的说明文字，跨越全部四列";
        let rows = vec![
            vec![Cell::Text(text.into()), Cell::Empty, Cell::Empty, Cell::Empty],
            vec![Cell::Text("甲".into()), Cell::Text("乙".into()), Cell::Empty, Cell::Empty],
        ];
        let mut t = table(good_header(), rows);
        // The sentence (23 CJK characters = 46 units) does not widen column 0; over all
        // four columns (40 units) it wraps into two lines.
        t.spans = vec![header(text, 0, 0, 1, 4)];
        check(&t, Ok((&[6, 10, 12, 12], &[16, 58], &[30, 16], 2)));
        t.spans = vec![header(text, 0, 0, 3, 4)];
        check(
            &t,
            Err("表1：合并单元格“合并单元格里的一段很长的说明文字，跨越全部四列”超出表格范围（2 行 × 4 列）"),
        );
        t.spans = vec![header(text, 0, 0, 1, 4), header("乙", 0, 1, 2, 1)];
        check(&t, Err("表1：合并单元格“乙”与其他合并单元格重叠"));
    }

    fn org_line(t: &Table) -> Option<OrgLine> {
        layout(t).unwrap().org.map(|(line, _)| line)
    }

    #[test]
    fn the_unit_takes_the_fewest_trailing_columns_it_fits_in() {
        let mut t = table(good_header(), vec![]);
        let split = |unit: &str, unit_cols| {
            Some(OrgLine::Split {
                org: "编制部门：测试局".into(), unit: format!("单位：{unit}"), unit_cols
            })
        };
        // 单位：万元 needs 12 units; the last column has 14.
        assert_eq!(org_line(&t), split("万元", 1));
        t.unit = "万元（人民币，按四舍五入保留两位小数）".into();
        assert_eq!(org_line(&t), split("万元（人民币，按四舍五入保留两位小数）", 3));
        t.unit = String::new();
        assert_eq!(org_line(&t), Some(OrgLine::Whole("编制部门：测试局".into(), Side::Left)));
    }

    #[test]
    fn lines_above_the_grid_follow_the_table_layout() {
        let mut t = table(good_header(), vec![]);
        let l = layout(&t).unwrap();
        assert_eq!(l.number, Some(("表1".into(), Side::Centre, 16)));
        assert_eq!((l.title_row, l.header_top(), l.body_top()), (1, 3, 5));
        t.layout.org_label = None;
        t.layout.unit_label = Some("金额单位".into());
        t.unit = "元".into();
        assert_eq!(org_line(&t), Some(OrgLine::Whole("金额单位：元".into(), Side::Right)));
        t.layout.unit_label = None;
        t.layout.number_position = NumberPosition::Inline;
        let l = layout(&t).unwrap();
        assert_eq!((l.number.clone(), l.title.as_str(), l.org.clone()), (None, "表1 测试表", None));
        assert_eq!((l.title_row, l.header_top(), l.body_top()), (0, 1, 3));
        t.number = "表1：".into();
        assert_eq!(layout(&t).unwrap().title, "表1：测试表");
        t.layout.number_position = NumberPosition::AboveRight;
        assert_eq!(layout(&t).unwrap().number.map(|n| n.1), Some(Side::Right));
        t.number = String::new();
        let l = layout(&t).unwrap();
        assert_eq!((l.number, l.title.as_str(), l.title_row), (None, "测试表", 0));
    }
}
