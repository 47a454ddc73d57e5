//! Numbers as clerks type them: amounts and counts from text, with the same rules for
//! every input format.
//!
//! An amount may carry thousands separators, but only in their proper places
//! (`1,034.00`): a decimal comma (`12,5`) or a stray comma is refused, never read as
//! `125`. Full-width digits and punctuation, which Chinese input methods produce, are
//! read as their ASCII forms and reported (an info), so both inputs accept and tell the
//! same. Counts are plain decimal integers: `0x10`, `0o17` or `1e3` are refused.
//!
//! The documented ranges of every number in the input live here too, so that money
//! arithmetic is provably bounded: at most [`MAX_LINES`] lines of at most
//! [`MAX_AMOUNT_YUAN`] each sum to far less than `Decimal::MAX` (about 7.9 × 10²⁸).

use rust_decimal::Decimal;

/// Largest amount of one figure in 元 (10¹⁵ 元, a thousand times a national budget).
pub const MAX_AMOUNT_YUAN: i64 = 1_000_000_000_000_000;

/// Largest number of budget lines in one input.
pub const MAX_LINES: usize = 200_000;

/// Largest head count, vehicle or equipment count, and head-count change.
pub const MAX_COUNT: i64 = 10_000_000;

/// Largest floor area in 平方米.
pub const MAX_AREA: i64 = 100_000_000_000;

/// Why a piece of text is not an amount.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// The text is empty.
    #[error("金额为空")]
    Empty,
    /// The text is not a plain decimal number.
    #[error("“{0}”不是数字")]
    NotANumber(String),
    /// Commas that are not thousands separators (a decimal comma, a stray comma).
    #[error("“{0}”中的逗号不是千分位分隔符")]
    BadGrouping(String),
    /// More digits than any budget figure has.
    #[error("“{0}”超出允许范围")]
    TooLarge(String),
}

impl AmountError {
    /// Advice for the user, in Chinese.
    pub fn hint(&self) -> &'static str {
        match self {
            AmountError::BadGrouping(_) => "千分位逗号须每三位一个（如 1,034.00）；小数点请用“.”，不要用逗号",
            AmountError::TooLarge(_) => "单个金额不能超过 10¹⁵ 元；请核对单位和位数",
            _ => "金额只写数字，如 103400.00；不要写单位或中文数字",
        }
    }
}

/// Why a piece of text is not a count.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountError {
    /// The text is empty.
    #[error("数值为空")]
    Empty,
    /// Not a decimal integer (a fraction, hex, a unit, …).
    #[error("“{0}”不是十进制整数")]
    NotAnInteger(String),
    /// Outside the allowed range.
    #[error("{value} 超出允许范围 {min}–{max}")]
    OutOfRange {
        /// The value read.
        value: String,
        /// Smallest allowed.
        min: i64,
        /// Largest allowed.
        max: i64,
    },
}

/// A number read from text, and whether full-width characters had to be read as ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Read<T> {
    /// The value.
    pub value: T,
    /// Whether the text used full-width digits or punctuation.
    pub full_width: bool,
}

/// The text with full-width digits, point, signs and commas mapped to ASCII, trimmed;
/// and whether anything was mapped.
pub fn to_ascii_digits(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut mapped = false;
    for ch in text.trim().chars() {
        let ascii = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            '－' => Some('-'),
            '＋' => Some('+'),
            '，' => Some(','),
            _ => None,
        };
        match ascii {
            Some(a) => {
                mapped = true;
                out.push(a);
            }
            None => out.push(ch),
        }
    }
    (out, mapped)
}

