//! Tables and forms as HTML: a title block, then one `<table>` with the header in
//! `<thead>` (repeated on every printed page) and spans from the model.
//!
//! What is printed is the table's own: its 表号 where its layout puts it (none when it has
//! none), its organisation and unit lines when it has them, its cells as [`Table::show`]
//! prints them, and its page orientation.

use std::fmt::Write;

use gongkai_model::table::{
    Cell, ColumnKind, HeaderCell, NumberFormat, NumberPosition, Orientation, RowKind, Table, Zero,
};

use crate::escape::{esc, push};

/// Whether the table goes on a landscape page: the profile's choice.
pub(crate) fn is_landscape(table: &Table) -> bool {
    table.layout.orientation == Orientation::Landscape
}

/// Column widths as percentages of the table: a form keeps its designed proportions; a
/// profile table's columns are as wide as their content (figures whole, names up to 16
/// characters, header labels of figure columns over lines of five), so that neither a
/// browser nor Writer squeezes the names while figure columns stand half empty.
fn colgroup(out: &mut String, table: &Table, shown: &[Vec<String>]) {
    let weights: Vec<u32> = if table.spans.is_empty() {
        content_widths(table, shown)
    } else {
        table.columns.iter().map(|c| u32::from(c.width)).collect()
    };
    let total: u32 = weights.iter().sum::<u32>().max(1);
    out.push_str("<colgroup>");
    for w in weights {
        let pct = w * 100 / total;
        let _ = write!(out, "<col width=\"{pct}%\" style=\"width:{pct}%\">");
    }
    out.push_str("</colgroup>\n");
}

/// Width of `text` in tenths of an em of the grid size: CJK and full-width characters one
/// em, others (digits, Latin) about half.
fn tenths(text: &str) -> u32 {
    text.chars().map(|c| if c.is_ascii() { 6 } else { 10 }).sum()
}

/// Each data cell as [`Table::show`] prints it, by row and column: formatted once for
/// both the column widths and the cells.
fn shown(table: &Table) -> Vec<Vec<String>> {
    table.rows.iter().map(|r| r.cells.iter().map(|c| table.show(c)).collect()).collect()
}

/// Each column's content width in tenths of an em, padding included.
fn content_widths(table: &Table, shown: &[Vec<String>]) -> Vec<u32> {
    let name_col = table.columns.iter().position(|c| c.kind == ColumnKind::Text);
    (0..table.columns.len())
        .map(|c| {
            let kind = table.columns[c].kind;
            let content = table
                .rows
                .iter()
                .zip(shown)
                .map(|(r, cells)| {
                    let indent =
                        if Some(c) == name_col { u32::from(r.level.saturating_sub(1)) * 10 } else { 0 };
                    tenths(&cells[c]) + indent
                })
                .max()
                .unwrap_or(0);
            let label = table
                .header
                .iter()
                .filter(|h| h.col == c && h.colspan == 1)
                .map(|h| tenths(&h.text))
                .max()
                .unwrap_or(0);
            let width = match kind {
                ColumnKind::Amount => content.max(label.min(50)),
                ColumnKind::Code => content.max(label.min(20)),
                ColumnKind::Text => content.max(label.min(80)).min(160),
            };
            width.max(20) + 10
        })
        .collect()
}

/// Where the 表号 line above the title sits (`left`, `center`, `right`); none for an
/// unnumbered table or one whose number goes before the title.
pub(crate) fn number_align(t: &Table) -> Option<&'static str> {
    t.number_line().map(|p| match p {
        NumberPosition::AboveLeft => "left",
        NumberPosition::AboveRight => "right",
        NumberPosition::Above | NumberPosition::Inline => "center",
    })
}

/// The Excel number format of the table's amounts as a CSS string for `mso-number-format`
/// (Excel reads it when the file is opened there), or `None` for the stylesheet's default
/// (two decimals, separators, blank zero).
fn amount_format(f: &NumberFormat) -> Option<String> {
    if *f == NumberFormat::default() {
        return None;
    }
    let digits = if f.separators { "#,##0" } else { "0" };
    let decimals = usize::try_from(f.decimals).unwrap_or(0);
    let figure = if decimals == 0 { digits.to_owned() } else { format!("{digits}.{}", "0".repeat(decimals)) };
    let zero = match f.zero {
        Zero::Blank => String::new(),
        Zero::Zero => figure.clone(),
        Zero::Dash => "\"-\"".to_owned(),
        Zero::Bare => "0".to_owned(),
    };
    Some(css_string(&format!("{figure};-{figure};{zero};@")))
}

