//! Cell formats, built once per workbook: fonts, borders, alignment and number formats.
//!
//! The fonts are the ones Chinese offices expect in a 公开 table: 宋体 for everything in
//! the grid, 黑体 for the title. Both carry the GB2312 character set (134), as files saved
//! by Chinese Excel and WPS do, so that Windows maps them to SimSun/SimHei even under a
//! non-Chinese system locale.

use gongkai_model::table::{ColumnKind, NumberFormat, Zero};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::grid::Side;

/// 宋体: body and header cells.
const SONG: &str = "宋体";
/// 黑体: the title.
const HEI: &str = "黑体";
/// GB2312, the character set Chinese Excel writes for these fonts.
const GB2312: u8 = 134;
/// Font size of the grid, in points.
pub(crate) const BODY_PT: u8 = 10;
/// Font size of the title, in points.
pub(crate) const TITLE_PT: u8 = 16;
/// Light grey behind the header, as printed tables shade it.
const HEADER_FILL: u32 = 0xF2_F2_F2;
/// Deepest indentation level with its own format; deeper rows share it.
pub(crate) const MAX_INDENT: u8 = 7;

/// Every format a table sheet uses.
pub(crate) struct Styles {
    /// 表号 on its own line: left, centred or right.
    number: [Format; 3],
    /// The title, merged across the table.
    pub(crate) title: Format,
    /// 编制部门, left.
    pub(crate) org: Format,
    /// 单位, right.
    pub(crate) unit: Format,
    /// Header cells: centred, wrapped, bold, shaded, bordered.
    pub(crate) header: Format,
    /// Notes and the empty-table sentence under the grid.
    pub(crate) note: Format,
    /// Code cells, plain and strong.
    code: [Format; 2],
    /// Amount and percentage cells before their number format: plain and strong.
    figure: [Format; 2],
    /// Text cells by indentation level, plain and strong.
    text: Vec<[Format; 2]>,
}

fn song() -> Format {
    Format::new().set_font_name(SONG).set_font_charset(GB2312).set_font_size(BODY_PT)
}

/// A bordered grid cell.
fn grid() -> Format {
    song().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter)
}

/// Both weights of a grid format: index 0 plain, 1 bold.
fn weights(format: Format) -> [Format; 2] {
    [format.clone(), format.set_bold()]
}

impl Styles {
    pub(crate) fn new() -> Styles {
        let text = grid().set_align(FormatAlign::Left).set_text_wrap();
        Styles {
            number: [FormatAlign::Left, FormatAlign::Center, FormatAlign::Right].map(|align| {
                song().set_font_size(11).set_align(align).set_align(FormatAlign::VerticalCenter)
            }),
            title: Format::new()
                .set_font_name(HEI)
                .set_font_charset(GB2312)
                .set_font_size(TITLE_PT)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            // A long 部门 name wraps within its merged cells; the row is sized for it.
            org: song().set_align(FormatAlign::Left).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
            unit: song().set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter),
            header: grid()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap()
                .set_background_color(Color::RGB(HEADER_FILL)),
            note: song().set_align(FormatAlign::Left).set_align(FormatAlign::Top).set_text_wrap(),
            // Text format: codes are labels, and `05` must stay `05` even when retyped.
            code: weights(grid().set_align(FormatAlign::Center).set_num_format("@")),
            figure: weights(grid().set_align(FormatAlign::Right)),
            text: (0..=MAX_INDENT).map(|level| weights(text.clone().set_indent(level))).collect(),
        }
    }

    /// The format of the 表号 line at `side`.
    pub(crate) fn number(&self, side: Side) -> &Format {
        &self.number[match side {
            Side::Left => 0,
            Side::Centre => 1,
            Side::Right => 2,
        }]
    }

    /// The formats of one table's figures: its amounts and percentages, plain and strong.
    pub(crate) fn figures(&self, format: &NumberFormat) -> Figures {
        let amount = amount_format(format);
        let change = amount_format(&NumberFormat { zero: Zero::Zero, ..format.clone() });
        let percent = percent_format(format);
        Figures {
            amount: self.figure.clone().map(|f| f.set_num_format(&amount)),
            percent: self.figure.clone().map(|f| f.set_num_format(&percent)),
            change: self.figure.clone().map(|f| f.set_num_format(&change)),
        }
    }

    /// The format of a code or text cell; `indent` applies to text only.
    pub(crate) fn cell(&self, kind: ColumnKind, strong: bool, indent: u8) -> &Format {
        let weight = usize::from(strong);
        match kind {
            ColumnKind::Code => &self.code[weight],
            ColumnKind::Amount => &self.figure[weight],
            ColumnKind::Text => &self.text[usize::from(indent.min(MAX_INDENT))][weight],
        }
    }
}

/// The figure formats of one table, plain and strong.
pub(crate) struct Figures {
    pub(crate) amount: [Format; 2],
    pub(crate) percent: [Format; 2],
    /// A change column prints no change as 0.00, whatever the table does with zeros.
    pub(crate) change: [Format; 2],
}

/// The number format that prints a stored amount as the table's [`NumberFormat`] does:
/// decimals, thousands separators, and zero as nothing, `0.00` or `-`. The fourth section
/// shows text typed into the cell as it is.
pub(crate) fn amount_format(format: &NumberFormat) -> String {
    let digits = if format.separators { "#,##0" } else { "0" };
    let decimals = usize::try_from(format.decimals).unwrap_or(0);
    let figure = if decimals == 0 { digits.to_owned() } else { format!("{digits}.{}", "0".repeat(decimals)) };
    let zero = match format.zero {
        Zero::Blank => String::new(),
        Zero::Zero => figure.clone(),
        Zero::Dash => "\"-\"".to_owned(),
        Zero::Bare => "0".to_owned(),
    };
    format!("{figure};-{figure};{zero};@")
}

/// The number format of a stored percentage (a fraction: 0.1234 prints `12.34%`).
pub(crate) fn percent_format(format: &NumberFormat) -> String {
    let decimals = usize::try_from(format.percent_decimals).unwrap_or(0);
    if decimals == 0 { "0%".to_owned() } else { format!("0.{}%", "0".repeat(decimals)) }
}

#[cfg(test)]
mod tests {
    use gongkai_model::money::MoneyUnit;

    use super::*;

    fn check(unit: MoneyUnit, decimals: u32, zero: Zero, separators: bool, want: &str) {
        let format = NumberFormat { unit, decimals, zero, separators, percent_decimals: decimals };
        assert_eq!(amount_format(&format), want);
    }

    #[test]
    fn number_formats_follow_the_table_format() {
        check(MoneyUnit::Wan, 2, Zero::Blank, true, "#,##0.00;-#,##0.00;;@");
        check(MoneyUnit::Wan, 2, Zero::Zero, false, "0.00;-0.00;0.00;@");
        check(MoneyUnit::Yuan, 0, Zero::Zero, true, "#,##0;-#,##0;#,##0;@");
        check(MoneyUnit::Yuan, 0, Zero::Dash, true, "#,##0;-#,##0;\"-\";@");
        check(MoneyUnit::Wan, 2, Zero::Bare, false, "0.00;-0.00;0;@");
        let mut format = NumberFormat::default();
        assert_eq!(percent_format(&format), "0.00%");
        format.percent_decimals = 0;
        assert_eq!(percent_format(&format), "0%");
    }
}
