//! Exact money: parsing user text into amounts, and display rounding.
//!
//! Amounts are `rust_decimal::Decimal` end to end. Nothing here touches `f64`: a budget
//! must add up to the cent, and binary floats cannot promise that. Reading amounts from
//! text is [`crate::number`]'s job.
//! Rounding happens only for display, half away from zero (四舍五入).

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

// The docs of this type are Chinese on purpose: they describe it in the input's schema.
/// 输入金额的单位。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub enum MoneyUnit {
    /// 元，最多两位小数（精确到分）。
    #[default]
    #[serde(rename = "元")]
    Yuan,
    /// 万元，最多六位小数（0.000001 万元即 0.01 元）。
    #[serde(rename = "万元")]
    Wan,
}

impl MoneyUnit {
    /// Finest decimal scale the unit allows: 0.01 元 in either unit.
    pub fn max_scale(self) -> u32 {
        match self {
            MoneyUnit::Yuan => 2,
            MoneyUnit::Wan => 6,
        }
    }

    /// Converts an amount in this unit to exact 万元.
    pub fn to_wan(self, amount: Decimal) -> Decimal {
        match self {
            MoneyUnit::Yuan => amount / Decimal::from(10_000),
            MoneyUnit::Wan => amount,
        }
    }

    /// The unit's name as printed.
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::Wan => "万元",
        }
    }
}

pub use crate::number::{AmountError, parse_amount};

/// Rounds for display: two decimals, half away from zero.
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// An amount formatted for print: two decimals and thousands separators (`2,084.15`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display2(pub Decimal);

impl fmt::Display for Display2 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = round2(self.0);
        let text = format!("{:.2}", rounded.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
        if rounded.is_sign_negative() && !rounded.is_zero() {
            f.write_str("-")?;
        }
        let len = int.len();
        for (i, ch) in int.chars().enumerate() {
            if i > 0 && (len - i) % 3 == 0 {
                f.write_str(",")?;
            }
            write!(f, "{ch}")?;
        }
        write!(f, ".{frac}")
    }
}

/// A rounded value with exactly `decimals` places, with or without thousands separators.
///
/// Extra places are cut off, not rounded (callers round first); this is what
/// `format!("{:.*}")` on a `Decimal` did, written out by hand because that went through the
/// formatter and a second string per number (and overflowed its buffer on 29-digit values).
pub fn fixed(value: Decimal, decimals: u32, separators: bool) -> String {
    // The mantissa's digits, most significant first, in the tail of `buf`: at most 29.
    let mut buf = [0u8; 40];
    let mut start = buf.len();
    let mantissa = value.mantissa().unsigned_abs();
    // The same loop twice: u128 division is a library call several times slower than
    // u64's, and every budget amount fits in 64 bits.
    if let Ok(mut m) = u64::try_from(mantissa) {
        while m != 0 {
            start -= 1;
            buf[start] = b'0' + (m % 10) as u8;
            m /= 10;
        }
    } else {
        let mut m = mantissa;
        while m != 0 {
            start -= 1;
            buf[start] = b'0' + (m % 10) as u8;
            m /= 10;
        }
    }
    let digits = &buf[start..];
    let scale = value.scale() as usize;
    let (int, frac) =
        if digits.len() > scale { digits.split_at(digits.len() - scale) } else { (&[][..], digits) };
    // Fraction digits above the mantissa's own are leading zeros (0.05 has mantissa 5).
    let lead = scale - frac.len();
    let decimals = decimals as usize;
    let mut out = String::with_capacity(int.len() + int.len() / 3 + decimals + 3);
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    if int.is_empty() {
        out.push('0');
    }
    for (i, &d) in int.iter().enumerate() {
        if separators && i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(d));
    }
    if decimals > 0 {
        out.push('.');
        for place in 0..decimals {
            let d = match place.checked_sub(lead) {
                Some(i) if i < frac.len() => frac[i],
                _ => b'0',
            };
            out.push(char::from(d));
        }
    }
    out
}

