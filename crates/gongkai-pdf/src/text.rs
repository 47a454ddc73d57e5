//! Measuring and breaking text: CJK line breaking with 禁则 (kinsoku).
//!
//! Any two CJK characters may be broken between; a run of Latin letters and digits
//! (`2,002.35`, `HJ212-2017`) stays whole unless it alone is wider than the line. No line
//! starts with closing punctuation (，。、；：？！）」 …) and none ends with an opening one
//! (（「《 …): the character before such a break moves down with it.

use std::ops::Range;

use crate::fonts::{FontSet, Role};

/// Characters that may not start a line: the closing marks and the other marks that
/// belong to what precedes them.
pub(crate) fn no_start(c: char) -> bool {
    closing_mark(c)
        || matches!(c, '…' | '—' | '％' | '%' | '·' | ',' | '.' | ';' | ':' | '?' | '!' | ')' | ']' | '}')
}

/// Characters that may not end a line: the opening marks and brackets.
pub(crate) fn no_end(c: char) -> bool {
    opening_mark(c) || matches!(c, '(' | '[' | '{')
}

/// Width of one character in points; a character no font has counts one em (it is
/// reported as an error before layout, never drawn blank).
pub(crate) fn char_width(fonts: &FontSet, role: Role, size: f32, c: char) -> f32 {
    fonts.glyph_for(role, c).map_or(size, |(_, _, adv)| adv * size)
}

/// Width of a string in points, adjacent punctuation squeezed ([`squeezed`]).
pub(crate) fn width(fonts: &FontSet, role: Role, size: f32, s: &str) -> f32 {
    let mut chars = s.chars().peekable();
    let mut w = 0.0;
    while let Some(c) = chars.next() {
        w += char_width(fonts, role, size, c);
        if chars.peek().is_some_and(|&next| squeezes(fonts, role, c, next)) {
            w -= SQUEEZE * size;
        }
    }
    w
}

/// Full-width punctuation whose glyph fills half its em: a closing mark's blank half is
/// on its right, an opening mark's on its left.
fn closing_mark(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '”'
            | '’'
    )
}

fn opening_mark(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '【' | '《' | '〈' | '“' | '‘')
}

/// How much of an em two adjacent marks give up (标点挤压): half, the blank half between
/// them.
pub(crate) const SQUEEZE: f32 = 0.5;

/// Whether `c` followed by `next` squeeze together in `role`'s faces: [`squeezed`] marks
/// that are both a full em wide there (a face with proportional quotes, the 楷体's, has
/// no blank half to give up).
pub(crate) fn squeezes(fonts: &FontSet, role: Role, c: char, next: char) -> bool {
    let full = |c: char| fonts.glyph_for(role, c).is_some_and(|(_, _, adv)| adv >= 0.9);
    squeezed(c, next) && full(c) && full(next)
}

/// Whether `c` followed by `next` squeeze together (“。”” “）、” “，“” “（《”): both are
/// full-width punctuation and a blank half lies between them, after a closing mark or
/// before an opening one. ？ and ！ keep their space before an opening mark.
pub(crate) fn squeezed(c: char, next: char) -> bool {
    let mark = |c: char| closing_mark(c) || opening_mark(c);
    mark(c)
        && mark(next)
        && (closing_mark(c) && !matches!(c, '？' | '！') || opening_mark(next) && opening_mark(c))
}

fn is_latin(c: char) -> bool {
    c.is_ascii_graphic() && !no_start(c) || matches!(c, '.' | ',' | '%' | '-' | '/' | ':')
}

/// Measure words a number is never parted from (398.47万元, 5 人, 2026 年): a line break
/// between them reads as a typesetting slip.
const MEASURES: &[&str] = &[
    "平方米",
    "万元",
    "亿元",
    "公里",
    "元",
    "人",
    "个",
    "辆",
    "台",
    "套",
    "项",
    "名",
    "次",
    "户",
    "家",
    "年",
    "月",
    "日",
    "%",
];

