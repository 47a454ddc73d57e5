//! Tables on pages: column widths from the content, the profile's orientation, merged
//! header cells, wrapped cells, rows that never split and a header repeated on every page.
//! Cells print as the table's own number format has them ([`Table::show`]).

use gongkai_model::table::{Cell, ColumnKind, Orientation, RowKind, Table};

use crate::fonts::{FontSet, Role};
use crate::layout::{Flow, Op, Pen, Tagged};
use crate::text::{width, wrap, wrap_balanced};

/// Column widths and type size chosen for a table.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub(crate) landscape: bool,
    pub(crate) size: f32,
    pub(crate) widths: Vec<f32>,
    pub(crate) width: f32,
    /// The body cells as printed ([`Table::show`]), row by row: shown once, measured at
    /// every type size tried and wrapped by [`prepare`].
    pub(crate) shown: Vec<Vec<String>>,
}

fn pad(size: f32) -> f32 {
    size * 0.28
}

fn line_h(size: f32) -> f32 {
    size * 1.3
}

fn role_of(kind: RowKind) -> Role {
    if kind.is_strong() { Role::Bold } else { Role::Body }
}

/// Indentation of a cell: in the row's name column (the first text column), hierarchy
/// levels step in by one character.
fn indent(t: &Table, col: usize, level: u8, size: f32) -> f32 {
    let name_col = t.columns.iter().position(|c| c.kind == ColumnKind::Text);
    if Some(col) == name_col && t.spans.is_empty() { f32::from(level.saturating_sub(1)) * size } else { 0.0 }
}

/// Whether (row, col) is covered by a body span other than at its origin.
fn covered(t: &Table, row: usize, col: usize) -> bool {
    t.spans.iter().any(|s| {
        (s.row..s.row + s.rowspan).contains(&row)
            && (s.col..s.col + s.colspan).contains(&col)
            && (s.row, s.col) != (row, col)
    })
}

fn span_at(t: &Table, row: usize, col: usize) -> (usize, usize) {
    t.spans.iter().find(|s| s.row == row && s.col == col).map_or((1, 1), |s| (s.rowspan, s.colspan))
}

/// (natural, minimum) width of each column at `size`.
fn measure(fonts: &FontSet, t: &Table, shown: &[Vec<String>], size: f32) -> Vec<(f32, f32)> {
    let p = 2.0 * pad(size);
    let mut out: Vec<(f32, f32)> = t
        .columns
        .iter()
        .map(|c| {
            // A header label wraps to about four characters a line.
            let label = width(fonts, Role::Bold, size, &c.label).min(4.2 * size) + p;
            (label, label.min(2.2 * size + p))
        })
        .collect();
    for (r, row) in t.rows.iter().enumerate() {
        for (c, text) in shown[r].iter().enumerate() {
            if covered(t, r, c) || span_at(t, r, c).1 > 1 {
                continue;
            }
            let kind = t.columns[c].kind;
            let w = width(fonts, role_of(row.kind), size, text) + p + indent(t, c, row.level, size);
            let min = match kind {
                ColumnKind::Text => {
                    text.split(|ch: char| !ch.is_ascii_graphic())
                        .map(|u| width(fonts, Role::Body, size, u))
                        .fold(4.0 * size, f32::max)
                        + p
                }
                _ => w,
            };
            out[c].0 = out[c].0.max(w);
            out[c].1 = out[c].1.max(min.min(w));
        }
    }
    out
}

/// Chooses type size and column widths on the page the profile turns the table to.
pub(crate) fn plan(fonts: &FontSet, t: &Table, size: f32, portrait: f32, landscape: f32) -> Plan {
    let is_land = t.layout.orientation == Orientation::Landscape;
    let avail = if is_land { landscape } else { portrait };
    let shown: Vec<Vec<String>> =
        t.rows.iter().map(|r| r.cells.iter().map(|c| t.show(c)).collect()).collect();
    if !t.spans.is_empty() {
        // Forms: their column proportions are part of the form's design.
        let hints: Vec<f32> = t.columns.iter().map(|c| f32::from(c.width)).collect();
        let total: f32 = hints.iter().sum();
        let widths: Vec<f32> = hints.iter().map(|h| h / total * avail).collect();
        return Plan { landscape: is_land, size, widths, width: avail, shown };
    }
    let mut size = size;
    loop {
        let m = measure(fonts, t, &shown, size);
        let minimum: f32 = m.iter().map(|c| c.1).sum();
        if minimum <= avail || size <= 6.5 {
            return Plan { landscape: is_land, size, widths: fit(t, &m, avail), width: avail, shown };
        }
        size -= 0.5;
    }
}