/// Whether `int` (digits and commas) is grouped properly: no commas at all, or groups of
/// three after a first group of one to three digits.
fn grouped(int: &str) -> bool {
    if !int.contains(',') {
        return true;
    }
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Parses an amount as a clerk or a script writes it: an optional sign, digits with
/// optional proper thousands separators, an optional fraction. Full-width forms are read
/// as ASCII. Rejects everything else, including exponents and `NaN`, with a reason.
pub fn read_amount(text: &str) -> Result<Read<Decimal>, AmountError> {
    let (normal, full_width) = to_ascii_digits(text);
    if normal.is_empty() {
        return Err(AmountError::Empty);
    }
    let typed = text.trim().to_owned();
    let unsigned = normal.strip_prefix(['-', '+']).unwrap_or(&normal);
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let digits_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let shaped = int.chars().all(|c| c.is_ascii_digit() || c == ',')
        && frac.is_none_or(digits_ok)
        && (int.chars().any(|c| c.is_ascii_digit()) || frac.is_some_and(|f| !f.is_empty()));
    if !shaped {
        return Err(AmountError::NotANumber(typed));
    }
    if !grouped(int) || frac.is_some_and(|f| f.contains(',')) {
        return Err(AmountError::BadGrouping(typed));
    }
    let plain: String = normal.chars().filter(|&c| c != ',').collect();
    // Twenty integer digits is far beyond any budget; refusing them here also keeps
    // `Decimal` parsing away from its overflow.
    if int.chars().filter(char::is_ascii_digit).count() > 20 || frac.is_some_and(|f| f.len() > 20) {
        return Err(AmountError::TooLarge(typed));
    }
    let value = plain.parse::<Decimal>().map_err(|_| AmountError::TooLarge(typed))?;
    Ok(Read { value, full_width })
}

/// [`read_amount`] without the full-width flag.
pub fn parse_amount(text: &str) -> Result<Decimal, AmountError> {
    read_amount(text).map(|r| r.value)
}

/// Parses a decimal integer within `min..=max`: digits with an optional sign, full-width
/// forms read as ASCII. No fractions, exponents, radix prefixes or separators.
pub fn read_count(text: &str, min: i64, max: i64) -> Result<Read<i64>, CountError> {
    let (normal, full_width) = to_ascii_digits(text);
    if normal.is_empty() {
        return Err(CountError::Empty);
    }
    let unsigned = normal.strip_prefix(['-', '+']).unwrap_or(&normal);
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_ascii_digit()) {
        return Err(CountError::NotAnInteger(text.trim().to_owned()));
    }
    let out_of_range = || CountError::OutOfRange { value: normal.clone(), min, max };
    let value: i64 = normal.parse().map_err(|_| out_of_range())?;
    if !(min..=max).contains(&value) {
        return Err(out_of_range());
    }
    Ok(Read { value, full_width })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> String {
        match read_amount(text) {
            Ok(r) => format!("{}{}", r.value, if r.full_width { " (full width)" } else { "" }),
            Err(e) => format!("error: {e}"),
        }
    }

    #[test]
    fn reads_what_clerks_write() {
        assert_eq!(amount("398.47"), "398.47");
        assert_eq!(amount(" 1,234.50 "), "1234.50");
        assert_eq!(amount("1,034.00"), "1034.00");
        assert_eq!(amount("12,345,678"), "12345678");
        assert_eq!(amount("１２３．４５"), "123.45 (full width)");
        assert_eq!(amount("１，２３４"), "1234 (full width)");
        assert_eq!(amount("-0.01"), "-0.01");
        assert_eq!(amount(".5"), "0.5");
        assert_eq!(amount("120.00"), "120.00");
        assert_eq!(amount("12345678901234567.89"), "12345678901234567.89");
    }

    #[test]
    fn refuses_commas_that_are_not_thousands_separators() {
        assert_eq!(amount("12,5"), "error: “12,5”中的逗号不是千分位分隔符");
        assert_eq!(amount("1,00"), "error: “1,00”中的逗号不是千分位分隔符");
        assert_eq!(amount("1234,567"), "error: “1234,567”中的逗号不是千分位分隔符");
        assert_eq!(amount(",123"), "error: “,123”中的逗号不是千分位分隔符");
        assert_eq!(amount("1,,234"), "error: “1,,234”中的逗号不是千分位分隔符");
        assert_eq!(amount("1.234,5"), "error: “1.234,5”不是数字");
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        assert_eq!(amount("十二"), "error: “十二”不是数字");
        assert_eq!(amount("1e3"), "error: “1e3”不是数字");
        assert_eq!(amount("NaN"), "error: “NaN”不是数字");
        assert_eq!(amount("1.2.3"), "error: “1.2.3”不是数字");
        assert_eq!(amount(""), "error: 金额为空");
        assert_eq!(amount("-"), "error: “-”不是数字");
        assert_eq!(amount("."), "error: “.”不是数字");
        assert_eq!(amount("0x10"), "error: “0x10”不是数字");
        assert_eq!(amount(&"9".repeat(40)), format!("error: “{}”超出允许范围", "9".repeat(40)));
    }

    #[test]
    fn counts_are_plain_decimal_integers() {
        let count = |t: &str| match read_count(t, 0, 100) {
            Ok(r) => format!("{}{}", r.value, if r.full_width { " (full width)" } else { "" }),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(count("12"), "12");
        assert_eq!(count("１２"), "12 (full width)");
        assert_eq!(count("0x10"), "error: “0x10”不是十进制整数");
        assert_eq!(count("0o17"), "error: “0o17”不是十进制整数");
        assert_eq!(count("1e3"), "error: “1e3”不是十进制整数");
        assert_eq!(count("1.0"), "error: “1.0”不是十进制整数");
        assert_eq!(count("101"), "error: 101 超出允许范围 0–100");
        assert_eq!(count("-1"), "error: -1 超出允许范围 0–100");
        assert_eq!(count(&"9".repeat(30)), format!("error: {} 超出允许范围 0–100", "9".repeat(30)));
    }

    #[test]
    fn the_ranges_keep_money_arithmetic_bounded() {
        // Every line at the largest amount, in 元, still sums well inside Decimal.
        let total = Decimal::from(MAX_AMOUNT_YUAN).checked_mul(Decimal::from(MAX_LINES as u64));
        let total = total.and_then(|t| t.checked_mul(Decimal::from(100)));
        assert!(total.is_some_and(|t| t < Decimal::MAX / Decimal::from(1_000_000)));
    }
}
