//! The subcommands.

use std::io::{self, Write as _};

use anyhow::{Context as _, Result, bail};
use gongkai_model::diag::Severity;
use gongkai_model::rules::Rule;

use crate::args::{
    Cli, Command, RenderArgs, ReportFormat, RulesArgs, SchemaArgs, TablesArgs, TablesFormat, ValidateArgs,
};
use crate::load::{Loaded, load};
use crate::messages::{self, note};
use crate::pipeline::Pipeline;
use crate::{Outcome, report, write};

pub(crate) fn dispatch(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Validate(a) => validate(&a),
        Command::Tables(a) => tables(&a),
        Command::Render(a) => render(&a),
        Command::Batch(a) => crate::batch::batch(&a),
        Command::Init(a) => crate::init::init(&a),
        Command::Convert(a) => crate::convert::convert(&a),
        Command::Diff(a) => crate::diff_cmd::diff(&a),
        Command::Schema(a) => schema(&a),
        Command::Rules(a) => rules(&a),
        Command::Check(a) => crate::check_cmd::check(&a),
        Command::Profile(c) => crate::profile_cmd::profile(&c),
    }
}

fn validate(args: &ValidateArgs) -> Result<Outcome> {
    let fonts = crate::pipeline::fonts(&args.fonts)?;
    let loaded = load(&args.input.input, args.input.profile.as_deref(), args.input.unit.as_deref(), &|c| {
        fonts.covers(c)
    })?;
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

/// The message for a `--table` no table answers to: the tables there are (by 表号, with
/// their ids and titles), and the nearest if the name looks like a slip.
fn unknown_table(want: &str, tables: &[gongkai_model::table::Table]) -> String {
    let names: Vec<&str> = tables.iter().flat_map(|t| [t.number.as_str(), t.id.as_str()]).collect();
    let listed: Vec<String> = tables
        .iter()
        .map(|t| if t.number.is_empty() { t.id.clone() } else { format!("{}（{}）", t.number, t.title) })
        .collect();
    let near = gongkai_model::suggest::closest(want, &names)
        .map(|n| format!("是不是“{}”？", messages::visible(n)))
        .unwrap_or_default();
    format!("没有名为“{}”的表。{near}可用的表：{}", messages::visible(want), listed.join("、"))
}

fn tables(args: &TablesArgs) -> Result<Outcome> {
    // The tables are text: the PDF's glyphs do not matter here.
    let loaded =
        load(&args.input.input, args.input.profile.as_deref(), args.input.unit.as_deref(), &|_| true)?;
    if refuse_on_errors(&loaded)? {
        return Ok(Outcome::InputErrors);
    }
    let selected: Vec<_> = loaded
        .tables
        .iter()
        .filter(|t| args.table.as_ref().is_none_or(|want| *want == t.id || *want == t.number))
        .collect();
    if selected.is_empty() {
        let want = args.table.as_deref().unwrap_or_default();
        bail!("{}", unknown_table(want, &loaded.tables));
    }
    let mut out = io::stdout().lock();
    match args.format {
        TablesFormat::Text => {
            for (i, t) in selected.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                // Validation refuses control characters in texts; this keeps the promise
                // that none reaches a terminal even so.
                write!(out, "{}", messages::visible_lines(&gongkai_model::text::render(t)))?;
            }
        }
        TablesFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &selected)?;
            writeln!(out)?;
        }
    }
    Ok(Outcome::Ok)
}

fn render(args: &RenderArgs) -> Result<Outcome> {
    // Parsing the built-in faces and preparing their CFF templates is a sixth of rendering
    // one document; a second core does it while this one reads the input and the profile
    // (the glyph check waits for the parsed faces, the PDF for the templates).
    let faces = std::thread::spawn(|| gongkai_pdf::FontSet::builtin().prepare());
    let fonts = crate::pipeline::fonts(&args.pdf.fonts)?;
    let loaded = load(&args.input.input, args.input.profile.as_deref(), args.input.unit.as_deref(), &|c| {
        fonts.covers(c)
    })?;
    if refuse_on_errors(&loaded)? {
        return Ok(Outcome::InputErrors);
    }
    let profile = loaded.profile.clone().context("内部错误：没有可用的表套")?;
    let pipeline = Pipeline::new(&args.format, args.templates.as_deref(), &args.pdf, fonts, profile)?;
    let stem = args.input.input.file_stem().and_then(|s| s.to_str()).unwrap_or("budget");
    // A unit's document is written beside the department's: <stem>.<unit>.<ext>.
    let stem = match &args.input.unit {
        Some(unit) => format!("{stem}.{}", unit_file_name(unit)),
        None => stem.to_owned(),
    };
    let mut read = pipeline.read_files();
    read.add(&args.input.input);
    for (path, _) in &loaded.depends {
        read.add(path);
    }
    let paths: Vec<_> = pipeline.extensions().map(|ext| args.output.join(format!("{stem}.{ext}"))).collect();
    for path in &paths {
        read.refuse_overwrite(path)?;
    }
    // Render everything first, so that a failing backend leaves no partial set of files.
    let outputs = pipeline.render(&loaded)?;
    // Done: the PDF needed what it prepared. (An early return leaves it to finish alone.)
    let _ = faces.join();
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("无法创建目录 {}", messages::path(&args.output)))?;
    let mut staged = Vec::with_capacity(outputs.len());
    for ((_, bytes, _), path) in outputs.iter().zip(&paths) {
        staged.push(write::stage(path, bytes)?);
    }
    write::commit(staged)?;
    for path in &paths {
        note!("已生成 {}", messages::path(path));
    }
    let count = |s| loaded.diagnostics.iter().filter(|d| d.severity == s).count();
    let (warnings, infos) = (count(Severity::Warning), count(Severity::Info));
    if warnings + infos > 0 {
        note!("（{warnings} 条警告，{infos} 条提示；运行 gongkai validate 查看）");
    }
    Ok(Outcome::Ok)
}

/// A unit id as part of a file name: characters a file name cannot hold become `_`.
pub(crate) fn unit_file_name(unit: &str) -> String {
    unit.trim().chars().map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_') { c } else { '_' }).collect()
}

fn schema(args: &SchemaArgs) -> Result<Outcome> {
    let profile = match args.profile.as_deref() {
        None => None,
        Some(spec) => match crate::profiles::choose(Some(spec), None, None)? {
            Some(chosen) => Some(chosen.profile),
            None => return Ok(Outcome::InputErrors),
        },
    };
    let mut out = io::stdout().lock();
    out.write_all(schema_json(profile.as_ref()).as_bytes())?;
    Ok(Outcome::Ok)
}

/// The input's JSON Schema, draft-07; with a profile, `last_year` lists the keys it
/// compares (editors then offer them), each described by what it compares.
pub(crate) fn schema_json(profile: Option<&gongkai_model::profile::Profile>) -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<gongkai_model::input::Budget>();
    let mut value = serde_json::to_value(&schema).unwrap_or_default();
    if let Some(profile) = profile
        && let Some(last) =
            value.pointer_mut("/definitions/LastYear/properties").and_then(|p| p.as_object_mut())
    {
        for k in profile.narrative.compared_keys() {
            let what = if k.group.is_empty() { k.label } else { format!("{}：{}", k.group, k.label) };
            last.insert(k.key, serde_json::json!({ "description": what, "$ref": "#/definitions/Compared" }));
        }
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
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
