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
    // Figures and codes are ASCII, where every byte is one narrow character: no need to
    // classify characters.
    if text.is_ascii() {
        return text.len() * NARROW;
    }
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

/// Characters that may not start a line: they stay with the character before them.
const NO_START: &str = "，。、；：？！）」』】》〉”’…—％%·,.;:?!)]}";
/// Characters that may not end a line: they stay with the character after them.
const NO_END: &str = "（「『【《〈“‘([{";
/// Costs of a way to break a label, compared as one number: fewer lines first, then no
/// line holding a single character, then no break inside brackets, then even lines.
const LINE_COST: u64 = 1 << 40;
const LONE_COST: u64 = 1 << 44;
const BRACKET_COST: u64 = 1 << 36;

/// The pieces a label may break between: a run of Latin letters and digits, or one other
/// character, with punctuation that may not start a line joined to the piece before it and
/// punctuation that may not end one joined to the piece after it. Each piece carries its
/// width and the bracket depth after it.
fn pieces(text: &str) -> Vec<(String, usize, u32)> {
    let mut out: Vec<(String, usize, u32)> = Vec::new();
    let mut open = String::new();
    let mut depth = 0u32;
    let mut glue_latin = false;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '《' | '「' => depth += 1,
            '）' | ')' | '】' | '》' | '」' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let latin = c.is_ascii_alphanumeric();
        if NO_END.contains(c) {
            open.push(c);
            glue_latin = false;
            continue;
        }
        let joins_previous = open.is_empty()
            && !out.is_empty()
            && (NO_START.contains(c) || latin && glue_latin || c == '.' && glue_latin);
        if joins_previous && let Some(last) = out.last_mut() {
            last.0.push(c);
            last.1 = tenths(&last.0);
            last.2 = depth;
        } else {
            open.push(c);
            let piece = std::mem::take(&mut open);
            let width = tenths(&piece);
            out.push((piece, width, depth));
        }
        glue_latin = latin || (glue_latin && c == '.');
    }
    if !open.is_empty() {
        match out.last_mut() {
            Some(last) => {
                last.0.push_str(&open);
                last.1 = tenths(&last.0);
            }
            None => out.push((open.clone(), tenths(&open), 0)),
        }
    }
    out
}

/// Breaks a header label into lines no wider than `room` tenths of a unit: as few lines as
/// fit, none holding a lone character or starting with a closing bracket or comma, none
/// ending with an opening bracket, brackets kept whole where that costs no extra line,
/// and the lines as even as possible, so that `财政拨款（补助）小计` prints as
/// 财政拨款 / （补助） / 小计 rather than leaving `计` on a line of its own. A line break
/// already in the label is kept. A piece wider than `room` gets a line of its own.
pub(crate) fn break_label(text: &str, room: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for part in text.split('\n') {
        let pieces = pieces(part);
        let n = pieces.len();
        if n == 0 {
            lines.push(String::new());
            continue;
        }
        let total_chars = part.chars().count();
        // Characters before each piece, and whether a piece opens with a bracket: the
        // search below asks for both for every candidate line.
        let mut chars_before = Vec::with_capacity(n + 1);
        chars_before.push(0);
        for p in &pieces {
            chars_before.push(chars_before.last().copied().unwrap_or(0) + p.0.chars().count());
        }
        let bracket_first: Vec<bool> =
            pieces.iter().map(|p| p.0.starts_with(|c| NO_END.contains(c))).collect();
        // best[j]: the cheapest way to set pieces[..j], and where its last line starts.
        let mut best: Vec<(u64, usize)> = vec![(u64::MAX, 0); n + 1];
        best[0] = (0, 0);
        for j in 1..=n {
            let mut width = 0;
            for i in (0..j).rev() {
                width += pieces[i].1;
                if width > room && i + 1 < j {
                    break;
                }
                if best[i].0 == u64::MAX {
                    continue;
                }
                // A label without a limit (`usize::MAX`) goes on one line; slack beyond a page's
                // width changes nothing.
                let slack = room.saturating_sub(width).min(1 << 16) as u64;
                let chars = chars_before[j] - chars_before[i];
                let lone = if chars == 1 && total_chars > 1 { LONE_COST } else { 0 };
                let before = if i > 0 { pieces[i - 1].2 } else { 0 };
                let inside = if before > 0 { BRACKET_COST } else { 0 };
                // A bracket left open at the line's end should open the line: 资本性支出 /
                // （基本 / 建设）, not 资本性支 / 出（基本 / 建设）.
                let opens = pieces[j - 1].2 > before && !bracket_first[i];
                let inside = inside + if opens { BRACKET_COST / 2 } else { 0 };
                let cost = best[i].0 + LINE_COST + lone + inside + slack * slack;
                if cost < best[j].0 {
                    best[j] = (cost, i);
                }
            }
        }
        let mut ends = vec![n];
        while let Some(&j) = ends.last()
            && j > 0
        {
            ends.push(best[j].1);
        }
        ends.reverse();
        for pair in ends.windows(2) {
            lines.push(pieces[pair[0]..pair[1]].iter().map(|p| p.0.as_str()).collect());
        }
    }
    lines
}

/// The widest of `lines`, in tenths of a unit.
pub(crate) fn widest(lines: &[String]) -> usize {
    lines.iter().map(|l| tenths(l)).max().unwrap_or(0)
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

    fn broken(text: &str, chars: usize) -> Vec<String> {
        let lines = break_label(text, chars * 20);
        assert_eq!(lines.concat(), text.replace('\n', ""), "no text lost");
        lines
    }

    #[test]
    fn labels_break_evenly_without_lone_characters_or_orphan_brackets() {
        assert_eq!(broken("财政拨款（补助）小计", 5), ["财政拨款", "（补助）", "小计"]);
        assert_eq!(
            broken("上级国有资本经营预算安排的转移支付", 5),
            ["上级国有资", "本经营预", "算安排的", "转移支付"]
        );
        assert_eq!(broken("一般公共预算", 5), ["一般公", "共预算"]);
        assert_eq!(broken("财政专户（教育收费）", 6), ["财政专户", "（教育收费）"]);
        assert_eq!(broken("财政专户（教育收费）", 5), ["财政专户", "（教育", "收费）"]);
        assert_eq!(broken("资本性支出（基本建设）", 5), ["资本性支出", "（基本", "建设）"]);
        assert_eq!(broken("对企业补助（基本建设）", 5), ["对企业补助", "（基本", "建设）"]);
        assert_eq!(broken("合计", 5), ["合计"]);
        assert_eq!(broken("总计", 2), ["总计"]);
        assert_eq!(broken("非财政拨款结转结余", 5), ["非财政拨款", "结转结余"]);
        // Figures stay whole; an explicit break is kept.
        assert_eq!(broken("2025年预算数", 4), ["2025年", "预算数"]);
        assert_eq!(broken("上年\n预算数", 5), ["上年", "预算数"]);
        for text in ["财政拨款（补助）小计", "上级一般公共预算安排的转移支付", "非财政拨款结转结余"]
        {
            for chars in 3..8 {
                for line in broken(text, chars) {
                    assert!(line.chars().count() > 1, "{text} at {chars}: lone {line}");
                    assert!(!line.starts_with(['）', '，']) && !line.ends_with('（'), "{text}: {line}");
                }
            }
        }
    }
}
