//! The subcommands.

use std::io::{self, Write as _};

use anyhow::{Context as _, Result, bail};
use gongkai_model::diag::Severity;
use gongkai_model::plugin::RenderSettings;
use gongkai_model::rules::Rule;

use crate::args::{
    Cli, Command, PdfArgs, PdfStandardArg, RenderArgs, ReportFormat, RulesArgs, TablesArgs, TablesFormat,
    ValidateArgs,
};
use crate::load::{Loaded, load};
use crate::{Outcome, registry, report, write};

pub(crate) fn dispatch(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Validate(a) => validate(&a),
        Command::Tables(a) => tables(&a),
        Command::Render(a) => render(&a),
        Command::Schema => schema(),
        Command::Rules(a) => rules(&a),
    }
}

fn validate(args: &ValidateArgs) -> Result<Outcome> {
    let loaded = load(&args.input.input, &args.input.profile)?;
    let mut out = io::stdout().lock();
    match args.format {
        ReportFormat::Human => report::human(&mut out, &loaded.file, &loaded.diagnostics)?,
        ReportFormat::Json => report::json(&mut out, &loaded.file, &loaded.diagnostics)?,
    }
    Ok(outcome(&loaded))
}

fn outcome(loaded: &Loaded) -> Outcome {
    if loaded.has_errors() { Outcome::InputErrors } else { Outcome::Ok }
}

/// Prints the findings to stderr when the input has errors, and says whether it does.
fn refuse_on_errors(loaded: &Loaded) -> Result<bool> {
    if loaded.has_errors() {
        report::human(&mut io::stderr().lock(), &loaded.file, &loaded.diagnostics)?;
        return Ok(true);
    }
    Ok(false)
}

fn tables(args: &TablesArgs) -> Result<Outcome> {
    let loaded = load(&args.input.input, &args.input.profile)?;
    if refuse_on_errors(&loaded)? {
        return Ok(Outcome::InputErrors);
    }
    let selected: Vec<_> = loaded
        .tables
        .iter()
        .filter(|t| args.table.as_ref().is_none_or(|want| *want == t.id || *want == t.number))
        .collect();
    if selected.is_empty() {
        bail!("没有名为“{}”的表", args.table.as_deref().unwrap_or_default());
    }
    let mut out = io::stdout().lock();
    match args.format {
        TablesFormat::Text => {
            for (i, t) in selected.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                write!(out, "{}", gongkai_model::text::render(t))?;
            }
        }
        TablesFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &selected)?;
            writeln!(out)?;
        }
    }
    Ok(Outcome::Ok)
}

/// The creation timestamp: `SOURCE_DATE_EPOCH` when set, else the document's date.
fn settings() -> Result<RenderSettings> {
    let timestamp = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => Some(v.trim().parse::<i64>().with_context(|| format!("SOURCE_DATE_EPOCH“{v}”不是整数"))?),
        Err(_) => None,
    };
    Ok(RenderSettings { timestamp })
}

/// The formats written when `--format` is not given: every published format.
const DEFAULT_FORMATS: &[&str] = &["xlsx", "pdf", "html"];

/// Reads `--templates DIR`: every `*.hbs` file overrides the built-in template of its name.
fn templates(dir: Option<&std::path::Path>) -> Result<gongkai_templates::Templates> {
    let mut overrides = Vec::new();
    if let Some(dir) = dir {
        let entries =
            std::fs::read_dir(dir).with_context(|| format!("无法读取模板目录 {}", dir.display()))?;
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "hbs")) {
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            let text =
                std::fs::read_to_string(&path).with_context(|| format!("无法读取 {}", path.display()))?;
            overrides.push((name, text));
        }
    }
    Ok(gongkai_templates::Templates::with_overrides(&overrides)?)
}