/// The percentage format as a CSS string for `mso-number-format`.
fn percent_format(f: &NumberFormat) -> String {
    let decimals = usize::try_from(f.percent_decimals).unwrap_or(0);
    let format = if decimals == 0 { "0%".to_owned() } else { format!("0.{}%", "0".repeat(decimals)) };
    css_string(&format)
}

/// A CSS string literal, every punctuation character escaped as Word writes them.
fn css_string(text: &str) -> String {
    let mut out = String::from("'");
    for c in text.chars() {
        if !c.is_ascii_alphanumeric() {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The 表号 line, the title and the 编制部门 / 单位 line, each as the table's layout has
/// it. The first of them starts a page when `page_break` is set.
fn title_block(out: &mut String, t: &Table, page_break: bool) {
    let mut first = page_break;
    let mut page = || if std::mem::take(&mut first) { " style=\"page-break-before:always\"" } else { "" };
    if let Some(align) = number_align(t) {
        out.push_str(&format!("<p class=\"tno\" align=\"{align}\"{}>", page()));
        push(out, &t.number);
        out.push_str("</p>\n");
    }
    out.push_str(&format!("<p class=\"ttitle\" align=\"center\"{}>", page()));
    push(out, &t.heading_title());
    out.push_str("</p>\n");
    let (org, unit) = (t.org_line(), t.unit_line());
    if org.is_none() && unit.is_none() {
        return;
    }
    out.push_str("<table class=\"meta\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>");
    if let Some(org) = &org {
        out.push_str("<td class=\"m\" align=\"left\">");
        push(out, org);
        out.push_str("</td>");
    }
    if let Some(unit) = &unit {
        out.push_str("<td class=\"m\" align=\"right\">");
        push(out, unit);
        out.push_str("</td>");
    }
    out.push_str("</tr></table>\n");
}

/// A profile table: 表号, title, 编制部门 / 单位, grid, empty sentence, notes.
pub(crate) fn table(out: &mut String, t: &Table, page_break: bool) {
    out.push_str(&format!("<div id=\"{}\" class=\"tbl{}\">\n", t.id, if page_break { " pb" } else { "" }));
    title_block(out, t, page_break);
    out.push_str("<table class=\"grid\" width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\n");
    let shown = shown(t);
    colgroup(out, t, &shown);
    thead(out, t);
    out.push_str("<tbody>\n");
    body(out, t, &shown);
    out.push_str("</tbody>\n</table>\n");
    if let Some(note) = &t.empty_note {
        out.push_str("<p class=\"empty\">");
        push(out, note);
        out.push_str("</p>\n");
    }
    for note in &t.notes {
        out.push_str("<p class=\"note\">");
        push(out, note);
        out.push_str("</p>\n");
    }
    out.push_str("</div>\n");
}

/// The header rows in `<thead>` (repeated on every printed page); none for a form
/// without a header.
fn thead(out: &mut String, t: &Table) {
    if t.header_rows == 0 {
        return;
    }
    out.push_str("<thead>\n");
    for r in 0..t.header_rows {
        out.push_str(if r == 0 { "<tr style=\"mso-yfti-firstrow:yes\">" } else { "<tr>" });
        let mut cells: Vec<_> = t.header.iter().filter(|h| h.row == r).collect();
        cells.sort_by_key(|h| h.col);
        for h in cells {
            out.push_str("<th class=\"h\" align=\"center\" bgcolor=\"#f2f2f2\"");
            spans(out, h);
            out.push('>');
            push(out, &h.text);
            out.push_str("</th>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</thead>\n");
}

/// The `colspan` and `rowspan` attributes of a cell spanning more than one.
fn spans(out: &mut String, h: &HeaderCell) {
    if h.colspan > 1 {
        let _ = write!(out, " colspan=\"{}\"", h.colspan);
    }
    if h.rowspan > 1 {
        let _ = write!(out, " rowspan=\"{}\"", h.rowspan);
    }
}

fn body(out: &mut String, t: &Table, shown: &[Vec<String>]) {
    let ncols = t.columns.len();
    // Positions covered by a body span (other than its origin) are not written; a span's
    // origin is looked up once here, the first span of the list naming it.
    let mut covered = vec![vec![false; ncols]; t.rows.len()];
    let mut origin: Vec<Vec<Option<&HeaderCell>>> = vec![vec![None; ncols]; t.rows.len()];
    for s in &t.spans {
        for (r, row) in covered.iter_mut().enumerate().skip(s.row).take(s.rowspan) {
            for (c, cell) in row.iter_mut().enumerate().skip(s.col).take(s.colspan) {
                *cell = (r, c) != (s.row, s.col);
            }
        }
        if let Some(slot) = origin.get_mut(s.row).and_then(|row| row.get_mut(s.col))
            && slot.is_none()
        {
            *slot = Some(s);
        }
    }
    // The number formats go into a style attribute: escaped once for every cell.
    let amounts = amount_format(&t.format).map(|f| esc(&format!("mso-number-format:{f}")));
    let percents = esc(&format!("mso-number-format:{}", percent_format(&t.format)));
    // Hierarchy shows in the row's name column, the first text column.
    let name_col = t.columns.iter().position(|c| c.kind == ColumnKind::Text);
    for (i, row) in t.rows.iter().enumerate() {
        let strong = row.kind.is_strong();
        out.push_str(if strong { "<tr class=\"strong\">" } else { "<tr>" });
        for (c, (cell, col)) in row.cells.iter().zip(&t.columns).enumerate() {
            if covered[i][c] {
                continue;
            }
            let (class, align) = match (cell, col.kind) {
                (Cell::Amount(_) | Cell::Percent(_), _) | (_, ColumnKind::Amount) => ("n", "right"),
                (_, ColumnKind::Code) => ("c", "center"),
                _ => ("t", if row.kind == RowKind::Label { "center" } else { "left" }),
            };
            let _ = write!(out, "<td class=\"{class}\" align=\"{align}\"");
            if let Some(s) = origin[i][c] {
                spans(out, s);
            }
            let indent = if Some(c) == name_col && row.level > 1 && t.spans.is_empty() {
                // One 9 pt character per level (points: Writer ignores em).
                u32::from(row.level - 1) * crate::style::GRID_PT
            } else {
                0
            };
            let number_format = match cell {
                Cell::Percent(_) => Some(percents.as_str()),
                Cell::Amount(_) => amounts.as_deref(),
                _ => None,
            };
            if indent > 0 || number_format.is_some() {
                out.push_str(" style=\"");
                if indent > 0 {
                    let _ = write!(out, "padding-left:{indent}pt");
                }
                if let Some(f) = number_format {
                    if indent > 0 {
                        out.push(';');
                    }
                    out.push_str(f);
                }
                out.push('"');
            }
            out.push('>');
            if strong {
                out.push_str("<b>");
            }
            push(out, &shown[i][c]);
            if strong {
                out.push_str("</b>");
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
}

/// A form (performance targets): title, subtitle and a grid with merged body cells.
pub(crate) fn form(out: &mut String, title: &str, subtitle: &str, t: &Table, page_break: bool) {
    // A form with a header of its own lists many projects over pages: it may break.
    let list = if t.header_rows > 0 { " list" } else { "" };
    out.push_str(&format!(
        "<div id=\"{}\" class=\"form{list}{}\">\n",
        t.id,
        if page_break { " pb" } else { "" }
    ));
    if let Some(align) = number_align(t) {
        out.push_str(&format!("<p class=\"tno\" align=\"{align}\">"));
        push(out, &t.number);
        out.push_str("</p>\n");
    }
    out.push_str("<p class=\"ttitle\" align=\"center\">");
    // An inline 表号 goes before the title, as a table's does.
    let inline = !t.number.is_empty() && number_align(t).is_none();
    push(out, &if inline { t.heading_title() } else { title.to_owned() });
    out.push_str("</p>\n<p class=\"tsub\" align=\"center\">");
    push(out, subtitle);
    out.push_str("</p>\n");
    if let Some(unit) = t.unit_line() {
        out.push_str("<table class=\"meta\" width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr><td class=\"m\" align=\"right\">");
        push(out, &unit);
        out.push_str("</td></tr></table>\n");
    }
    out.push_str("<table class=\"grid\" width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\n");
    let shown = shown(t);
    colgroup(out, t, &shown);
    thead(out, t);
    out.push_str("<tbody>\n");
    body(out, t, &shown);
    out.push_str("</tbody>\n</table>\n</div>\n");
}