/// Fits natural widths into `avail`: text columns give up room first, down to their
/// minimum. Spare room goes to the figures, evenly, so that a name column is no wider than
/// its longest name and no figure touches its borders; a table of names only spreads it
/// over its columns.
fn fit(t: &Table, m: &[(f32, f32)], avail: f32) -> Vec<f32> {
    let text: Vec<bool> = t.columns.iter().map(|c| c.kind == ColumnKind::Text).collect();
    let natural: f32 = m.iter().map(|c| c.0).sum();
    let mut w: Vec<f32> = m.iter().map(|c| c.0).collect();
    if natural <= avail {
        let extra = avail - natural;
        let figures = text.iter().filter(|t| !**t).count();
        if figures > 0 {
            for (wi, is_text) in w.iter_mut().zip(&text) {
                if !*is_text {
                    *wi += extra / figures as f32;
                }
            }
        } else {
            let n = w.len() as f32;
            w.iter_mut().for_each(|wi| *wi += extra / n);
        }
    } else {
        let need = natural - avail;
        let slack: f32 = m.iter().map(|c| c.0 - c.1).sum::<f32>().max(0.001);
        for (wi, c) in w.iter_mut().zip(m) {
            *wi -= need.min(slack) * (c.0 - c.1) / slack;
        }
    }
    w
}

/// A positioned, wrapped cell.
pub(crate) struct Placed {
    x: f32,
    w: f32,
    rows: usize,
    pub(crate) lines: Vec<String>,
    role: Role,
    align: u8,
    indent: f32,
}

/// Lays out the header: cells with their row, and the height of each header row.
pub(crate) fn header(fonts: &FontSet, t: &Table, plan: &Plan, left: f32) -> (Vec<(usize, Placed)>, Vec<f32>) {
    let size = plan.size;
    let x_of = |c: usize| left + plan.widths[..c].iter().sum::<f32>();
    let mut cells = Vec::new();
    let mut heights = vec![line_h(size) + 2.0 * pad(size); t.header_rows];
    let mut spanning = Vec::new();
    for h in &t.header {
        let w: f32 = plan.widths[h.col..h.col + h.colspan].iter().sum();
        let lines = wrap_balanced(fonts, Role::Bold, size, &h.text, w - 2.0 * pad(size));
        let need = lines.len() as f32 * line_h(size) + 2.0 * pad(size);
        if h.rowspan == 1 {
            heights[h.row] = heights[h.row].max(need);
        } else {
            spanning.push((h.row, h.rowspan, need));
        }
        cells.push((
            h.row,
            Placed { x: x_of(h.col), w, rows: h.rowspan, lines, role: Role::Bold, align: 1, indent: 0.0 },
        ));
    }
    for (row, span, need) in spanning {
        let have: f32 = heights[row..row + span].iter().sum();
        if have < need {
            heights[row + span - 1] += need - have;
        }
    }
    (cells, heights)
}

fn draw_cell(f: &mut Flow<'_>, p: &Placed, y: f32, h: f32, size: f32) {
    let lh = line_h(size);
    let text_h = p.lines.len() as f32 * lh;
    let mut ty = y + (h - text_h) / 2.0;
    for l in &p.lines {
        f.y = ty + (lh - size) / 2.0;
        let pd = pad(size);
        f.text_line(p.x + pd + p.indent, p.w - 2.0 * pd - p.indent, Pen(p.role, size), l, p.align, 0.0);
        ty += lh;
    }
    let (x2, y2) = (p.x + p.w, y + h);
    for (x1, y1, xe, ye) in [(p.x, y, x2, y), (p.x, y2, x2, y2), (p.x, y, p.x, y2), (x2, y, x2, y2)] {
        f.op(Op::Rule { x1, y1, x2: xe, y2: ye, width: 0.5 });
    }
}

/// Draws the header. `table` is the table's structure element for the first drawing;
/// `None` for a header repeated on a later page, which is an artifact.
fn draw_header(
    f: &mut Flow<'_>,
    cells: &[(usize, Placed)],
    heights: &[f32],
    plan: &Plan,
    left: f32,
    table: Option<usize>,
) {
    if heights.is_empty() {
        return;
    }
    let total: f32 = heights.iter().sum();
    let top = f.y;
    f.op(Op::Fill { x: left, y: top, w: plan.width, h: total, gray: 0xF0 });
    let rows: Vec<Option<usize>> =
        (0..heights.len()).map(|_| table.map(|t| f.open(Tagged::Row, Some(t)))).collect();
    for (row, p) in cells {
        let y = top + heights[..*row].iter().sum::<f32>();
        let h: f32 = heights[*row..*row + p.rows].iter().sum();
        f.tag = rows[*row].map(|r| f.open(Tagged::HeaderCell, Some(r)));
        draw_cell(f, p, y, h, plan.size);
    }
    f.tag = None;
    f.y = top + total;
}

