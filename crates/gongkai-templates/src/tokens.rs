//! User strings travel through the templates as opaque tokens, never as text.
//!
//! The templates' output is line-based markup (`# ` heading, `- ` list item, `@table`
//! directive). If a value were interpolated as text, a department name starting with
//! `# `, or a reason with a line break followed by `@table`, would become structure. So
//! the escape function handed to handlebars replaces every interpolated value by a token
//! (two private-use characters around an index) and keeps the value aside; the markup is
//! parsed from the template's own text and the tokens; only then are values put back,
//! inside the blocks, as plain text. A value can therefore never start a line, end one,
//! or look like a directive.

use std::cell::RefCell;

/// Opens a token: a private-use character no font draws and validation refuses in input.
pub(crate) const OPEN: char = '\u{E000}';
/// Closes a token.
pub(crate) const CLOSE: char = '\u{E001}';

thread_local! {
    /// Values interpolated during the current render on this thread. A render runs on
    /// one thread from start to end, so a thread-local stash needs no locking and keeps
    /// concurrent renders (batch) apart.
    static STASH: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Bytes stashed in the current render: part of its output, though written aside.
    static BYTES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Bytes of the values stashed since [`begin`].
pub(crate) fn stashed_bytes() -> usize {
    BYTES.with(std::cell::Cell::get)
}

/// The escape function: stashes `value` and returns its token. Empty values stay empty,
/// so that a line holding only an empty value is still an empty line.
pub(crate) fn stash(value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    BYTES.with(|b| b.set(b.get().saturating_add(value.len())));
    STASH.with(|s| {
        let mut s = s.borrow_mut();
        s.push(value.to_owned());
        format!("{OPEN}{}{CLOSE}", s.len() - 1)
    })
}

/// Starts a render: forgets the values of the previous one on this thread.
pub(crate) fn begin() {
    STASH.with(|s| s.borrow_mut().clear());
    BYTES.with(|b| b.set(0));
}

/// The values stashed since [`begin`], taken out.
pub(crate) fn take() -> Vec<String> {
    STASH.with(|s| std::mem::take(&mut *s.borrow_mut()))
}

/// `text` with every token replaced by its value. An unknown token (the template's own
/// text cannot make a valid one) is dropped.
pub(crate) fn restore(text: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        match after.find(CLOSE) {
            Some(end) => {
                if let Some(v) = after[..end].parse::<usize>().ok().and_then(|i| values.get(i)) {
                    out.push_str(v);
                }
                rest = &after[end + CLOSE.len_utf8()..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_only_where_their_tokens_are() {
        begin();
        let a = stash("# 标题\n@table t1");
        let b = stash("乙");
        assert!(!a.contains('#') && !a.contains('\n'));
        assert_eq!(stash(""), "");
        let values = take();
        assert_eq!(restore(&format!("甲{a}丙{b}"), &values), "甲# 标题\n@table t1丙乙");
        assert_eq!(restore("无标记", &values), "无标记");
        assert_eq!(restore(&format!("{OPEN}99{CLOSE}x"), &values), "x");
    }
}
