//! The narrative parts of the disclosure, from handlebars templates.
//!
//! The model computes and formats every figure ([`gongkai_model::narrative`]); the
//! templates under `templates/` (compiled in, overridable file by file) arrange them into
//! sentences; [`markup`] turns the rendered lines into document blocks. Strict mode is on:
//! a template that names a missing variable fails with its name, line and column, instead
//! of printing a blank into a public budget document.

mod markup;

use gongkai_model::document::{Block, Document};
use gongkai_model::facts::Facts;
use gongkai_model::forms::performance_forms;
use gongkai_model::narrative::narrative;
use gongkai_model::table::Table;
use handlebars::Handlebars;

/// The built-in templates: name (file stem) and text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("change", include_str!("../../../templates/change.hbs")),
    ("part1", include_str!("../../../templates/part1.hbs")),
    ("part2", include_str!("../../../templates/part2.hbs")),
    ("part3", include_str!("../../../templates/part3.hbs")),
    ("part4", include_str!("../../../templates/part4.hbs")),
    ("closing", include_str!("../../../templates/closing.hbs")),
];

/// The templates rendered, in document order (`change` is a partial).
const PARTS: &[&str] = &["part1", "part2", "part3", "part4", "closing"];

/// Why the narrative could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// An override names a template that does not exist.
    #[error("没有名为“{0}”的模板（可覆盖的模板：change、part1、part2、part3、part4、closing）")]
    UnknownTemplate(String),
    /// A template does not parse.
    #[error("模板 {template} 有语法错误：{message}")]
    Syntax {
        /// Template name.
        template: String,
        /// What the parser said.
        message: String,
    },
    /// A template failed while rendering, typically naming a variable that does not exist.
    #[error("模板 {template}{at}渲染失败：{message}")]
    Render {
        /// Template name.
        template: String,
        /// ` 第 L 行第 C 列` when known.
        at: String,
        /// What went wrong.
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

/// A set of templates: the built-in ones, possibly with overrides.
pub struct Templates {
    registry: Handlebars<'static>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").finish_non_exhaustive()
    }
}

impl Templates {
    /// The built-in templates.
    ///
    /// # Errors
    ///
    /// Only if a built-in template does not parse, which a test rules out.
    pub fn builtin() -> Result<Self, TemplateError> {
        Self::with_overrides(&[])
    }

    /// The built-in templates, with some replaced: `(name, text)` where name is the file
    /// stem (`part3` for `part3.hbs`).
    ///
    /// # Errors
    ///
    /// An unknown template name, or a template that does not parse.
    pub fn with_overrides(overrides: &[(String, String)]) -> Result<Self, TemplateError> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        // The output is text for the document model, not HTML: backends escape.
        registry.register_escape_fn(handlebars::no_escape);
        registry.set_prevent_indent(true);
        for (name, text) in BUILTIN {
            let text = overrides.iter().find(|(n, _)| n == name).map_or(*text, |(_, t)| t.as_str());
            registry.register_template_string(name, text).map_err(|e| TemplateError::Syntax {
                template: (*name).to_owned(),
                message: e.to_string(),
            })?;
        }
        if let Some((name, _)) = overrides.iter().find(|(n, _)| !BUILTIN.iter().any(|(b, _)| b == n)) {
            return Err(TemplateError::UnknownTemplate(name.clone()));
        }
        Ok(Templates { registry })
    }

    fn render(&self, name: &str, data: &serde_json::Value) -> Result<String, TemplateError> {
        self.registry.render(name, data).map_err(|e| TemplateError::Render {
            template: e.template_name.clone().unwrap_or_else(|| name.to_owned()),
            at: match (e.line_no, e.column_no) {
                (Some(l), Some(c)) => format!(" 第 {l} 行第 {c} 列"),
                _ => String::new(),
            },
            message: e.reason().to_string(),
        })
    }
}

/// Builds the complete document: cover, contents, the four parts and the date line.
///
/// # Errors
///
/// A template that fails to render or contains a bad directive.
pub fn document(
    facts: &Facts,
    profile: &str,
    tables: &[Table],
    templates: &Templates,
) -> Result<Document, TemplateError> {
    let view = narrative(facts, tables);
    let data = serde_json::to_value(&view).map_err(|e| TemplateError::Render {
        template: "narrative".into(),
        at: String::new(),
        message: e.to_string(),
    })?;
    let forms = performance_forms(facts);
    let mut blocks = Document::front_matter(facts);
    let mut ids = markup::Ids::default();
    for part in PARTS {
        let text = templates.render(part, &data)?;
        blocks.extend(markup::blocks(part, &text, tables, &forms, &mut ids)?);
    }
    Ok(Document::new(facts, profile, blocks))
}

/// Analyses a budget and builds its document, for tests, benchmarks and tools that start
/// from a parsed budget: the whole pure pipeline in one call.
///
/// # Errors
///
/// [`BuildError::Invalid`] with the findings when the budget has errors; a template error.
pub fn build(
    budget: &gongkai_model::input::Budget,
    profile: &gongkai_model::profile::Profile,
    templates: &Templates,
) -> Result<Document, BuildError> {
    let analysis = gongkai_model::analyse(budget, profile);
    match &analysis.facts {
        Some(facts) if !analysis.has_errors() => {
            Ok(document(facts, &profile.name, &analysis.tables, templates)?)
        }
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
            Block::Paragraph { text } => out.push_str(text),
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