/// A table measured for drawing: header cells and heights, body cells and row heights,
/// and for each row the end of the group of rows it must stay with.
pub(crate) struct Prepared {
    head_cells: Vec<(usize, Placed)>,
    head_heights: Vec<f32>,
    placed: Vec<Vec<(usize, Placed)>>,
    heights: Vec<f32>,
    group_end: Vec<usize>,
}

impl Prepared {
    /// The height of the whole grid, header included.
    pub(crate) fn height(&self) -> f32 {
        self.head_heights.iter().sum::<f32>() + self.heights.iter().sum::<f32>()
    }
}

/// Measures a table for drawing with its left edge at `left`.
pub(crate) fn prepare(fonts: &FontSet, t: &Table, plan: &Plan, left: f32) -> Prepared {
    let size = plan.size;
    let x_of = |c: usize| left + plan.widths[..c].iter().sum::<f32>();
    let (head_cells, head_heights) = header(fonts, t, plan, left);
    // Place every body cell and find each row's height.
    let mut placed: Vec<Vec<(usize, Placed)>> = Vec::new();
    let mut heights = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let mut cells = Vec::new();
        let mut h = line_h(size) + 2.0 * pad(size);
        for (c, cell) in row.cells.iter().enumerate() {
            if covered(t, r, c) {
                continue;
            }
            let (rs, cs) = span_at(t, r, c);
            let w: f32 = plan.widths[c..(c + cs).min(plan.widths.len())].iter().sum();
            let kind = t.columns[c].kind;
            let ind = indent(t, c, row.level, size);
            let role = role_of(row.kind);
            let lines = wrap(fonts, role, size, &plan.shown[r][c], w - 2.0 * pad(size) - ind, 0.0);
            let align = match (cell, kind) {
                (Cell::Amount(_) | Cell::Percent(_), _) | (_, ColumnKind::Amount) => 2,
                (_, ColumnKind::Code) => 1,
                _ if row.kind == RowKind::Label => 1,
                _ => 0,
            };
            if rs == 1 {
                h = h.max(lines.len() as f32 * line_h(size) + 2.0 * pad(size));
            }
            cells.push((c, Placed { x: x_of(c), w, rows: rs, lines, role, align, indent: ind }));
        }
        placed.push(cells);
        heights.push(h);
    }
    // Rows joined by a vertical span move together; a span's text may need more room.
    // A row printed just above its first child (a 类 above its first 款, that 款 above its
    // first 项) moves with it, so that no page ends with a heading row of the next page's.
    let mut group_end: Vec<usize> = (0..t.rows.len())
        .map(|r| if t.rows[r].children.first() == Some(&(r + 1)) { r + 2 } else { r + 1 })
        .collect();
    for s in t.spans.iter().filter(|s| s.rowspan > 1) {
        let end = (s.row + s.rowspan).min(t.rows.len());
        for g in group_end.iter_mut().take(end).skip(s.row) {
            *g = (*g).max(end);
        }
        if let Some((_, p)) = placed[s.row].iter().find(|(c, _)| *c == s.col) {
            let need = p.lines.len() as f32 * line_h(size) + 2.0 * pad(size);
            let have: f32 = heights[s.row..end].iter().sum();
            if have < need {
                heights[end - 1] += need - have;
            }
        }
    }
    Prepared { head_cells, head_heights, placed, heights, group_end }
}

