//! One field value into one cell, by the field's kind: the inverse of `read::cell`.

use std::str::FromStr as _;

use gongkai_model::catalogue;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

use super::styles::Styles;
use crate::layout::{CATALOGUE, CodeOf, Kind, Value};
use crate::value::{EXACT_DIGITS, column_name};

/// Where a value goes and how it looks.
pub(crate) struct Target<'a> {
    /// Zero-based row.
    pub(crate) row: u32,
    /// Zero-based column.
    pub(crate) col: u16,
    /// The field's kind.
    pub(crate) kind: Kind,
    /// For a name field: the code its lookup formula reads, in the column to its left.
    pub(crate) code: Option<&'a str>,
    /// Wrap long text (a form's 内容 column).
    pub(crate) wrap: bool,
}

/// Writes `value` at `target`. An empty value becomes a blank cell that only carries the
/// format for what a clerk will type there; it reads back as the same empty value.
pub(crate) fn write(
    ws: &mut Worksheet,
    target: &Target<'_>,
    value: Value,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let (row, col) = (target.row, target.col);
    let text_format = if target.wrap { &styles.wrap } else { &styles.text };
    match (target.kind, value) {
        (Kind::Name(of), Value::Opt(None)) => {
            let code = target.code.unwrap_or_default().trim();
            ws.write_formula_with_format(row, col, lookup(of, row, col), text_format)?;
            let name = match of {
                CodeOf::Function => catalogue::function_name(code),
                CodeOf::Economic => catalogue::economic_name(code),
                CodeOf::Any => None,
            };
            if let Some(name) = name {
                ws.set_formula_result(row, col, name);
            }
        }
        (Kind::Int { .. }, Value::Int(n)) => {
            // Counts and years are far below 2^53: the conversion is exact.
            let number = n as f64;
            ws.write_number_with_format(row, col, number, &styles.int)?;
        }
        (Kind::Decimal, value) => {
            let text = value.text();
            match plain_decimal(&text) {
                Some((number, scale)) => {
                    ws.write_number_with_format(row, col, number, &Styles::decimal(scale))?;
                }
                None if text.is_empty() => {
                    ws.write_blank(row, col, &styles.typing)?;
                }
                // Anything else (`1,234.50`, full-width digits, a typo) stays text, exactly.
                None => {
                    ws.write_string_with_format(row, col, &text, text_format)?;
                }
            }
        }
        (Kind::Code(_), value) => write_text(ws, row, col, &value.text(), &styles.code)?,
        (_, value) => write_text(ws, row, col, &value.text(), text_format)?,
    }
    Ok(())
}

fn write_text(ws: &mut Worksheet, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    if text.is_empty() {
        ws.write_blank(row, col, format)?;
    } else {
        ws.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// The lookup formula of a name cell: the catalogue's name of the code to its left, or
/// nothing for a code the catalogue does not know.
pub(crate) fn lookup(of: CodeOf, row: u32, col: u16) -> Formula {
    let code = format!("${}{}", column_name(u32::from(col.saturating_sub(1))), row + 1);
    let columns = match of {
        CodeOf::Economic => "$D:$E",
        CodeOf::Function | CodeOf::Any => "$A:$B",
    };
    Formula::new(format!("IFERROR(VLOOKUP({code},'{CATALOGUE}'!{columns},2,FALSE),\"\")"))
}

/// A decimal text that a number cell holds exactly, with the decimals to show: plain
/// digits as the decimal type prints them, and at most 15 significant digits so the
/// double reads back as the same text. `1,234.50` or `１２` are not plain.
fn plain_decimal(text: &str) -> Option<(f64, u32)> {
    let decimal = Decimal::from_str(text).ok()?;
    if decimal.to_string() != text {
        return None;
    }
    let digits = decimal.mantissa().unsigned_abs().to_string().len();
    if digits > EXACT_DIGITS {
        return None;
    }
    Some((text.parse().ok()?, decimal.scale()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_become_numbers_and_the_rest_stays_text() {
        assert_eq!(plain_decimal("103400.00"), Some((103_400.0, 2)));
        assert_eq!(plain_decimal("0"), Some((0.0, 0)));
        assert_eq!(plain_decimal("3200.5"), Some((3200.5, 1)));
        assert_eq!(plain_decimal("-0.01"), Some((-0.01, 2)));
        assert_eq!(plain_decimal("1,234.50"), None);
        assert_eq!(plain_decimal("１２"), None);
        assert_eq!(plain_decimal(" 12"), None);
        assert_eq!(plain_decimal("+12"), None);
        assert_eq!(plain_decimal("12345678901234567.89"), None);
        assert_eq!(plain_decimal(""), None);
    }
}
