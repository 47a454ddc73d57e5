//! The fill-in workbook's cell formats, built once per workbook.
//!
//! Text and code cells carry the text format `@`, so what a clerk types there stays text
//! (a code keeps its digits, `=1次` does not become a formula). An amount cell's format
//! shows exactly the decimals of its text: that is how `103400.00` comes back as
//! `103400.00` and not as `103400`.

use gongkai_model::money::MoneyUnit;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Header background: the light blue of Excel's table styles.
const HEADER_FILL: u32 = 0xDD_EB_F7;
/// Grey for notes and help text.
const NOTE_GREY: u32 = 0x59_59_59;

/// All formats of the workbook.
pub(crate) struct Styles {
    /// Sheet title.
    pub(crate) title: Format,
    /// The note under the title.
    pub(crate) note: Format,
    /// Column headers.
    pub(crate) header: Format,
    /// Text in a table cell.
    pub(crate) text: Format,
    /// Text in a form's 内容 column, wrapped.
    pub(crate) wrap: Format,
    /// A form's row label.
    pub(crate) label: Format,
    /// A form's 说明 column.
    pub(crate) help: Format,
    /// Codes: text, centred.
    pub(crate) code: Format,
    /// Whole numbers.
    pub(crate) int: Format,
    /// Empty decimal cells, for what a clerk types: two decimals, and up to six in 万元.
    pub(crate) typing: Format,
}

impl Styles {
    pub(crate) fn new(unit: MoneyUnit) -> Self {
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            note: Format::new().set_font_size(10).set_font_color(Color::RGB(NOTE_GREY)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(HEADER_FILL)),
            text: Format::new().set_num_format("@").set_align(FormatAlign::Top),
            wrap: Format::new().set_num_format("@").set_text_wrap().set_align(FormatAlign::Top),
            label: Format::new().set_bold().set_align(FormatAlign::Top),
            help: Format::new()
                .set_font_size(10)
                .set_font_color(Color::RGB(NOTE_GREY))
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            code: Format::new()
                .set_num_format("@")
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::Top),
            int: Format::new().set_num_format("0").set_align(FormatAlign::Top),
            typing: Format::new()
                .set_num_format(match unit {
                    MoneyUnit::Yuan => "#,##0.00",
                    MoneyUnit::Wan => "#,##0.00####",
                })
                .set_align(FormatAlign::Top),
        }
    }

    /// The format of a decimal shown with exactly `scale` decimals, with thousands
    /// separators: `#,##0.00` for scale 2.
    pub(crate) fn decimal(scale: u32) -> Format {
        let zeros = "0".repeat(usize::try_from(scale).unwrap_or(0));
        let code = if zeros.is_empty() { "#,##0".to_owned() } else { format!("#,##0.{zeros}") };
        Format::new().set_num_format(code).set_align(FormatAlign::Top)
    }
}