/// Formats an amount with two decimals and thousands separators.
pub fn fmt2(value: Decimal) -> String {
    Display2(value).to_string()
}

/// Formats a table cell: like [`fmt2`], but zero prints as nothing, as the published
/// tables do.
pub fn fmt_cell(value: Decimal) -> String {
    if round2(value).is_zero() { String::new() } else { fmt2(value) }
}

/// `part / whole` as a percentage, exact; `None` when `whole` is zero.
pub fn percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() { None } else { Some(part * Decimal::from(100) / whole) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(fmt2(d("12.345")), "12.35");
        assert_eq!(fmt2(d("2.675")), "2.68");
        assert_eq!(fmt2(d("-12.345")), "-12.35");
        assert_eq!(fmt2(d("2002.3509")), "2,002.35");
        assert_eq!(fmt2(d("1234567.005")), "1,234,567.01");
        assert_eq!(fmt2(d("-0.004")), "0.00");
        assert_eq!(fmt_cell(d("0.004")), "");
        assert_eq!(fmt_cell(d("0.005")), "0.01");
    }

    #[test]
    fn converts_units_exactly() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(MoneyUnit::Yuan.to_wan(d("3984730.00")), d("398.473"));
        assert_eq!(MoneyUnit::Wan.to_wan(d("398.473")), d("398.473"));
        assert_eq!(percent(d("398.47"), d("700.56")).map(fmt2).unwrap(), "56.88");
        assert_eq!(percent(d("1"), Decimal::ZERO), None);
    }

    /// `fixed` as it was before it wrote its digits itself: the reference it must match.
    fn fixed_by_format(value: Decimal, decimals: u32, separators: bool) -> String {
        let text = format!("{:.*}", decimals as usize, value.abs());
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text.as_str(), None),
        };
        let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
        if value.is_sign_negative() && !value.is_zero() {
            out.push('-');
        }
        let len = int.len();
        for (i, ch) in int.chars().enumerate() {
            if separators && i > 0 && (len - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        out
    }

    /// Whether `format!("{:.*}")` fits the value into rust_decimal's 32-byte buffer (it
    /// panics otherwise, which the old `fixed` inherited).
    fn format_fits(value: Decimal, decimals: u32) -> bool {
        let digits = value.mantissa().unsigned_abs().to_string().len();
        let scale = value.scale() as usize;
        let whole = digits.saturating_sub(scale).max(1);
        let places = (decimals as usize).min(28);
        whole + if places > 0 { 1 + places } else { 0 } <= 32
    }

    #[test]
    fn fixed_matches_the_formatter() {
        // A fixed xorshift, so a failure replays.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values = vec![
            Decimal::ZERO,
            Decimal::new(0, 5),
            -Decimal::new(0, 3),
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::new(5, 1),
            Decimal::new(-5, 1),
            Decimal::new(999_999, 3),
            Decimal::new(1_000_000, 0),
        ];
        for _ in 0..4000 {
            // Mantissas of every width, from one digit to the full 96 bits.
            let bits = next() % 97;
            let wide = (u128::from(next()) << 64 | u128::from(next())) & ((1u128 << 96) - 1);
            let mantissa = if bits == 0 { 0 } else { wide >> (96 - bits) };
            let scale = (next() % 29) as u32;
            let negative = next().is_multiple_of(2);
            let value = Decimal::from_i128_with_scale(mantissa as i128, scale);
            values.push(if negative { -value } else { value });
        }
        let mut compared = 0;
        for &value in &values {
            for decimals in (0..=8).chain([20, 28, 30]) {
                for separators in [false, true] {
                    let new = fixed(value, decimals, separators);
                    if format_fits(value, decimals) {
                        assert_eq!(
                            new,
                            fixed_by_format(value, decimals, separators),
                            "{value:?} with {decimals} places, separators {separators}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 50_000, "only {compared} comparisons");
        assert_eq!(fixed(Decimal::MAX, 2, true), "79,228,162,514,264,337,593,543,950,335.00");
        assert_eq!(fixed(Decimal::MIN, 0, false), "-79228162514264337593543950335");
    }
}
