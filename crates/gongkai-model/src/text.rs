//! Plain-text tables: aligned like the document, for eyes and for diffs.

use crate::table::{ColumnKind, Table};

/// Display width of a string: CJK and full-width characters count two.
pub fn display_width(s: &str) -> usize {
    // Figures and codes are ASCII: a column per byte, without a look-up per character.
    if s.is_ascii() {
        return s.len();
    }
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    // Below the first wide range (Hangul Jamo) nothing is wide: Latin, digits, Greek …
    (c as u32) >= 0x1100 && in_wide_ranges(c)
}

/// The characters that print two columns wide: CJK and full-width forms, and the marks
/// set full width in Chinese text.
fn in_wide_ranges(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
        || c == '“'
        || c == '”'
        || c == '※'
}

fn pad(s: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(s)));
    if right { format!("{fill}{s}") } else { format!("{s}{fill}") }
}

/// The printed cells of every data row, as the table's number format prints them (its
/// unit, decimals, zero style and separators).
pub fn printed_rows(table: &Table) -> Vec<Vec<String>> {
    table.rows.iter().map(|r| r.cells.iter().map(|c| table.show(c)).collect()).collect()
}

/// Renders a table as aligned text: title block, header (leaf labels, with the groups
/// above them), data rows, empty note and notes.
pub fn render(table: &Table) -> String {
    let ncols = table.columns.len();
    // Header grid: each cell's text at its top-left position.
    let mut grid = vec![vec![String::new(); ncols]; table.header_rows];
    for h in &table.header {
        grid[h.row][h.col] = h.text.clone();
    }
    // Names are indented by level, as the published tables do with their hierarchy.
    let mut body = printed_rows(table);
    for (cells, row) in body.iter_mut().zip(&table.rows) {
        if let Some(c) = table.columns.iter().position(|c| c.kind == ColumnKind::Text)
            && !cells[c].is_empty()
        {
            cells[c] = format!("{}{}", "  ".repeat(usize::from(row.level.saturating_sub(1))), cells[c]);
        }
    }
    let mut widths: Vec<usize> = vec![2; ncols];
    // Group labels spanning several columns do not widen the first of them.
    for h in table.header.iter().filter(|h| h.colspan == 1) {
        widths[h.col] = widths[h.col].max(display_width(&h.text));
    }
    for row in &body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(display_width(cell));
        }
    }
    let line = |cells: &[String]| -> String {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .zip(&table.columns)
            .map(|((c, w), col)| pad(c, *w, col.kind == ColumnKind::Amount))
            .collect();
        parts.join(" | ").trim_end().to_owned()
    };
    let mut out = format!("{}  {}\n", table.number, table.title).trim_start().to_owned();
    let heading: Vec<String> = [table.org_line(), table.unit_line()].into_iter().flatten().collect();
    if !heading.is_empty() {
        out.push_str(&heading.join("    "));
        out.push('\n');
    }
    let rule: String = "-".repeat(widths.iter().sum::<usize>() + 3 * ncols.saturating_sub(1));
    out.push_str(&rule);
    out.push('\n');
    for row in &grid {
        out.push_str(&line(row));
        out.push('\n');
    }
    out.push_str(&rule);
    out.push('\n');
    for row in &body {
        out.push_str(&line(row));
        out.push('\n');
    }
    if let Some(note) = &table.empty_note {
        out.push_str(note);
        out.push('\n');
    }
    for note in &table.notes {
        out.push_str(note);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widths counted character by character from the ranges alone, without the ASCII
    /// and below-Jamo shortcuts.
    fn width_by_ranges(s: &str) -> usize {
        s.chars().map(|c| if in_wide_ranges(c) { 2 } else { 1 }).sum()
    }

    #[test]
    fn shortcuts_count_as_the_ranges_do() {
        for c in (0..0x40000).filter_map(char::from_u32) {
            let s = c.to_string();
            assert_eq!(display_width(&s), width_by_ranges(&s), "U+{:04X}", u32::from(c));
        }
        for s in ["", "2,084.15", "301 工资福利支出", "“三公”经费※", "-12.5%"] {
            assert_eq!(display_width(s), width_by_ranges(s), "{s}");
        }
    }
}
