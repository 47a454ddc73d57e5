//! Tables and forms as HTML: a title block, then one `<table>` with the header in
//! `<thead>` (repeated on every printed page) and spans from the model.

use gongkai_model::table::{Cell, ColumnKind, Table};

use crate::HtmlOptions;
use crate::escape::push;

/// Whether the table goes on a landscape page.
pub(crate) fn is_wide(table: &Table, options: &HtmlOptions) -> bool {
    table.columns.iter().map(|c| u32::from(c.width)).sum::<u32>() > options.landscape_over
}

fn colgroup(out: &mut String, table: &Table) {
    let total: u32 = table.columns.iter().map(|c| u32::from(c.width)).sum::<u32>().max(1);
    out.push_str("<colgroup>");
    for c in &table.columns {
        let pct = u32::from(c.width) * 100 / total;
        out.push_str(&format!("<col width=\"{pct}%\" style=\"width:{pct}%\">"));
    }
    out.push_str("</colgroup>\n");
}

/// A profile table: 表号, title, 编制部门 / 单位, grid, empty sentence, notes.
pub(crate) fn table(out: &mut String, t: &Table, page_break: bool) {
    out.push_str(&format!("<div id=\"{}\" class=\"tbl{}\">\n", t.id, if page_break { " pb" } else { "" }));
    out.push_str(if page_break {
        "<p class=\"tno\" style=\"page-break-before:always\">"
    } else {
        "<p class=\"tno\">"
    });
    push(out, &t.number);
    out.push_str("</p>\n<p class=\"ttitle\" align=\"center\">");
    push(out, &t.title);
    out.push_str("</p>\n<table class=\"meta\" width=\"100%\"><tr><td align=\"left\">编制部门：");
    push(out, &t.org);
    out.push_str("</td><td align=\"right\">单位：");
    push(out, &t.unit);
    out.push_str("</td></tr></table>\n");
    out.push_str("<table class=\"grid\" width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\n");
    colgroup(out, t);
    out.push_str("<thead>\n");
    for r in 0..t.header_rows {
        out.push_str(if r == 0 { "<tr style=\"mso-yfti-firstrow:yes\">" } else { "<tr>" });
        let mut cells: Vec<_> = t.header.iter().filter(|h| h.row == r).collect();
        cells.sort_by_key(|h| h.col);
        for h in cells {
            out.push_str("<th align=\"center\" bgcolor=\"#f2f2f2\"");
            if h.colspan > 1 {
                out.push_str(&format!(" colspan=\"{}\"", h.colspan));
            }
            if h.rowspan > 1 {
                out.push_str(&format!(" rowspan=\"{}\"", h.rowspan));
            }
            out.push('>');
            push(out, &h.text);
            out.push_str("</th>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</thead>\n<tbody>\n");
    body(out, t);
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

fn body(out: &mut String, t: &Table) {
    let ncols = t.columns.len();
    // Positions covered by a body span (other than its origin) are not written.
    let mut covered = vec![vec![false; ncols]; t.rows.len()];
    for s in &t.spans {
        for (r, row) in covered.iter_mut().enumerate().skip(s.row).take(s.rowspan) {
            for (c, cell) in row.iter_mut().enumerate().skip(s.col).take(s.colspan) {
                *cell = (r, c) != (s.row, s.col);
            }
        }
    }
    for (i, row) in t.rows.iter().enumerate() {
        out.push_str(if row.kind.is_strong() { "<tr class=\"strong\">" } else { "<tr>" });
        for (c, (cell, col)) in row.cells.iter().zip(&t.columns).enumerate() {
            if covered[i][c] {
                continue;
            }
            let span = t.spans.iter().find(|s| s.row == i && s.col == c);
            let (class, align) = match (cell, col.kind) {
                (Cell::Amount(_), _) | (_, ColumnKind::Amount) => ("n", "right"),
                (_, ColumnKind::Code) => ("c", "center"),
                _ => ("t", if row.kind == gongkai_model::table::RowKind::Label { "center" } else { "left" }),
            };
            out.push_str(&format!("<td class=\"{class}\" align=\"{align}\""));
            if let Some(s) = span {
                if s.colspan > 1 {
                    out.push_str(&format!(" colspan=\"{}\"", s.colspan));
                }
                if s.rowspan > 1 {
                    out.push_str(&format!(" rowspan=\"{}\"", s.rowspan));
                }
            }
            // Hierarchy shows in the row's name column, the first text column.
            let name_col = t.columns.iter().position(|c| c.kind == ColumnKind::Text);
            let indent = if Some(c) == name_col && row.level > 1 && t.spans.is_empty() {
                u32::from(row.level - 1)
            } else {
                0
            };
            if indent > 0 {
                out.push_str(&format!(" style=\"padding-left:{}em\"", indent));
            }
            out.push('>');
            if row.kind.is_strong() {
                out.push_str("<b>");
            }
            push(out, &cell.display());
            if row.kind.is_strong() {
                out.push_str("</b>");
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
}

/// A form (performance targets): title, subtitle and a grid with merged body cells.
pub(crate) fn form(out: &mut String, title: &str, subtitle: &str, t: &Table, page_break: bool) {
    out.push_str(&format!("<div id=\"{}\" class=\"form{}\">\n", t.id, if page_break { " pb" } else { "" }));
    out.push_str("<p class=\"ttitle\" align=\"center\">");
    push(out, title);
    out.push_str("</p>\n<p class=\"tsub\" align=\"center\">");
    push(out, subtitle);
    out.push_str(
        "</p>\n<table class=\"grid\" width=\"100%\" border=\"1\" cellspacing=\"0\" cellpadding=\"2\">\n",
    );
    colgroup(out, t);
    out.push_str("<tbody>\n");
    body(out, t);
    out.push_str("</tbody>\n</table>\n</div>\n");
}