/// Draws the table's grid at the flow's position, paging as needed.
pub(crate) fn draw(f: &mut Flow<'_>, t: &Table, plan: &Plan, prepared: Prepared, table: usize) {
    let left = f.left();
    let Prepared { head_cells, head_heights, placed, heights, group_end } = prepared;
    let size = plan.size;
    let head_h: f32 = head_heights.iter().sum();
    // What a later page repeats above the rows: the 续表 lines, if any, and the header.
    let repeat_h = head_h + Flow::continued_height(t);
    f.need(head_h + heights.first().copied().unwrap_or(0.0));
    draw_header(f, &head_cells, &head_heights, plan, left, Some(table));
    let mut r = 0;
    while r < t.rows.len() {
        let mut end = group_end[r];
        let mut k = r;
        while k < end {
            end = end.max(group_end[k]);
            k += 1;
        }
        let group_h: f32 = heights[r..end].iter().sum();
        // A group moves to the next page when it would fit there; one taller than any page
        // starts where it is and breaks between rows.
        let fresh_page = f.y <= f.top() + repeat_h + 1.0;
        let fits_a_page = group_h <= f.bottom() - f.top() - repeat_h;
        if f.y + group_h > f.bottom() && !fresh_page && fits_a_page {
            let landscape = plan.landscape;
            f.new_page(landscape);
            f.continued_heading(t);
            draw_header(f, &head_cells, &head_heights, plan, left, None);
        }
        // A group taller than a page cannot stay together: it breaks between rows, and a
        // merged cell running over the break is drawn again on the next page.
        let room = f.bottom() - f.y;
        let split = group_h > room;
        let mut page_start = r;
        for row in r..end {
            if split && row > r && f.y + heights[row] > f.bottom() {
                let landscape = plan.landscape;
                f.new_page(landscape);
                f.continued_heading(t);
                draw_header(f, &head_cells, &head_heights, plan, left, None);
                page_start = row;
            }
            // The rows of this group that fit on the page from here.
            let mut fit = row + 1;
            let mut y_end = f.y + heights[row];
            while split && fit < end && y_end + heights[fit] <= f.bottom() {
                y_end += heights[fit];
                fit += 1;
            }
            let y = f.y;
            let tr = f.open(Tagged::Row, Some(table));
            for (_, p) in &placed[row] {
                let last = (row + p.rows).min(t.rows.len());
                let last = if split { last.min(fit.max(row + 1)) } else { last };
                let h: f32 = heights[row..last].iter().sum();
                f.open(Tagged::Cell, Some(tr));
                draw_cell(f, p, y, h, size);
            }
            if split && row == page_start && row > r {
                // Merged cells that began on an earlier page continue here.
                for (origin, cells) in placed.iter().enumerate().take(row).skip(r) {
                    for (_, p) in cells.iter().filter(|(_, p)| origin + p.rows > row) {
                        let last = (origin + p.rows).min(fit.max(row + 1));
                        let h: f32 = heights[row..last].iter().sum();
                        f.tag = None;
                        draw_cell(f, p, y, h, size);
                    }
                }
            }
            f.tag = None;
            f.y = y + heights[row];
        }
        r = end;
    }
}

#[cfg(test)]
mod tests {
    use gongkai_model::document::Block;

    use super::*;

    #[test]
    fn forms_draw_the_models_merged_cells() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/changji-epmc-2025.yaml");
        let budget = gongkai_yaml::parse_clean(&std::fs::read(path).unwrap(), "x.yaml").unwrap();
        let profile = gongkai_profile::builtin(gongkai_model::DEFAULT_PROFILE).unwrap();
        let doc = gongkai_templates::build(&budget, &profile).unwrap();
        let fonts = FontSet::builtin();
        let mut forms = 0;
        for block in &doc.blocks {
            let Block::Form { table: t, .. } = block else { continue };
            forms += 1;
            let plan = plan(fonts, t, 9.0, 480.0, 700.0);
            let prepared = prepare(fonts, t, &plan, 0.0);
            // Each drawn cell: its row, column, rows and columns (by its width).
            let mut drawn = Vec::new();
            for (r, cells) in prepared.placed.iter().enumerate() {
                for (c, p) in cells {
                    let mut cols = 1;
                    while c + cols < plan.widths.len()
                        && plan.widths[*c..c + cols].iter().sum::<f32>() + 0.01 < p.w
                    {
                        cols += 1;
                    }
                    if p.rows > 1 || cols > 1 {
                        drawn.push((r, *c, p.rows, cols));
                    }
                }
            }
            drawn.sort_unstable();
            let mut want: Vec<(usize, usize, usize, usize)> =
                t.spans.iter().map(|s| (s.row, s.col, s.rowspan, s.colspan)).collect();
            want.sort_unstable();
            assert_eq!(drawn, want, "{}", t.id);
            // Nothing is drawn under a merge but its cell.
            let cells: usize = prepared.placed.iter().map(Vec::len).sum();
            let hidden: usize = t.spans.iter().map(|s| s.rowspan * s.colspan - 1).sum();
            assert_eq!(cells, t.rows.len() * t.columns.len() - hidden, "{}", t.id);
            // Rows joined by a merge stay on one page together.
            for s in t.spans.iter().filter(|s| s.rowspan > 1) {
                assert!(prepared.group_end[s.row] >= s.row + s.rowspan, "{}", t.id);
            }
        }
        assert_eq!(forms, 3);
    }
}