/// Units that may not be split, as byte ranges of `text` in order: a Latin word (with its
/// separators) or one other character; a number with the measure word after it (and the
/// space between) is one unit. Ranges, not strings: every table cell and paragraph of a
/// batch is broken, a header cell several times.
fn units(text: &str) -> Vec<Range<usize>> {
    let split = words(text);
    let mut out = Vec::with_capacity(split.len());
    let mut i = 0;
    while i < split.len() {
        let mut unit = split[i].clone();
        i += 1;
        if text[unit.clone()].starts_with(|c: char| c.is_ascii_digit()) {
            let gap = usize::from(split.get(i).is_some_and(|r| &text[r.clone()] == " "));
            for m in MEASURES {
                let n = m.chars().count();
                let (first, last) = (i + gap, i + gap + n);
                if last <= split.len() && &text[split[first].start..split[last - 1].end] == *m {
                    unit.end = split[last - 1].end;
                    i = last;
                    break;
                }
            }
        }
        out.push(unit);
    }
    out
}

/// A Latin word (with its separators) or one other character each, as byte ranges.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut word: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let in_word = if word.is_some() { continues_word(c) } else { starts_word(c) };
        if in_word {
            word.get_or_insert(at);
        } else {
            if let Some(start) = word.take() {
                out.push(start..at);
            }
            out.push(at..at + c.len_utf8());
        }
    }
    if let Some(start) = word {
        out.push(start..text.len());
    }
    out
}

/// `text`'s units, each with its width in points: what [`wrap`] breaks, measured once.
struct Measured<'a> {
    text: &'a str,
    units: Vec<(Range<usize>, f32)>,
}

impl<'a> Measured<'a> {
    fn new(fonts: &FontSet, role: Role, size: f32, text: &'a str) -> Self {
        let units =
            units(text).into_iter().map(|r| (r.clone(), width(fonts, role, size, &text[r]))).collect();
        Measured { text, units }
    }

    /// Breaks into lines no wider than `width_pt`, the first `indent` narrower. Whole
    /// units move down while the new line would start with a character that may not start
    /// one (“%，” moves with its number, “……” stays together), or the old line would end
    /// with one that may not end one. A line is the text from its first unit to its last:
    /// units are contiguous, and a space that would start a line is left out.
    fn wrap(&self, fonts: &FontSet, role: Role, size: f32, width_pt: f32, indent: f32) -> Vec<String> {
        let text = self.text;
        let starts_bad = |r: &Range<usize>| text[r.clone()].chars().next().is_some_and(no_start);
        let ends_bad = |r: &Range<usize>| text[r.clone()].chars().next_back().is_some_and(no_end);
        let line = |cur: &[(Range<usize>, f32)]| match (cur.first(), cur.last()) {
            (Some(a), Some(b)) => text[a.0.start..b.0.end].to_owned(),
            _ => String::new(),
        };
        let mut lines: Vec<String> = Vec::new();
        // The current line as units with their widths, so that whole units can move down.
        let mut cur: Vec<(Range<usize>, f32)> = Vec::new();
        let mut cur_w = 0.0;
        let limit = |lines: &Vec<String>| if lines.is_empty() { width_pt - indent } else { width_pt };
        for (unit, unit_w) in &self.units {
            let (unit, unit_w) = (unit.clone(), *unit_w);
            if cur.is_empty() && &text[unit.clone()] == " " && !lines.is_empty() {
                continue;
            }
            if cur_w + unit_w <= limit(&lines) + 0.01 || cur.is_empty() && unit_w <= limit(&lines) {
                cur_w += unit_w;
                cur.push((unit, unit_w));
                continue;
            }
            if unit_w > limit(&lines) {
                // A Latin run wider than a line: break it anywhere.
                for (at, c) in text[unit.clone()].char_indices() {
                    let cw = char_width(fonts, role, size, c);
                    if !cur.is_empty() && cur_w + cw > limit(&lines) {
                        lines.push(line(&cur));
                        cur.clear();
                        cur_w = 0.0;
                    }
                    cur_w += cw;
                    let start = unit.start + at;
                    cur.push((start..start + c.len_utf8(), cw));
                }
                continue;
            }
            // Break before `unit`.
            let mut keep = cur.len();
            while keep > 1
                && (starts_bad(if keep == cur.len() { &unit } else { &cur[keep].0 })
                    || ends_bad(&cur[keep - 1].0))
            {
                keep -= 1;
            }
            let mut carry = cur.split_off(keep);
            carry.push((unit, unit_w));
            lines.push(line(&cur));
            cur_w = carry.iter().map(|(_, w)| w).sum();
            cur = carry;
        }
        if !cur.is_empty() || lines.is_empty() {
            lines.push(line(&cur));
        }
        lines
    }
}

