//! serde-saphyr errors as gongkai diagnostics: a rule ID, a Chinese message, a location.

use gongkai_model::diag::{Diagnostic, Location};
use gongkai_model::rules::Rule;
use serde_saphyr::Error;

/// The diagnostic for a parse error.
pub(crate) fn diagnostic(error: &Error, file: &str) -> Diagnostic {
    let d = match error {
        Error::SerdeUnknownField { field, expected, .. } => {
            let d = Diagnostic::new(Rule::UnknownField, format!("未知字段“{field}”"));
            match closest(field, expected) {
                Some(best) => d.hint(format!("是否应为“{best}”？此处可用的字段：{}", expected.join("、"))),
                None => d.hint(format!("此处可用的字段：{}", expected.join("、"))),
            }
        }
        Error::DuplicateMappingKey { key, .. } => Diagnostic::new(
            Rule::DuplicateKey,
            match key {
                Some(k) => format!("字段“{k}”在同一层级出现了两次"),
                None => "同一层级出现了重复的键".to_owned(),
            },
        )
        .hint("删除多余的一项；重复的金额字段会导致金额丢失，因此不予接受"),
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::new(Rule::MissingField, format!("缺少必填字段“{field}”"))
        }
        Error::SerdeInvalidType { unexpected, expected, .. }
        | Error::SerdeInvalidValue { unexpected, expected, .. } => Diagnostic::new(
            Rule::WrongType,
            format!("取值类型不对：此处应为{}，实际为{}", kind_zh(expected), kind_zh(unexpected)),
        ),
        Error::Unexpected { expected, .. } => {
            Diagnostic::new(Rule::WrongType, format!("取值类型不对：此处应为{}", kind_zh(expected)))
        }
        Error::InvalidScalar { ty, .. } => {
            Diagnostic::new(Rule::WrongType, format!("取值类型不对：此处应为{}", kind_zh(ty)))
        }
        Error::SerdeUnknownVariant { variant, expected, .. } => {
            Diagnostic::new(Rule::BadValue, format!("取值“{variant}”不在允许范围内"))
                .hint(format!("可选：{}", expected.join("、")))
        }
        Error::Budget { .. } => Diagnostic::new(Rule::Syntax, "文件过大或嵌套过深，超出安全限制")
            .hint("预算文件通常只有几十 KB，请确认选择了正确的文件"),
        Error::Eof { .. } => Diagnostic::new(Rule::Syntax, "文件意外结束（内容为空或不完整）"),
        Error::MultipleDocuments { .. } => {
            Diagnostic::new(Rule::Syntax, "文件包含多个 YAML 文档（---），每个文件只能描述一个部门")
        }
        Error::WithSnippet { error, .. } => return diagnostic(error, file),
        Error::AliasError { error, .. } => return diagnostic(error, file),
        other => Diagnostic::new(Rule::Syntax, format!("YAML 格式错误：{}", english(other)))
            .hint("检查缩进（只能用空格）、冒号后的空格和引号是否成对"),
    };
    match error.location() {
        Some(loc) if loc.line() > 0 => d.located(Location::Text {
            file: file.to_owned(),
            line: usize::try_from(loc.line()).unwrap_or(usize::MAX),
            column: usize::try_from(loc.column()).unwrap_or(usize::MAX),
        }),
        _ => d.located(Location::File { file: file.to_owned() }),
    }
}

/// The parser's own message, without its location suffix (we print ours).
fn english(error: &Error) -> String {
    let text = error.to_string();
    match text.split_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => text,
    }
}

/// Serde's type words in Chinese, for the people who read these messages.
fn kind_zh(what: &str) -> String {
    let w = what.to_ascii_lowercase();
    let zh = if w.contains("sequence") || w.contains("seq") {
        "列表"
    } else if w.contains("map") || w.contains("struct") {
        "字段集合（映射）"
    } else if w.contains("u16") || w.contains("u32") || w.contains("i32") || w.contains("integer") {
        "整数"
    } else if w.contains("float") || w.contains("number") {
        "数字"
    } else if w.contains("string") || w.contains("str") {
        "文字"
    } else if w.contains("bool") {
        "是/否（true/false）"
    } else if w.contains("null") || w.contains("unit") {
        "空值"
    } else {
        return what.to_owned();
    };
    zh.to_owned()
}

/// The expected field nearest to a misspelt one, if it is close enough to be a typo.
fn closest<'a>(field: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(field, e), *e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min()
        .map(|(_, e)| e)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push((prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

pub(crate) fn too_large(file: &str, len: usize) -> Diagnostic {
    Diagnostic::new(Rule::Syntax, format!("文件过大（{} MB），不像是一个部门的预算文件", len / (1024 * 1024)))
        .located(Location::File { file: file.to_owned() })
}

pub(crate) fn not_utf8(file: &str, bytes: &[u8], e: std::str::Utf8Error) -> Diagnostic {
    let upto = &bytes[..e.valid_up_to()];
    let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
    Diagnostic::new(Rule::Syntax, "文件不是 UTF-8 编码（可能是 GBK）")
        .hint("用编辑器另存为 UTF-8 编码后再试")
        .located(Location::Text { file: file.to_owned(), line, column: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field() {
        assert_eq!(closest("amout", &["func", "econ", "amount"]), Some("amount"));
        assert_eq!(closest("zzzzzz", &["func", "econ", "amount"]), None);
    }
}
