//! The narrative parts of the disclosure, from handlebars templates.
//!
//! The model computes and formats every figure ([`gongkai_model::figures`]); the
//! profile's templates (overridable file by file with `--templates`) arrange them into
//! sentences; [`markup`] turns the rendered lines into document blocks. Strict mode is on:
//! a template that names a missing variable fails with its name, line and column, instead
//! of printing a blank into a public budget document.

mod limits;
mod markup;
mod tokens;

use std::collections::BTreeMap;

use gongkai_model::document::{Block, Document};
use gongkai_model::facts::Facts;
use gongkai_model::figures::context;
use gongkai_model::forms::performance_forms;
use gongkai_model::profile::Profile;
use gongkai_model::table::Table;
use handlebars::{Handlebars, RenderErrorReason};

pub use limits::{MAX_EACH_DEPTH, MAX_OUTPUT};

/// Why the narrative could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// An override names a template that does not exist.
    #[error("没有名为“{name}”的模板（可覆盖的模板：{}）", .known.join("、"))]
    UnknownTemplate {
        /// The name given.
        name: String,
        /// The templates that exist.
        known: Vec<String>,
    },
    /// A template does not parse.
    #[error("模板 {template}{} 有语法错误：{message}", at(*.line, *.column))]
    Syntax {
        /// Template name.
        template: String,
        /// Line, when known.
        line: Option<usize>,
        /// Column, when known.
        column: Option<usize>,
        /// What is wrong, in Chinese.
        message: String,
    },
    /// A template does something templates may not (raw output, dynamic partials …).
    #[error("模板 {template} 不能使用：{reason}")]
    Forbidden {
        /// Template name.
        template: String,
        /// What, and what to write instead.
        reason: String,
    },
    /// Templates include each other in a circle.
    #[error("模板循环引用：{}", .cycle.join(" → "))]
    PartialCycle {
        /// The templates of the circle, the first repeated at the end.
        cycle: Vec<String>,
    },
    /// A template failed while rendering, typically naming a variable that does not exist.
    #[error("模板 {template}{} 渲染失败：{message}", at(*.line, *.column))]
    Render {
        /// Template name.
        template: String,
        /// Line, when known.
        line: Option<usize>,
        /// Column, when known.
        column: Option<usize>,
        /// What went wrong, in Chinese.
        message: String,
    },
    /// A directive line is malformed or names something that does not exist.
    #[error("模板 {template} 的指令“{line}”无效：{reason}")]
    Directive {
        /// Template name.
        template: String,
        /// The directive line.
        line: String,
        /// Why.
        reason: String,
    },
}

impl TemplateError {
    /// The template a finding is in, with its line and column when known, so that the CLI
    /// can locate it as `templates/<name>.hbs:line:column`.
    pub fn place(&self) -> Option<(&str, Option<usize>, Option<usize>)> {
        match self {
            Self::Syntax { template, line, column, .. } | Self::Render { template, line, column, .. } => {
                Some((template, *line, *column))
            }
            Self::Forbidden { template, .. } | Self::Directive { template, .. } => {
                Some((template, None, None))
            }
            Self::UnknownTemplate { .. } | Self::PartialCycle { .. } => None,
        }
    }
}

/// ` 第 L 行第 C 列` for messages, or nothing.
fn at(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" 第 {l} 行第 {c} 列"),
        (Some(l), None) => format!(" 第 {l} 行"),
        _ => String::new(),
    }
}