/// Breaks `text` into lines no wider than `width`; the first line is `indent` narrower.
pub(crate) fn wrap(
    fonts: &FontSet,
    role: Role,
    size: f32,
    text: &str,
    width_pt: f32,
    indent: f32,
) -> Vec<String> {
    // A figure or a code that fits, most of a table's cells: one line, the text measured
    // once, as [`Measured::wrap`] would break its single unit.
    if one_word(text) && width(fonts, role, size, text) <= width_pt - indent + 0.01 {
        return vec![text.to_owned()];
    }
    Measured::new(fonts, role, size, text).wrap(fonts, role, size, width_pt, indent)
}

/// Whether `text` is a single Latin word, one unit of [`words`] (`2,002.35`, `12.5%`,
/// `HJ212-2017`).
fn one_word(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(starts_word) && chars.all(continues_word)
}

/// Whether a Latin word starts with `c`: a letter or a digit.
fn starts_word(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Whether `c` continues a Latin word: a letter, a digit or a separator inside it.
fn continues_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_latin(c)
}

/// Breaks `text` as [`wrap`] does, into as many lines but as even as they can be: centred
/// text (a table's header) then never leaves one character or a closing bracket alone on
/// its last line (“基本支出合” / “计”).
pub(crate) fn wrap_balanced(
    fonts: &FontSet,
    role: Role,
    size: f32,
    text: &str,
    width_pt: f32,
) -> Vec<String> {
    let measured = Measured::new(fonts, role, size, text);
    let wrap = |w: f32| measured.wrap(fonts, role, size, w, 0.0);
    let lines = wrap(width_pt);
    if lines.len() < 2 {
        return lines;
    }
    // The narrowest width that still gives no more lines, to half a point (below a
    // glyph's width, and few enough wraps for every header cell of a batch).
    let (mut lo, mut hi) = (width_pt / lines.len() as f32 * 0.9, width_pt);
    while hi - lo > 0.5 {
        let mid = (lo + hi) / 2.0;
        if wrap(mid).len() <= lines.len() {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    let mut lines = wrap(hi);
    // A narrow column can still end with one character (17 in columns of 4: 4+4+4+4+1):
    // the line above gives it a partner, unless that breaks a word or a 禁则.
    let n = lines.len();
    if lines[n - 1].chars().count() == 1 {
        let prev: Vec<char> = lines[n - 2].chars().collect();
        let moved = prev.last().copied().filter(|c| !c.is_ascii() && !no_start(*c));
        let rest_ok = prev.len() >= 3 && !no_end(prev[prev.len() - 2]);
        if let (Some(c), true) = (moved, rest_ok) {
            lines[n - 2] = prev[..prev.len() - 1].iter().collect();
            lines[n - 1].insert(0, c);
        }
    }
    lines
}

/// Words an organisation's name is built of, after which a cover may break it: regions
/// and levels of government, then the kinds of bodies. Longer ones first, so that
/// “自治州” wins over “州”.
const NAME_WORDS: &[&str] = &[
    "特别行政区",
    "人民政府",
    "委员会",
    "办公厅",
    "办公室",
    "管理局",
    "事务局",
    "自治区",
    "自治州",
    "自治县",
    "街道",
    "中心",
    "省",
    "市",
    "州",
    "盟",
    "县",
    "区",
    "旗",
    "乡",
    "镇",
    "局",
    "厅",
    "委",
    "院",
    "所",
    "站",
    "馆",
    "队",
    "处",
    "会",
    "部",
];

/// Breaks an organisation's name (a cover's) into lines of at most `width_pt`, between
/// the words it is built of where it can: “某某市某某区人民政府” / “某某街道办事处”, not
/// wherever the line is full. Two lines break at the word boundary nearest the middle;
/// longer names fill each line up to its last word boundary. Never inside brackets; a
/// name with no usable boundary breaks as [`wrap_balanced`] does.
pub(crate) fn wrap_name(fonts: &FontSet, role: Role, size: f32, text: &str, width_pt: f32) -> Vec<String> {
    let fits = |s: &[char]| width(fonts, role, size, &s.iter().collect::<String>()) <= width_pt + 0.01;
    let chars: Vec<char> = text.chars().collect();
    if fits(&chars) {
        return vec![text.to_owned()];
    }
    // Positions (in characters) after a name word, outside brackets.
    let mut depth = 0i32;
    let mut bounds = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        let done: String = chars[..=i].iter().collect();
        if depth == 0 && i + 1 < chars.len() && NAME_WORDS.iter().any(|w| done.ends_with(w)) {
            bounds.push(i + 1);
        }
    }
    let fallback = || wrap_balanced(fonts, role, size, text, width_pt);
    let two: Vec<usize> =
        bounds.iter().copied().filter(|&b| fits(&chars[..b]) && fits(&chars[b..])).collect();
    let middle = chars.len() as f32 / 2.0;
    if let Some(&b) =
        two.iter().min_by(|a, b| (**a as f32 - middle).abs().total_cmp(&(**b as f32 - middle).abs()))
    {
        return vec![chars[..b].iter().collect(), chars[b..].iter().collect()];
    }
    // Too long for two lines: each line up to its last boundary that fits.
    let mut lines = Vec::new();
    let mut start = 0;
    while !fits(&chars[start..]) {
        let Some(&b) = bounds.iter().rev().find(|&&b| b > start && fits(&chars[start..b])) else {
            return fallback();
        };
        lines.push(chars[start..b].iter().collect());
        start = b;
    }
    lines.push(chars[start..].iter().collect());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single-word shortcut of [`wrap`] breaks as the units do (a single word is one
    /// unit), for figures, codes and words with a sign or a measure, at widths from too
    /// narrow for one character to wide; texts of several units never take it.
    #[test]
    fn a_single_word_wraps_as_its_units_would() {
        let fonts = FontSet::builtin();
        let single = ["0", "2,002.35", "12.5%", "HJ212-2017", "a.b,c", "1.", "A/B:C", "99,999,999.99"];
        for text in ["", "-2,002.35", ".5", "2026年", "3 人", "(1)", "国", "合计", "10,000.00万元", "x y"]
        {
            assert!(!one_word(text), "{text:?}");
        }
        for text in single {
            assert!(
                one_word(text) && matches!(words(text).as_slice(), [r] if *r == (0..text.len())),
                "{text:?}"
            );
            for size in [6.5, 9.0, 10.5] {
                for quarter in 0..=400 {
                    let w = quarter as f32 / 4.0;
                    for indent in [0.0, 3.0] {
                        let units = Measured::new(fonts, Role::Body, size, text);
                        let slow = units.wrap(fonts, Role::Body, size, w, indent);
                        assert_eq!(wrap(fonts, Role::Body, size, text, w, indent), slow, "{text:?} in {w}");
                    }
                }
            }
        }
    }

    #[test]
    fn adjacent_punctuation_gives_up_half_an_em() {
        let fonts = FontSet::builtin();
        let em = width(fonts, Role::Body, 10.0, "国");
        for (text, ems) in [
            ("。”", 1.5),
            ("）、", 1.5),
            ("，“", 1.5),
            ("（《", 1.5),
            ("国。", 2.0),
            ("”国", 2.0),
            ("？“", 2.0),
        ] {
            let w = width(fonts, Role::Body, 10.0, text);
            assert!((w - ems * em).abs() < 0.01, "{text}: {w} for {ems} em");
        }
    }

    #[test]
    fn a_long_name_breaks_between_its_words() {
        let fonts = FontSet::builtin();
        let cjk = |n: usize| width(fonts, Role::Title, 26.0, &"国".repeat(n));
        let name = |text: &str, chars: usize| wrap_name(fonts, Role::Title, 26.0, text, cjk(chars));
        assert_eq!(name("昌吉回族自治州环境污染监控中心", 16), ["昌吉回族自治州环境污染监控中心"]);
        assert_eq!(
            name("上海市普陀区人民政府万里街道办事处", 16),
            ["上海市普陀区人民政府", "万里街道办事处"]
        );
        assert_eq!(
            name("新疆维吾尔自治区昌吉回族自治州环境污染监控中心", 16),
            ["新疆维吾尔自治区", "昌吉回族自治州环境污染监控中心"]
        );
        // Never inside brackets: 学院 before the bracket, the bracket whole.
        assert_eq!(
            name("杭州技师学院（杭州交通高级技工学校）", 12),
            ["杭州技师学院", "（杭州交通高级技工学校）"]
        );
        // Three lines, each up to its last word.
        assert_eq!(
            name("新疆维吾尔自治区昌吉回族自治州人民政府办公室信息中心", 8),
            ["新疆维吾尔自治区", "昌吉回族自治州", "人民政府办公室", "信息中心"]
        );
        // No boundary at all: balanced lines.
        assert_eq!(name("甲乙丙丁戊己庚辛壬癸子丑", 8), ["甲乙丙丁戊己", "庚辛壬癸子丑"]);
    }

    fn check(text: &str, chars: usize, indent: usize) -> Vec<String> {
        let fonts = FontSet::builtin();
        let size = 10.0;
        // Width of `chars` CJK characters.
        let w = width(fonts, Role::Body, size, &"国".repeat(chars));
        let ind = width(fonts, Role::Body, size, &"国".repeat(indent));
        let lines = wrap(fonts, Role::Body, size, text, w, ind);
        for (i, l) in lines.iter().enumerate() {
            let first = l.chars().next().unwrap();
            let last = l.chars().last().unwrap();
            assert!(!no_start(first) || i == 0, "line starts with {first}: {lines:?}");
            assert!(!no_end(last) || i + 1 == lines.len(), "line ends with {last}: {lines:?}");
            assert!(width(fonts, Role::Body, size, l) <= w + 0.01, "too wide: {l}");
        }
        assert_eq!(lines.concat(), text, "no text lost");
        lines
    }

    #[test]
    fn breaks_between_cjk_characters() {
        let lines = check("一般公共预算当年拨款规模变化情况说明", 8, 2);
        assert_eq!(lines[0].chars().count(), 6);
        assert_eq!(lines[1].chars().count(), 8);
    }

    #[test]
    fn balanced_lines_leave_no_character_alone() {
        let fonts = FontSet::builtin();
        let w = width(fonts, Role::Bold, 10.0, &"国".repeat(9));
        let text = "一般公共预算拨款收入";
        assert_eq!(wrap(fonts, Role::Bold, 10.0, text, w, 0.0), ["一般公共预算拨款收", "入"]);
        assert_eq!(wrap_balanced(fonts, Role::Bold, 10.0, text, w), ["一般公共预", "算拨款收入"]);
        // A closing bracket never stands alone either.
        let lines =
            wrap_balanced(fonts, Role::Bold, 10.0, "增减（%）", width(fonts, Role::Bold, 10.0, "增减（%"));
        assert!(lines.iter().all(|l| l.chars().count() > 1), "{lines:?}");
    }

    #[test]
    fn a_number_stays_with_its_measure_word() {
        // “万元” would fall on the next line: the number goes down with it.
        let lines = check("收入合计12.5 万元，其中", 8, 0);
        assert_eq!(lines, ["收入合计", "12.5 万元，其中"]);
        let lines = check("在职人员共计5人，退休", 6, 0);
        assert_eq!(lines, ["在职人员共计", "5人，退休"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // The 9th character is a comma: it takes the 8th down with it.
        let lines = check("一二三四五六七八，九十", 8, 0);
        assert_eq!(lines, ["一二三四五六七", "八，九十"]);
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = check("一二三四五六七（八）九十", 8, 0);
        assert_eq!(lines, ["一二三四五六七", "（八）九十"]);
    }

    #[test]
    fn a_number_moves_down_with_its_percent_sign_and_comma() {
        // Without the number, “%，” would start the second line.
        let lines = check("一二三四增长2,002.35%，主要原因", 9, 0);
        assert!(lines.iter().any(|l| l.starts_with("2,002.35%，")), "{lines:?}");
    }

    #[test]
    fn closing_quote_after_a_full_stop_moves_down_together() {
        let lines = check("一二三四五六七八。”九十", 8, 0);
        assert_eq!(lines, ["一二三四五六七", "八。”九十"]);
        let lines = check("一二三四五六七……九十", 8, 0);
        assert!(lines.iter().all(|l| !l.starts_with('…')), "{lines:?}");
    }

    #[test]
    fn numbers_stay_whole() {
        let lines = check("增长二零零二增长2,002.35%，主要原因", 8, 0);
        assert!(lines.iter().any(|l| l.contains("2,002.35%")), "{lines:?}");
    }
}
