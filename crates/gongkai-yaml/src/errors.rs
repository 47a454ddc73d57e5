//! Texts that cannot be read as YAML at all, as gongkai diagnostics: a rule ID, a Chinese
//! message, a location.

use gongkai_model::diag::{Diagnostic, Location};
use gongkai_model::rules::Rule;

use crate::tree::{MAX_DEPTH, MAX_NODES, Unreadable};

fn at(file: &str, line: usize, column: usize) -> Location {
    Location::Text { file: file.to_owned(), line, column }
}

/// The diagnostic for a text the tree reader gave up on.
pub(crate) fn unreadable(file: &str, e: &Unreadable) -> Diagnostic {
    match e {
        Unreadable::Syntax { info, line, column } => {
            Diagnostic::new(Rule::Syntax, format!("YAML 格式错误（{}）", syntax_zh(info)))
                .hint("检查缩进（只能用空格）、冒号后的空格和引号是否成对")
                .located(at(file, *line, *column))
        }
        Unreadable::Empty => Diagnostic::new(Rule::Syntax, "文件没有内容（为空或只有注释）")
            .located(Location::File { file: file.to_owned() }),
        Unreadable::MultipleDocuments { line, column } => {
            Diagnostic::new(Rule::Syntax, "文件包含多个 YAML 文档（---），每个文件只能描述一个部门")
                .located(at(file, *line, *column))
        }
        Unreadable::Budget { line, column } => Diagnostic::new(
            Rule::Syntax,
            format!("文件过大或嵌套过深，超出安全限制（最多 {MAX_NODES} 个节点、{MAX_DEPTH} 层）"),
        )
        .hint("预算文件通常只有几十 KB，请确认选择了正确的文件")
        .located(at(file, *line, *column)),
        Unreadable::UnknownAlias { line, column } => {
            Diagnostic::new(Rule::Syntax, "引用了未定义的锚点（*名称 之前须有 &名称）")
                .located(at(file, *line, *column))
        }
    }
}

/// The parser's complaint in Chinese where it is a common one; the original follows in
/// brackets otherwise, so that nothing is lost.
fn syntax_zh(info: &str) -> String {
    let known = [
        ("did not find expected key", "此处应为“字段: 值”"),
        ("mapping values are not allowed", "此处不能写“:”，含冒号的文字请加引号"),
        ("did not find expected", "缺少应有的符号"),
        (
            "found character that cannot start any token",
            "出现了不能出现在此处的字符（如制表符），请用空格缩进",
        ),
        ("while scanning a quoted scalar", "引号没有成对"),
        ("found unexpected end of stream", "文件意外结束（括号或引号没有闭合）"),
        ("invalid indentation", "缩进不对"),
        ("mapping keys must be plain text", "字段名只能是文字"),
    ];
    match known.iter().find(|(en, _)| info.contains(en)) {
        Some((_, zh)) => format!("{zh}；原文：{info}"),
        None => format!("原文：{info}"),
    }
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

pub(crate) fn internal(file: &str, message: &str) -> Diagnostic {
    Diagnostic::new(Rule::Syntax, format!("内部错误：读取后的数据无法转换（{message}）"))
        .hint("请把输入文件报告给 gongkai 的维护者")
        .located(Location::File { file: file.to_owned() })
}
