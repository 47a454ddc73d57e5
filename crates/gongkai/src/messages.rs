//! What the user reads when something outside the budget goes wrong: operating-system
//! errors explained in Chinese, error chains joined for printing, and text made safe for a
//! terminal (user text may carry escape sequences that would recolour, move or hide what
//! the terminal shows).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write as _};

/// The Chinese explanation of an operating-system error. The kind is portable; the raw
/// codes cover what the standard library leaves uncategorised (Linux and macOS numbers).
pub(crate) fn io_reason(e: &io::Error) -> &'static str {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "找不到文件或目录",
        K::PermissionDenied => "没有权限",
        K::StorageFull => "磁盘空间不足",
        K::QuotaExceeded => "超出磁盘配额",
        K::ReadOnlyFilesystem => "文件系统是只读的",
        K::IsADirectory => "这是一个目录，不是文件",
        K::NotADirectory => "路径中的某一级不是目录",
        K::AlreadyExists => "文件已存在",
        K::DirectoryNotEmpty => "目录不是空的",
        K::InvalidFilename => "文件名无效或太长",
        K::FileTooLarge => "文件太大",
        K::ResourceBusy | K::ExecutableFileBusy => "文件或设备正被占用",
        K::CrossesDevices => "不能跨文件系统移动文件",
        K::TooManyLinks => "链接数过多",
        K::StaleNetworkFileHandle => "网络文件句柄已失效（网络盘断开或文件已被删除）",
        K::BrokenPipe => "管道已关闭",
        K::Interrupted => "操作被中断",
        K::TimedOut => "操作超时",
        K::WouldBlock => "文件暂时无法读写",
        K::UnexpectedEof => "文件意外结束（可能不完整）",
        K::OutOfMemory => "内存不足",
        K::InvalidData => "数据无效（如不是 UTF-8 文本）",
        K::InvalidInput => "参数无效",
        K::Unsupported => "操作系统不支持此操作",
        K::ConnectionRefused
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected
        | K::HostUnreachable
        | K::NetworkUnreachable
        | K::NetworkDown => "网络连接失败",
        _ => match e.raw_os_error() {
            Some(5) => "读写出错（磁盘或网络故障）",
            Some(23 | 24) => "同时打开的文件太多",
            Some(40 | 62) => "符号链接层数过多（可能是循环链接）",
            Some(6 | 19) => "设备不存在",
            _ => "读写出错",
        },
    }
}

/// The error and its causes, outermost first, joined with `：`. An operating-system error
/// is given in Chinese, its original text following in parentheses (for searching).
pub(crate) fn describe(err: &anyhow::Error) -> String {
    let mut out = String::new();
    for (i, cause) in err.chain().enumerate() {
        if i > 0 {
            out.push('：');
        }
        match io_error(cause) {
            Some(e) => {
                let _ = write!(out, "{}（{e}）", io_reason(e));
            }
            None => {
                let _ = write!(out, "{cause}");
            }
        }
    }
    out
}

/// The IO error a cause is or wraps directly (serde_json keeps the writer's error inside).
fn io_error<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a io::Error> {
    cause.downcast_ref::<io::Error>().or_else(|| {
        cause
            .downcast_ref::<serde_json::Error>()
            .and_then(|e| std::error::Error::source(e))
            .and_then(|s| s.downcast_ref::<io::Error>())
    })
}

/// Whether an error is a closed output pipe (`gongkai tables … | head`), which is not a
/// failure: the reader has all it wanted.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        io_error(c).is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|e| e.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

/// Characters that must not reach a terminal raw: C0 and C1 controls and DEL (escape
/// sequences, carriage returns, backspaces), and the bidirectional controls that reorder
/// what is shown.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character (newlines included) written visibly as `\u{1b}`.
/// For one field of user text: a name, a path, a message.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Like [`visible`], but line breaks stay: for whole messages whose lines are ours.
pub(crate) fn visible_lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| unsafe_char(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if bad(c) {
            let _ = write!(out, "{}", c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as the user typed it, safe for the terminal.
pub(crate) fn path(p: &std::path::Path) -> String {
    visible(&p.display().to_string()).into_owned()
}

/// One diagnostic for people: every field that can carry user text is escaped, and the
/// hint goes on its own line.
pub(crate) fn diagnostic(d: &gongkai_model::diag::Diagnostic) -> String {
    let mut out = String::new();
    if let Some(loc) = &d.location {
        let _ = write!(out, "{}: ", visible(&loc.to_string()));
    } else if let Some(p) = &d.path {
        let _ = write!(out, "{}: ", visible(&p.to_string()));
    }
    let _ = write!(out, "{}[{}]: {}", d.severity.label(), visible(&d.rule), visible(&d.message));
    if let Some(hint) = &d.hint {
        let _ = write!(out, "\n  提示：{}", visible(hint));
    }
    out
}

/// Writes one line to stderr; a closed stderr is no reason to stop (or to panic, as
/// `eprintln!` would). The line is formatted first and written whole: stderr is
/// unbuffered, and a batch's line per department was ten system calls.
pub(crate) fn note_line(args: std::fmt::Arguments<'_>) {
    let mut line = args.to_string();
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// `note!("…")`: [`note_line`] with `format!` arguments.
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::messages::note_line(format_args!($($arg)*))
    };
}
pub(crate) use note;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_visibly() {
        assert_eq!(visible("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(visible("x\ny\r"), "x\\u{a}y\\u{d}");
        assert_eq!(visible_lines("x\ny\u{7}"), "x\ny\\u{7}");
        assert_eq!(visible("甲\u{202e}乙"), "甲\\u{202e}乙");
        assert!(matches!(visible("昌吉州 2025"), Cow::Borrowed(_)));
    }

    #[test]
    fn os_errors_are_explained_in_chinese() {
        let check = |code: i32, want: &str| {
            let e = io::Error::from_raw_os_error(code);
            assert_eq!(io_reason(&e), want, "os error {code}");
        };
        check(28, "磁盘空间不足");
        check(13, "没有权限");
        check(1, "没有权限");
        check(2, "找不到文件或目录");
        check(30, "文件系统是只读的");
        check(21, "这是一个目录，不是文件");
        check(20, "路径中的某一级不是目录");
        check(5, "读写出错（磁盘或网络故障）");
        let err = anyhow::Error::from(io::Error::from_raw_os_error(28)).context("无法写入 a.pdf");
        assert!(describe(&err).starts_with("无法写入 a.pdf：磁盘空间不足（"), "{}", describe(&err));
    }
}
