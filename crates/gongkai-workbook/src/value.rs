//! Cell values as the budget model wants them: exact decimal text, codes, whole numbers
//! and dates, plus A1 cell names.
//!
//! A spreadsheet holds numbers as binary doubles; the model holds amounts as the decimal
//! text the user typed. These functions are the bridge, and nothing here does float
//! arithmetic: a double is only ever printed (Rust prints the shortest text that reads
//! back as the same double) and parsed as a decimal.

use std::str::FromStr as _;

use gongkai_model::money::MoneyUnit;
use rust_decimal::{Decimal, RoundingStrategy};

/// Significant digits a double always carries exactly: Excel shows and stores numbers to
/// 15 digits, and every decimal of up to 15 digits survives the trip through a double.
pub(crate) const EXACT_DIGITS: usize = 15;

/// The amount text of a number cell.
///
/// A number whose shortest text has at most 15 significant digits is what the user typed
/// (or an exact result), and is kept as it is: a sub-cent amount then meets the same
/// E303 check as in YAML. A longer text is binary noise from a formula
/// (`=0.1+0.2` gives 0.30000000000000004, a sum gives 103400.00000000001); it is rounded
/// to the finest step the unit allows (0.01 元 or 0.000001 万元), which is also all a
/// clerk sees, instead of becoming a spurious precision error.
///
/// The text shows at least `min_scale` decimals, the decimals of the cell's number
/// format: a cell displayed as `103,400.00` reads as `103400.00`, as the YAML would write
/// it.
pub(crate) fn amount_text(number: f64, unit: MoneyUnit, min_scale: u32) -> String {
    let shortest = number.to_string();
    let Ok(exact) = Decimal::from_str(&shortest) else {
        // Beyond the 28 digits of a decimal: leave the text to the model's checks.
        return shortest;
    };
    let value = if significant_digits(&shortest) <= EXACT_DIGITS {
        exact
    } else {
        exact.round_dp_with_strategy(unit.max_scale(), RoundingStrategy::MidpointAwayFromZero)
    };
    let mut value = value.normalize();
    if value.scale() < min_scale {
        value.rescale(min_scale);
    }
    value.to_string()
}

/// The text of a number cell in a text field (a telephone number, a last-year value):
/// the shortest text of the double, without a trailing `.0`.
pub(crate) fn number_text(number: f64) -> String {
    number.to_string()
}

/// The digits of an integral, non-negative number cell (a code Excel turned into a
/// number), or `None` when the number has a fraction or a sign.
pub(crate) fn digits_of(number: f64) -> Option<String> {
    let text = number.to_string();
    (!text.is_empty() && text.chars().all(|c| c.is_ascii_digit())).then_some(text)
}

/// A whole number from a number cell, if it is one.
pub(crate) fn integer_of_number(number: f64) -> Option<i64> {
    number.to_string().parse().ok()
}

/// A whole number typed as text, accepting full-width digits and surrounding spaces.
pub(crate) fn integer_of_text(text: &str) -> Option<i64> {
    let normal: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' => '-',
            '＋' => '+',
            other => other,
        })
        .collect();
    normal.parse().ok()
}

/// Decimals a number format shows at least: the `0` placeholders after the point of its
/// first (positive) section. `#,##0.00` → 2, `0.00####` → 2, `General` → 0.
pub(crate) fn format_decimals(code: &str) -> u32 {
    let mut decimals = 0;
    let (mut quoted, mut bracket, mut escaped, mut after_point) = (false, false, false, false);
    for ch in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match ch {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' => escaped = true,
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => break,
            '.' => after_point = true,
            '0' if after_point => decimals += 1,
            '#' | '?' if after_point => {}
            _ if after_point => break,
            _ => {}
        }
    }
    decimals
}

/// The width of an integer format made only of zeros (`0000000`): what a clerk uses to
/// show a code's leading zeros in a number cell.
pub(crate) fn format_zero_width(code: &str) -> Option<usize> {
    let code = code.split(';').next().unwrap_or_default();
    (!code.is_empty() && code.chars().all(|c| c == '0')).then_some(code.len())
}

