//! Cell formats, built once per workbook: fonts, borders, alignment and number formats.
//!
//! The fonts are the ones Chinese offices expect in a 公开 table: 宋体 for everything in
//! the grid, 黑体 for the title. Both carry the GB2312 character set (134), as files saved
//! by Chinese Excel and WPS do, so that Windows maps them to SimSun/SimHei even under a
//! non-Chinese system locale.

use gongkai_model::table::ColumnKind;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

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
/// Two decimals with separators; the empty third section prints zero as nothing, as the
/// published tables do, while the cell still holds the number 0.
const AMOUNT_FORMAT: &str = "#,##0.00;-#,##0.00;;@";
/// Deepest indentation level with its own format; deeper rows share it.
pub(crate) const MAX_INDENT: u8 = 7;

/// Every format a table sheet uses.
pub(crate) struct Styles {
    /// 表号, top left.
    pub(crate) number: Format,
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
    /// Amount cells, plain and strong.
    amount: [Format; 2],
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
            number: song().set_font_size(11).set_align(FormatAlign::Left),
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
            amount: weights(grid().set_align(FormatAlign::Right).set_num_format(AMOUNT_FORMAT)),
            text: (0..=MAX_INDENT).map(|level| weights(text.clone().set_indent(level))).collect(),
        }
    }

    /// The format of a data cell in a column of `kind`; `indent` applies to text only.
    pub(crate) fn cell(&self, kind: ColumnKind, strong: bool, indent: u8) -> &Format {
        let weight = usize::from(strong);
        match kind {
            ColumnKind::Code => &self.code[weight],
            ColumnKind::Amount => &self.amount[weight],
            ColumnKind::Text => &self.text[usize::from(indent.min(MAX_INDENT))][weight],
        }
    }
}
