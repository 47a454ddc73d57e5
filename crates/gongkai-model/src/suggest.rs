//! "Did you mean": the expected name nearest to a misspelt one (a field, a fund source, a
//! table), by edit distance over characters, so that a slip of one or two characters in
//! a Chinese name is caught as in an English one.

/// The expected name nearest to `given`, if it is close enough to be a typo: at most two
/// edits, or a third of the name's characters for long names, and fewer edits than
/// either name has characters.
pub fn closest<'a>(given: &str, expected: &[&'a str]) -> Option<&'a str> {
    let given = given.trim();
    expected
        .iter()
        .map(|e| (strsim::levenshtein(given, e), *e))
        // Never a name that shares nothing with the one given (`收入` is not a slip of `t1`).
        .filter(|(d, e)| {
            *d > 0 && *d <= 2.max(e.chars().count() / 3) && *d < given.chars().count().min(e.chars().count())
        })
        .min()
        .map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_name() {
        assert_eq!(closest("amout", &["func", "econ", "amount"]), Some("amount"));
        assert_eq!(closest("zzzzzz", &["func", "econ", "amount"]), None);
        // Characters, not bytes: one wrong character of a Chinese name.
        assert_eq!(closest("一般公共预箅", &["一般公共预算", "政府性基金"]), Some("一般公共预算"));
        assert_eq!(
            closest("上级一般公共预算转移", &["一般公共预算", "上级一般公共预算转移支付"]),
            Some("上级一般公共预算转移支付")
        );
        assert_eq!(closest("事业收", &["事业收入", "其他收入"]), Some("事业收入"));
        assert_eq!(closest("土地出让", &["一般公共预算", "政府性基金"]), None);
        assert_eq!(closest("收入", &["表1", "t1"]), None);
    }
}
