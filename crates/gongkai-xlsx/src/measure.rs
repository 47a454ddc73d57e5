//! How wide text is, in Excel's units, measured for CJK ourselves.
//!
//! Excel measures column widths in "characters": the width of the digit `0` in the default
//! font (Calibri 11, 7 px). rust_xlsxwriter's autofit counts every non-ASCII character as
//! one such digit, so Chinese names come out half as wide as they print. Here a CJK or
//! full-width character counts two units and an ASCII character 1.1, which matches 宋体 at
//! the sizes the tables use. Everything is integer tenths of a unit: widths are layout, not
//! money, but the workspace keeps float arithmetic out of the code all the same.

use gongkai_model::text::display_width;

/// Tenths of a width unit taken by a CJK or full-width character.
const WIDE: usize = 20;
/// Tenths of a width unit taken by any other character.
const NARROW: usize = 11;
/// Tenths of a width unit taken by one indentation level (about one CJK character).
const INDENT: usize = 20;

/// Width of `text` in tenths of a unit.
pub(crate) fn tenths(text: &str) -> usize {
    let chars = text.chars().count();
    // The model's display width counts wide characters twice, so the excess over the
    // character count is the number of wide characters.
    let wide = display_width(text).saturating_sub(chars);
    wide * WIDE + (chars - wide) * NARROW
}

/// Width of `text` indented by `indent` levels, in tenths of a unit.
pub(crate) fn indented_tenths(text: &str, indent: u8) -> usize {
    tenths(text) + usize::from(indent) * INDENT
}

/// Whole units needed for `tenths` of text plus `padding` units, rounded up.
pub(crate) fn units(tenths: usize, padding: u16) -> u16 {
    u16::try_from(tenths.div_ceil(10)).unwrap_or(u16::MAX).saturating_add(padding)
}

/// Lines `text` wraps into in a cell `width` units wide, keeping `padding` units free.
///
/// Counts characters, not words: Chinese wraps anywhere, and the figures and short labels
/// of a budget table have no long Latin words to keep together.
pub(crate) fn lines(text: &str, indent: u8, width: u16, padding: u16) -> u16 {
    let room = usize::from(width.saturating_sub(padding).max(1)) * 10;
    text.split('\n')
        .map(|part| u16::try_from(indented_tenths(part, indent).div_ceil(room).max(1)).unwrap_or(u16::MAX))
        .fold(0, u16::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, indent: u8, width: u16, want_tenths: usize, want_lines: u16) {
        assert_eq!(indented_tenths(text, indent), want_tenths, "width of {text:?}");
        assert_eq!(lines(text, indent, width, 1), want_lines, "lines of {text:?} in {width}");
    }

    #[test]
    fn cjk_counts_two_and_ascii_one_point_one() {
        check("", 0, 10, 0, 1);
        check("700.56", 0, 10, 66, 1);
        check("节能环保支出", 0, 13, 120, 1);
        check("节能环保支出", 0, 12, 120, 2);
        check("节能环保支出", 1, 13, 140, 2);
        check("（补助）", 0, 10, 80, 1);
        check("201 一般公共服务支出", 0, 40, 204, 1);
        check("上级国有资本经营预算安排的转移支付", 0, 13, 340, 3);
        check("一行\n两行", 0, 20, 91, 2);
    }

    #[test]
    fn units_round_up_and_add_padding() {
        assert_eq!(units(0, 2), 2);
        assert_eq!(units(66, 2), 9);
        assert_eq!(units(120, 2), 14);
    }
}