/// Reads a font file named `path` or `path#index`.
fn font_file(spec: &str) -> Result<gongkai_pdf::FontFile> {
    let (path, index) = match spec.rsplit_once('#') {
        Some((p, i)) if i.chars().all(|c| c.is_ascii_digit()) && !i.is_empty() => (p, i.parse().unwrap_or(0)),
        _ => (spec, 0),
    };
    let bytes = std::fs::read(path).with_context(|| format!("无法读取字体文件 {path}"))?;
    let name =
        std::path::Path::new(path).file_name().map_or(path.to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(gongkai_pdf::FontFile { name, bytes: std::sync::Arc::new(bytes), index })
}

/// PDF options from the command line; fonts are read and parsed here, once.
fn pdf_options(args: &PdfArgs) -> Result<gongkai_pdf::PdfOptions> {
    let file = |f: &Option<String>| f.as_deref().map(font_file).transpose();
    let choice = gongkai_pdf::FontChoice {
        body: file(&args.font_body)?,
        bold: file(&args.font_bold)?,
        heading: file(&args.font_heading)?,
        title: file(&args.font_title)?,
        fallback: file(&args.pdf_font_fallback)?,
    };
    let custom = choice.body.is_some()
        || choice.bold.is_some()
        || choice.heading.is_some()
        || choice.title.is_some()
        || choice.fallback.is_some();
    Ok(gongkai_pdf::PdfOptions {
        timestamp: None,
        standard: match args.pdf_standard {
            PdfStandardArg::Pdf17 => gongkai_pdf::PdfStandard::Pdf17,
            PdfStandardArg::A2b => gongkai_pdf::PdfStandard::A2b,
        },
        fonts: if custom { Some(gongkai_pdf::FontSet::with_choice(&choice)?) } else { None },
    })
}

fn render(args: &RenderArgs) -> Result<Outcome> {
    let backends = registry::backends(pdf_options(&args.pdf)?);
    let wanted: Vec<String> = if args.format.is_empty() {
        DEFAULT_FORMATS
            .iter()
            .filter(|f| backends.iter().any(|b| b.name() == **f))
            .map(|f| (*f).to_owned())
            .collect()
    } else {
        args.format.clone()
    };
    let mut chosen = Vec::new();
    for name in &wanted {
        let name = name.trim().to_ascii_lowercase();
        match backends.iter().find(|b| b.name() == name) {
            Some(b) => chosen.push(b),
            None => {
                let known: Vec<&str> = backends.iter().map(|b| b.name()).collect();
                bail!("未知的输出格式“{name}”（可用：{}）", known.join("、"));
            }
        }
    }
    let settings = settings()?;
    let templates = templates(args.templates.as_deref())?;
    let loaded = load(&args.input.input, &args.input.profile)?;
    if refuse_on_errors(&loaded)? {
        return Ok(Outcome::InputErrors);
    }
    let facts = loaded.facts.as_ref().context("内部错误：没有可用的数据")?;
    let document = gongkai_templates::document(facts, &loaded.profile.name, &loaded.tables, &templates)?;
    let stem = args.input.input.file_stem().and_then(|s| s.to_str()).unwrap_or("budget");
    // Render everything first, so that a failing backend leaves no partial set of files.
    let mut outputs = Vec::new();
    for b in chosen {
        let bytes = b.render(&document, &settings)?;
        outputs.push((args.output.join(format!("{stem}.{}", b.extension())), bytes));
    }
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("无法创建目录 {}", args.output.display()))?;
    for (path, bytes) in &outputs {
        write::atomic(path, bytes)?;
        eprintln!("已生成 {}", path.display());
    }
    let count = |s| loaded.diagnostics.iter().filter(|d| d.severity == s).count();
    let (warnings, infos) = (count(Severity::Warning), count(Severity::Info));
    if warnings + infos > 0 {
        eprintln!("（{warnings} 条警告，{infos} 条提示；运行 gongkai validate 查看）");
    }
    Ok(Outcome::Ok)
}

fn schema() -> Result<Outcome> {
    let mut out = io::stdout().lock();
    out.write_all(schema_json().as_bytes())?;
    Ok(Outcome::Ok)
}

/// The input's JSON Schema, draft-07.
pub(crate) fn schema_json() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<gongkai_model::input::Budget>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

fn rules(args: &RulesArgs) -> Result<Outcome> {
    let mut out = io::stdout().lock();
    match args.format {
        ReportFormat::Human => {
            for r in Rule::ALL {
                writeln!(out, "{}  {:<8} {:<24} {}", r.id(), r.severity().label(), r.slug(), r.title())?;
            }
        }
        ReportFormat::Json => {
            let all: Vec<_> = Rule::ALL.iter().map(|r| r.info()).collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
    }
    Ok(Outcome::Ok)
}