/// What handlebars says, in Chinese and without Rust debug text.
fn render_reason(reason: &RenderErrorReason) -> String {
    match reason {
        RenderErrorReason::MissingVariable(Some(name)) => format!("引用了不存在的数字或文字“{name}”"),
        RenderErrorReason::MissingVariable(None) => "引用了不存在的数字或文字".to_owned(),
        RenderErrorReason::PartialNotFound(name) => format!("引用了不存在的局部模板“{name}”"),
        RenderErrorReason::HelperNotFound(name) => format!("没有名为“{name}”的辅助函数"),
        RenderErrorReason::TemplateNotFound(name) => format!("没有名为“{name}”的模板"),
        RenderErrorReason::ParamNotFoundForIndex(helper, i) => format!("“{helper}”缺少第 {} 个参数", i + 1),
        RenderErrorReason::InvalidParamType(what) => format!("参数类型不对（应为{}）", type_name(what)),
        RenderErrorReason::ParamNotFoundForName(helper, name) => format!("“{helper}”缺少参数“{name}”"),
        RenderErrorReason::ParamTypeMismatchForName(helper, name, what)
        | RenderErrorReason::HashTypeMismatchForName(helper, name, what) => {
            format!("“{helper}”的参数“{name}”类型不对（应为{}）", type_name(what))
        }
        RenderErrorReason::CannotIncludeSelf => "模板不能引用自身".to_owned(),
        RenderErrorReason::PartialBlockNotFound => "没有可供 @partial-block 引用的块".to_owned(),
        RenderErrorReason::DecoratorNotFound(name) => format!("没有名为“{name}”的修饰器"),
        RenderErrorReason::InvalidLoggingLevel(level) => format!("日志级别“{level}”无效"),
        RenderErrorReason::BlockContentRequired => "这个块须有内容".to_owned(),
        RenderErrorReason::InvalidJsonPath(path) => format!("引用“{path}”的写法无效"),
        RenderErrorReason::InvalidJsonIndex(path) => format!("列表只能用数字下标引用（“{path}”）"),
        RenderErrorReason::TemplateError(e) => syntax_reason(e),
        RenderErrorReason::IOError(e, ..) if e.to_string() == limits::TOO_LONG => {
            format!("输出超过 {} MB 上限", MAX_OUTPUT / (1024 * 1024))
        }
        RenderErrorReason::IOError(..) => "写出渲染结果失败".to_owned(),
        RenderErrorReason::SerdeError(_) => "数据无法转换为模板可用的形式".to_owned(),
        RenderErrorReason::Utf8Error(_) => "渲染结果不是有效的 UTF-8 文字".to_owned(),
        RenderErrorReason::NestedError(_) => "辅助函数出错".to_owned(),
        RenderErrorReason::Other(text) => format!("辅助函数出错：{text}"),
        // The library's own words are English: a user sees a Chinese sentence only.
        _ => "无法渲染".to_owned(),
    }
}

/// A type the template library names (`String`, `Json array`, `u64` …) in Chinese.
fn type_name(what: &str) -> &'static str {
    let what = what.to_ascii_lowercase();
    if what.contains("array") || what.contains("vec") {
        "列表"
    } else if what.contains("object") || what.contains("map") {
        "对象"
    } else if what.contains("str") {
        "文字"
    } else if what.contains("bool") {
        "真假值"
    } else if what.contains("int") || what.contains("u64") || what.contains("i64") || what.contains("f64") {
        "数字"
    } else {
        "其他类型"
    }
}

/// A profile's templates, possibly with some replaced, checked and ready to render.
pub struct Templates {
    registry: Handlebars<'static>,
    parts: Vec<String>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").field("parts", &self.parts).finish_non_exhaustive()
    }
}

impl Templates {
    /// The templates of `profile`, with some replaced: `(name, text)` where name is the
    /// file stem (`part3` for `part3.hbs`). Every template is checked before use: syntax,
    /// raw output, the partials it includes (no circles), and the nesting of `#each`.
    ///
    /// # Errors
    ///
    /// An override naming no template of the profile, a template that does not parse, or
    /// one that breaks the rules of [`limits`].
    pub fn new(profile: &Profile, overrides: &[(String, String)]) -> Result<Self, TemplateError> {
        let known: Vec<String> = profile.templates.iter().map(|t| t.name.clone()).collect();
        if let Some((name, _)) = overrides.iter().find(|(n, _)| !known.contains(n)) {
            return Err(TemplateError::UnknownTemplate { name: name.clone(), known });
        }
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        // Every interpolated value becomes a token; see `tokens`.
        registry.register_escape_fn(tokens::stash);
        registry.set_prevent_indent(true);
        let mut uses = BTreeMap::new();
        for template in &profile.templates {
            let name = template.name.as_str();
            let text =
                overrides.iter().find(|(n, _)| n == name).map_or(template.text.as_str(), |(_, t)| t.as_str());
            registry.register_template_string(name, text).map_err(|e| TemplateError::Syntax {
                template: name.to_owned(),
                line: e.pos().map(|p| p.0),
                column: e.pos().map(|p| p.1),
                message: syntax_reason(&e),
            })?;
            if let Some(t) = registry.get_template(name) {
                uses.insert(name.to_owned(), limits::uses(name, t)?);
            }
        }
        limits::check_graph(&uses)?;
        if let Some(missing) = profile.document.parts.iter().find(|p| !known.contains(p)) {
            return Err(TemplateError::UnknownTemplate { name: missing.clone(), known });
        }
        Ok(Templates { registry, parts: profile.document.parts.clone() })
    }