/// Digits of a decimal text that carry information: all but the leading zeros.
fn significant_digits(text: &str) -> usize {
    text.chars().filter(char::is_ascii_digit).skip_while(|&c| c == '0').count()
}

/// The `YYYY-MM-DD` text of a date cell's serial number, if it is a whole day.
///
/// Serial numbers count days from 1899-12-30 (or from 1904-01-01 in workbooks made on old
/// Macs); serials below 61 are one off because Excel keeps Lotus's 1900-02-29.
pub(crate) fn date_text(serial: f64, is_1904: bool) -> Option<String> {
    let text = serial.to_string();
    let days: i64 = text.parse().ok()?;
    let unix_days = match (is_1904, days) {
        (true, d) => d - 24_107,
        (false, 60) | (false, i64::MIN..=0) => return None,
        (false, d @ 1..=59) => d - 25_568,
        (false, d) => d - 25_569,
    };
    let (y, m, d) = gongkai_model::facts::Date::civil_from_days(unix_days);
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The letters of a zero-based column: 0 → A, 26 → AA.
pub(crate) fn column_name(col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.insert(0, char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters
}

/// The A1 name of a zero-based cell.
pub(crate) fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(number: f64, unit: MoneyUnit, min_scale: u32, expect: &str) {
        assert_eq!(amount_text(number, unit, min_scale), expect, "{number:?}");
    }

    #[test]
    fn amounts_keep_what_was_typed_and_drop_binary_noise() {
        check(103_400.0, MoneyUnit::Yuan, 2, "103400.00");
        check(103_400.0, MoneyUnit::Yuan, 0, "103400");
        check(3200.5, MoneyUnit::Yuan, 0, "3200.5");
        check(103_400.000_000_000_01, MoneyUnit::Yuan, 2, "103400.00");
        check(0.300_000_000_000_000_04, MoneyUnit::Yuan, 2, "0.30");
        check(0.300_000_000_000_000_04, MoneyUnit::Wan, 0, "0.3");
        // A typed sub-cent amount stays, for the model's E303.
        check(1234.567, MoneyUnit::Yuan, 2, "1234.567");
        check(10.123_456, MoneyUnit::Wan, 2, "10.123456");
        check(-0.01, MoneyUnit::Yuan, 2, "-0.01");
        check(0.0, MoneyUnit::Yuan, 2, "0.00");
    }

    #[test]
    fn formats_tell_the_decimals_shown() {
        assert_eq!(format_decimals("#,##0.00"), 2);
        assert_eq!(format_decimals("#,##0.00####"), 2);
        assert_eq!(format_decimals("General"), 0);
        assert_eq!(format_decimals("0"), 0);
        assert_eq!(format_decimals("#,##0.0_);[Red](#,##0.0)"), 1);
        assert_eq!(format_decimals("\"¥\"#,##0.000"), 3);
        assert_eq!(format_zero_width("0000000"), Some(7));
        assert_eq!(format_zero_width("#,##0"), None);
    }

    #[test]
    fn numbers_become_codes_integers_and_dates() {
        assert_eq!(digits_of(2_080_505.0).as_deref(), Some("2080505"));
        assert_eq!(digits_of(2_080_505.5), None);
        assert_eq!(digits_of(-5.0), None);
        assert_eq!(integer_of_number(36.0), Some(36));
        assert_eq!(integer_of_number(36.5), None);
        assert_eq!(integer_of_text(" ３６ "), Some(36));
        assert_eq!(integer_of_text("-1"), Some(-1));
        assert_eq!(date_text(45_702.0, false).as_deref(), Some("2025-02-14"));
        assert_eq!(date_text(1.0, false).as_deref(), Some("1900-01-01"));
        assert_eq!(date_text(0.0, true).as_deref(), Some("1904-01-01"));
        assert_eq!(date_text(45_702.5, false), None);
        assert_eq!(a1(15, 6), "G16");
        assert_eq!(column_name(26), "AA");
    }
}
