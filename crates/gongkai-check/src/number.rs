//! Reading printed figures: `1,034.00`, `-20,442.30`, `1009.71%`, `-`.
//!
//! Exact decimals only. Thousands separators count only where they group by three
//! (`12,5` is not a figure); the number of printed decimals is kept, because every check
//! compares at the precision the document printed.

use rust_decimal::Decimal;

/// A printed figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// An amount and its printed decimals.
    Amount(Decimal, u32),
    /// A percentage (without the `%`) and its printed decimals.
    Percent(Decimal, u32),
    /// A dash printed for zero.
    Dash,
}

/// Parses a number as printed: optional sign, digits grouped by commas (by three) or
/// not at all, optional decimals. `integers` admits figures without decimals.
pub fn number(text: &str, integers: bool) -> Option<(Decimal, u32)> {
    let t = text.trim();
    let (neg, t) = match t.strip_prefix(['-', '−', '－']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    if int.is_empty() || !int.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first = groups[0].len();
        if !(1..=3).contains(&first) || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let decimals = match frac {
        Some(f) if !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()) => f.len() as u32,
        Some(_) => return None,
        None if integers => 0,
        None => return None,
    };
    let plain: String = int.chars().filter(|c| *c != ',').collect();
    let text = match frac {
        Some(f) => format!("{plain}.{f}"),
        None => plain,
    };
    let value: Decimal = text.parse().ok()?;
    Some((if neg { -value } else { value }, decimals))
}

/// A table cell's text as a figure, if it is one.
pub fn token(text: &str, integers: bool) -> Option<Token> {
    let t = text.trim();
    if matches!(t, "-" | "—" | "－" | "--") {
        return Some(Token::Dash);
    }
    if let Some(p) = t.strip_suffix(['%', '％']) {
        return number(p, true).map(|(v, d)| Token::Percent(v, d));
    }
    number(t, integers).map(|(v, d)| Token::Amount(v, d))
}

/// One unit of the last printed digit: `0.01` for two decimals.
pub fn unit(decimals: u32) -> Decimal {
    Decimal::new(1, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(t: &str) -> Option<String> {
        match token(t, false)? {
            Token::Amount(v, d) => Some(format!("{v}/{d}")),
            Token::Percent(v, d) => Some(format!("{v}%/{d}")),
            Token::Dash => Some("-".into()),
        }
    }

    #[test]
    fn figures_as_printed() {
        assert_eq!(amount("1,034.00").as_deref(), Some("1034.00/2"));
        assert_eq!(amount("-20,442.30").as_deref(), Some("-20442.30/2"));
        assert_eq!(amount("1009.71%").as_deref(), Some("1009.71%/2"));
        assert_eq!(amount("63.0%").as_deref(), Some("63.0%/1"));
        assert_eq!(amount("-").as_deref(), Some("-"));
        assert_eq!(amount("12,5"), None);
        assert_eq!(amount("1,2345.00"), None);
        assert_eq!(amount("700"), None);
        assert_eq!(token("700", true), Some(Token::Amount(Decimal::from(700), 0)));
        assert_eq!(amount("2014001"), None);
        assert_eq!(amount("节能环保支出"), None);
        assert_eq!(unit(2), Decimal::new(1, 2));
    }
}