    /// Renders one template; returns its text and the values its tokens stand for.
    /// The context is built once per document: handed a value, handlebars would convert
    /// it afresh for each template.
    fn render(&self, name: &str, data: &handlebars::Context) -> Result<(String, Vec<String>), TemplateError> {
        tokens::begin();
        let mut out = limits::Bounded::default();
        let result = self.registry.render_with_context_to_write(name, data, &mut out);
        let values = tokens::take();
        result.map_err(|e| TemplateError::Render {
            template: e.template_name.clone().unwrap_or_else(|| name.to_owned()),
            line: e.line_no,
            column: e.column_no,
            message: render_reason(e.reason()),
        })?;
        let text = String::from_utf8(out.out).map_err(|_| TemplateError::Render {
            template: name.to_owned(),
            line: None,
            column: None,
            message: "输出不是有效的文字".to_owned(),
        })?;
        Ok((text, values))
    }
}

/// A template syntax error as a Chinese sentence (the parser's English words stay out).
fn syntax_reason(e: &handlebars::TemplateError) -> String {
    use handlebars::TemplateErrorReason as R;
    match e.reason() {
        R::MismatchingClosedHelper(open, close) => format!("“{{{{#{open}}}}}”与“{{{{/{close}}}}}”不匹配"),
        R::MismatchingClosedDecorator(open, close) => format!("“{open}”与“{close}”不匹配"),
        R::InvalidSyntax(_) => "写法无效（检查 {{ }} 是否成对、块是否闭合）".to_owned(),
        R::InvalidParam(p) => format!("参数“{p}”无效"),
        R::NestedSubexpression => "不支持嵌套的子表达式".to_owned(),
        R::IoError(..) => "无法读取".to_owned(),
        // The library's own words are English: a user sees a Chinese sentence only.
        _ => "无法解析".to_owned(),
    }
}

/// Builds the complete document: the profile's front matter (cover, 目录) and its parts,
/// each rendered from its template.
///
/// # Errors
///
/// A template that fails to render or contains a bad directive.
pub fn document(
    facts: &Facts,
    profile: &Profile,
    tables: &[Table],
    templates: &Templates,
) -> Result<Document, TemplateError> {
    let data = handlebars::Context::from(context(profile, facts, tables));
    let forms = performance_forms(facts, &profile.forms);
    let title = Document::fill(&profile.document.title, facts);
    let mut blocks = Vec::new();
    if profile.document.cover {
        // A title that names the department (国家信访局2026年度部门预算) is the cover's one
        // line: the name is not printed twice.
        let org = if title.contains(facts.org()) { String::new() } else { facts.org().to_owned() };
        blocks.push(Block::Cover { org, title: title.clone() });
    }
    if profile.document.toc_levels > 0 {
        blocks.push(Block::Toc);
    }
    let mut ids = markup::Ids::default();
    for part in &templates.parts {
        let (text, values) = templates.render(part, &data)?;
        blocks.extend(markup::blocks(part, &text, &values, tables, &forms, &mut ids)?);
    }
    let mut document = Document::new(facts, &profile.id, title, blocks);
    document.meta.toc_levels = profile.document.toc_levels;
    Ok(document)
}

/// Analyses a budget and builds its document with the profile's own templates, for
/// tests, benchmarks and tools that start from a parsed budget: the whole pure pipeline in
/// one call.
///
/// # Errors
///
/// [`BuildError::Invalid`] with the findings when the budget has errors; a template error.
pub fn build(budget: &gongkai_model::input::Budget, profile: &Profile) -> Result<Document, BuildError> {
    let templates = Templates::new(profile, &[])?;
    let analysis = gongkai_model::analyse(budget, profile);
    match &analysis.facts {
        Some(facts) if !analysis.has_errors() => Ok(document(facts, profile, &analysis.tables, &templates)?),
        _ => Err(BuildError::Invalid(analysis.diagnostics)),
    }
}

/// Why [`build`] produced no document.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The budget has errors.
    #[error("预算数据有 {} 个错误", .0.iter().filter(|d| d.is_error()).count())]
    Invalid(Vec<gongkai_model::diag::Diagnostic>),
    /// A template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
}

/// The plain text of a document's narrative (headings, paragraphs, lists, forms' titles),
/// one block per line: what golden tests compare.
pub fn plain_text(document: &Document) -> String {
    let mut out = String::new();
    for b in &document.blocks {
        match b {
            Block::Heading { level, text, .. } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(text);
            }
            Block::Paragraph { text, .. } => out.push_str(text),
            Block::List { items } => {
                out.push_str(&items.iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n"))
            }
            Block::Table(t) => out.push_str(&format!("[{} {}]", t.number, t.title)),
            Block::Form { title, subtitle, .. } => out.push_str(&format!("[{title} {subtitle}]")),
            Block::Signature { org, date } => out.push_str(&format!("{org} {date}")),
            Block::Cover { org, title } => out.push_str(&format!("{org} {title}")),
            Block::Toc => out.push_str("[目录]"),
            Block::PageBreak => out.push_str("[分页]"),
        }
        out.push('\n');
    }
    out
}
