//! The command line in Chinese: `--help` with Chinese headings, and every kind of usage
//! error clap can find worded as a Chinese sentence (exit 2).
//!
//! clap writes a few words of its help itself (`Usage:`, `Options:`, `[default: …]`);
//! [`translate`] replaces exactly those. Its error texts are not used at all: the message
//! is rebuilt here from the error's kind and context.

use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::args::Cli;
use crate::messages::visible;

/// The words clap writes into help and usage texts itself, and ours for them.
const CLAP_WORDS: &[(&str, &str)] = &[
    ("Usage: ", "用法："),
    ("Commands:", "命令："),
    ("Arguments:", "参数："),
    ("Options:", "选项："),
    ("[OPTIONS]", "[选项]"),
    ("Possible values:", "可选值："),
    ("[possible values: ", "[可选："),
    ("[default: ", "[默认："),
    ("[aliases: ", "[别名："),
    ("[short aliases: ", "[短别名："),
];

/// A help or usage text of clap with its own words in Chinese.
pub(crate) fn translate(text: &str) -> String {
    CLAP_WORDS.iter().fold(text.to_owned(), |t, (en, zh)| t.replace(en, zh))
}

/// `gongkai help [命令]` is `gongkai [命令] --help`: clap's help subcommand, which
/// describes itself in English, is disabled.
fn rewrite_help(mut args: Vec<OsString>) -> Vec<OsString> {
    if args.get(1).is_some_and(|a| a == "help") {
        args.remove(1);
        args.push("--help".into());
    }
    args
}

/// Parses the command line; on `--help`, `--version` or a usage error, prints and returns
/// the exit code.
pub(crate) fn parse() -> Result<Cli, ExitCode> {
    let args = rewrite_help(std::env::args_os().collect());
    let subcommand = args.get(1).and_then(|a| a.to_str()).map(str::to_owned);
    Cli::try_parse_from(args).map_err(|e| report(&e, subcommand.as_deref()))
}

fn report(e: &clap::Error, subcommand: Option<&str>) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut text = translate(&e.render().to_string());
            if !text.ends_with('\n') {
                text.push('\n');
            }
            let _ = std::io::stdout().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = std::io::stderr().write_all(translate(&e.render().to_string()).as_bytes());
            ExitCode::from(2)
        }
        _ => {
            let mut text = format!("gongkai：用法错误：{}", message(e));
            if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
                let _ = write!(text, "\n\n{}", translate(&usage.to_string()));
            }
            let known = |s: &&str| Cli::command_names().iter().any(|n| n == s);
            match subcommand.filter(known) {
                Some(sub) => {
                    let _ = write!(text, "\n\n运行 gongkai {sub} --help 查看全部选项。");
                }
                None => text.push_str("\n\n运行 gongkai --help 查看全部命令。"),
            }
            let _ = writeln!(std::io::stderr(), "{}", crate::messages::visible_lines(&text));
            ExitCode::from(2)
        }
    }
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(visible(s).into_owned()),
        ContextValue::Strings(v) => {
            Some(v.iter().map(|s| visible(s).into_owned()).collect::<Vec<_>>().join("、"))
        }
        ContextValue::StyledStr(s) => Some(visible(&s.to_string()).into_owned()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The Chinese sentence for a clap error.
fn message(e: &clap::Error) -> String {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("选项 {arg} 需要一个值"),
        ErrorKind::InvalidValue => format!("选项 {arg} 的值“{value}”无效"),
        ErrorKind::UnknownArgument => format!("无法识别的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有“{sub}”这个命令（可用：{}）", Cli::command_names().join("、"))
        }
        ErrorKind::NoEquals => format!("选项 {arg} 的值要用等号连接，如 {arg}=值"),
        ErrorKind::ValueValidation => {
            let mut t = format!("选项 {arg} 的值“{value}”无效");
            if let Some(source) = std::error::Error::source(e) {
                // The parser's own reason, in English, after ours.
                let _ = write!(t, "（{}）", visible(&source.to_string()));
            }
            t
        }
        ErrorKind::TooManyValues => format!("选项 {arg} 多给了值“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!("选项 {arg} 的值的个数不对"),
        ErrorKind::ArgumentConflict => match string(e, ContextKind::PriorArg) {
            Some(prior) if prior == arg => format!("选项 {arg} 只能给一次"),
            Some(prior) => format!("{arg} 不能与 {prior} 同时使用"),
            None => format!("{arg} 不能与其他参数同时使用"),
        },
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数：{arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_owned(),
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文本".to_owned(),
        _ => "命令行参数有误".to_owned(),
    };
    let suggestion = string(e, ContextKind::SuggestedSubcommand)
        .or_else(|| string(e, ContextKind::SuggestedArg))
        .or_else(|| string(e, ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        let _ = write!(text, "；是否应为“{s}”？");
    }
    if matches!(e.kind(), ErrorKind::InvalidValue)
        && let Some(valid) = string(e, ContextKind::ValidValue)
    {
        let _ = write!(text, "（可选：{valid}）");
    }
    if matches!(e.kind(), ErrorKind::UnknownArgument) && arg.starts_with('-') {
        let _ = write!(text, "；若这是一个以 - 开头的文件名，请写在 -- 之后");
    }
    text
}

impl Cli {
    /// The subcommands' names, in the order of `--help`.
    fn command_names() -> Vec<String> {
        use clap::CommandFactory as _;
        Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str]) -> String {
        let e = Cli::try_parse_from(args).unwrap_err();
        message(&e)
    }

    #[test]
    fn errors_are_chinese_sentences() {
        assert_eq!(
            error(&["gongkai", "frob"]),
            "没有“frob”这个命令（可用：validate、tables、render、batch、init、diff、convert、schema、rules、check、profile）"
        );
        assert!(error(&["gongkai", "rendr"]).contains("是否应为“render”？"));
        assert!(error(&["gongkai", "validate"]).starts_with("缺少必需的参数：<输入文件>"));
        assert!(error(&["gongkai", "validate", "x", "--format", "foo"]).contains("（可选：human、json）"));
        assert!(
            error(&["gongkai", "init", "--year", "abc", "a.yaml"])
                .starts_with("选项 --year <年度> 的值“abc”无效（")
        );
        assert!(error(&["gongkai", "init", "a.yaml", "-o", "b.yaml"]).contains("不能与"));
        assert!(error(&["gongkai", "validate", "x", "--nope"]).starts_with("无法识别的参数“--nope”"));
    }
}
