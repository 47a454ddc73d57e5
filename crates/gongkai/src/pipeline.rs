//! From an analysed input to output files' bytes: the backends chosen on the command line,
//! the narrative templates, the render settings, and a fingerprint of all of them (so that
//! `batch` can tell whether earlier outputs were made with the same options).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, Result, bail};
use gongkai_model::plugin::{Backend, RenderSettings};
use sha2::{Digest, Sha256};

use crate::args::{FontArgs, PdfArgs, PdfStandardArg};
use crate::load::Loaded;
use crate::paths::ReadFiles;
use crate::profiles::Chosen;
use crate::{messages, read, registry};

/// The formats written when `--format` is not given: every published format.
pub(crate) const DEFAULT_FORMATS: &[&str] = &["xlsx", "pdf", "html"];

/// Whether one document's formats are rendered side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spread {
    /// One after another: a batch keeps every core busy with other departments.
    None,
    /// Side by side, on rayon's pool: a document rendered alone.
    Formats,
}

/// Everything needed to turn an analysed input into files.
pub(crate) struct Pipeline {
    backends: Vec<Box<dyn Backend>>,
    templates: gongkai_templates::Templates,
    /// The templates of the profile's unit variant (单位预算), when it has one.
    unit_templates: Option<gongkai_templates::Templates>,
    settings: RenderSettings,
    fingerprint: String,
    /// The template, font and profile files read, which no output may replace.
    read: Vec<PathBuf>,
    /// The profile the documents are made with.
    profile: Arc<Chosen>,
    /// The `--templates` folder and the names of the templates it overrides, so that a
    /// template error is placed in the file it came from.
    overrides: Option<(PathBuf, Vec<String>)>,
}

impl Pipeline {
    /// Resolves formats, templates, PDF fonts and the timestamp. Problems here are usage or
    /// IO errors (exit 2).
    pub(crate) fn new(
        formats: &[String],
        templates_dir: Option<&Path>,
        pdf: &PdfArgs,
        fonts: Fonts,
        profile: Arc<Chosen>,
    ) -> Result<Self> {
        let mut hash = Sha256::new();
        hash.update(env!("CARGO_PKG_VERSION"));
        // The bundle's bytes, not its name: an edited profile makes other documents.
        hash.update(profile.bundle.fingerprint_bytes());
        let mut read = profile.files.clone();
        let mut all = registry::backends(pdf_options(pdf, fonts, &mut hash, &mut read));
        let mut wanted: Vec<String> = if formats.is_empty() {
            DEFAULT_FORMATS.iter().map(|f| (*f).to_owned()).collect()
        } else {
            formats.iter().map(|f| f.trim().to_ascii_lowercase()).collect()
        };
        // `--format html,html` asks for one HTML file.
        let mut seen = std::collections::BTreeSet::new();
        wanted.retain(|f| seen.insert(f.clone()));
        let mut backends = Vec::new();
        for name in &wanted {
            let Some(i) = all.iter().position(|b| b.name() == name) else {
                let known: Vec<&str> =
                    registry::backends(gongkai_pdf::PdfOptions::default()).iter().map(|b| b.name()).collect();
                bail!("未知的输出格式“{}”（可用：{}）", messages::visible(name), known.join("、"));
            };
            hash.update(name);
            backends.push(all.remove(i));
        }
        let settings = settings()?;
        hash.update(format!("{:?}", settings.timestamp));
        let texts = templates(templates_dir, &mut hash, &mut read)?;
        let names: Vec<String> = texts.iter().map(|(n, _)| n.clone()).collect();
        let overrides = templates_dir.map(|d| (d.to_path_buf(), names));
        let compile = |p: &gongkai_model::profile::Profile| {
            gongkai_templates::Templates::new(p, &texts)
                .map_err(|e| template_findings(&e, &profile, &overrides))
        };
        let templates = compile(&profile.profile)?;
        let unit_templates = match profile.profile.unit.as_deref() {
            Some(unit) => Some(compile(unit)?),
            None => None,
        };
        let fingerprint = hex(&hash.finalize());
        Ok(Pipeline { backends, templates, unit_templates, settings, fingerprint, read, profile, overrides })
    }

    /// The extensions of the chosen formats, in the order [`Pipeline::render`] returns them.
    pub(crate) fn extensions(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.backends.iter().map(|b| b.extension())
    }

    /// The files read to build this pipeline (templates, fonts).
    pub(crate) fn read_files(&self) -> ReadFiles {
        let mut files = ReadFiles::default();
        for path in &self.read {
            files.add(path);
        }
        files
    }

    /// A hash of the tool version and every option that changes output bytes.
    pub(crate) fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Renders every chosen format: extension, bytes and [`Timing`]. Nothing is written.
    /// The formats are rendered side by side ([`Spread::Formats`]): one document alone
    /// should use every core, and the PDF is about half its work.
    pub(crate) fn render(&self, loaded: &Loaded) -> Result<Vec<Output>> {
        self.render_document(&self.document(loaded)?, Spread::Formats)
    }

    /// The document the backends render for `loaded`.
    pub(crate) fn document(&self, loaded: &Loaded) -> Result<gongkai_model::document::Document> {
        let facts = loaded.facts.as_ref().context("内部错误：没有可用的数据")?;
        // A unit's document is made with the profile's unit variant, which analysed it.
        let (profile, templates) = match (&loaded.unit, &self.profile.profile.unit, &self.unit_templates) {
            (None, _, _) => (&self.profile.profile, &self.templates),
            (Some(_), Some(unit), Some(templates)) => (&**unit, templates),
            (Some(_), _, _) => bail!("内部错误：表套没有单位预算"),
        };
        gongkai_templates::document(facts, profile, &loaded.tables, templates)
            .map_err(|e| template_findings(&e, &self.profile, &self.overrides).into())
    }

    /// Renders `document` in every chosen format, as [`Pipeline::render`], the formats one
    /// after another or side by side as `spread` says. The bytes are the same either way
    /// (no backend depends on another or on timing); with several failing formats, the
    /// error is the first one's in format order, as when rendered one after another.
    #[allow(clippy::float_arithmetic)] // Timings for the batch summary, not money.
    pub(crate) fn render_document(
        &self,
        document: &gongkai_model::document::Document,
        spread: Spread,
    ) -> Result<Vec<Output>> {
        let one = |b: &dyn Backend| -> Result<Output> {
            let start = std::time::Instant::now();
            let cpu = thread_cpu_ms();
            let bytes = b.render(document, &self.settings)?;
            let timing =
                Timing { wall_ms: start.elapsed().as_secs_f64() * 1000.0, cpu_ms: thread_cpu_ms() - cpu };
            Ok((b.extension(), bytes, timing))
        };
        let results: Vec<Result<_>> = match spread {
            Spread::None => self.backends.iter().map(|b| one(b.as_ref())).collect(),
            Spread::Formats => {
                use rayon::prelude::*;
                self.backends.par_iter().map(|b| one(b.as_ref())).collect()
            }
        };
        results.into_iter().collect()
    }
}

/// A format's extension, its bytes, and what rendering them took.
pub(crate) type Output = (&'static str, Vec<u8>, Timing);

/// What rendering one format took, in milliseconds: wall-clock time, and CPU time of the
/// thread that rendered it. The CPU time leaves out a backend's own threads (the xlsx
/// writer assembles each worksheet on one, a few percent of its work; the PDF's first
/// document of a process flattens half its glyphs on another) and is 0 off Linux; unlike
/// the wall-clock time it does not grow while the thread waits for a core, which in a
/// batch that keeps every core busy it mostly does.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Timing {
    pub(crate) wall_ms: f64,
    pub(crate) cpu_ms: f64,
}

/// CPU milliseconds the calling thread has used.
#[allow(clippy::float_arithmetic)] // Timings for the batch summary, not money.
fn thread_cpu_ms() -> f64 {
    #[cfg(target_os = "linux")]
    {
        let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
        t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1_000_000.0
    }
    #[cfg(not(target_os = "linux"))]
    0.0
}

/// Lower-case hex of a digest.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The creation timestamp: `SOURCE_DATE_EPOCH` when set, else the document's date.
fn settings() -> Result<RenderSettings> {
    let timestamp = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => Some(v.trim().parse::<i64>().with_context(|| format!("SOURCE_DATE_EPOCH“{v}”不是整数"))?),
        Err(_) => None,
    };
    Ok(RenderSettings { timestamp })
}

/// A template error as findings at the file the template came from: the `--templates`
/// folder when it overrides the template, else the profile's folder, else the built-in.
fn template_findings(
    e: &gongkai_templates::TemplateError,
    profile: &Chosen,
    overrides: &Option<(PathBuf, Vec<String>)>,
) -> crate::report::Findings {
    let file = |t: &str| -> String {
        match overrides {
            Some((d, names)) if names.iter().any(|n| n == t) => {
                messages::path(&d.join(format!("{t}.hbs"))).to_string()
            }
            _ if t.is_empty() => format!("{}/templates", profile.name),
            _ => format!("{}/templates/{t}.hbs", profile.name),
        }
    };
    let finding = crate::report::template_finding(e, &file);
    crate::report::Findings { name: profile.name.clone(), diagnostics: vec![finding] }
}

/// Reads `--templates DIR`: every `*.hbs` entry overrides the profile's template of its
/// name (returned as name and text). DIR must be a directory and each `*.hbs` entry a
/// regular file.
fn templates(
    dir: Option<&Path>,
    hash: &mut Sha256,
    read: &mut Vec<PathBuf>,
) -> Result<Vec<(String, String)>> {
    let mut overrides = Vec::new();
    if let Some(dir) = dir {
        let entries = read::dir(dir, "模板目录")?;
        for path in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "hbs")) {
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            let text = read::text(&path, read::Kind::Template)?;
            hash.update(&name);
            hash.update(&text);
            read.push(path);
            overrides.push((name, text));
        }
    }
    Ok(overrides)
}

/// Reads a font file named `path` or `path#index`.
fn font_file(spec: &str, hash: &mut Sha256, read: &mut Vec<PathBuf>) -> Result<gongkai_pdf::FontFile> {
    let (path, index) = match spec.rsplit_once('#') {
        Some((p, i)) if i.chars().all(|c| c.is_ascii_digit()) && !i.is_empty() => (p, i.parse().unwrap_or(0)),
        _ => (spec, 0),
    };
    let bytes = read::file(Path::new(path), read::Kind::Font)?;
    hash.update(&bytes);
    hash.update(index.to_string());
    read.push(PathBuf::from(path));
    let name = Path::new(path).file_name().map_or(path.to_owned(), |n| n.to_string_lossy().into_owned());
    Ok(gongkai_pdf::FontFile { name, bytes: Arc::new(bytes), index })
}

/// The PDF fonts the command line chose, read once: for the glyph check of validation
/// and for the PDF itself.
pub(crate) struct Fonts {
    /// The font set; `None` = the built-in one.
    set: Option<gongkai_pdf::FontSet>,
    /// A digest of the files and their roles, for the fingerprint.
    digest: Vec<u8>,
    /// The font files read, which no output may replace.
    read: Vec<PathBuf>,
}

impl Fonts {
    /// Whether the PDF can draw `c` (validation's glyph check, the same logic render uses).
    pub(crate) fn covers(&self, c: char) -> bool {
        self.set.as_ref().unwrap_or_else(|| gongkai_pdf::FontSet::builtin()).covers(c)
    }

    /// The font set, for checks that outlive this value (the set shares its faces).
    pub(crate) fn coverage(&self) -> gongkai_pdf::FontSet {
        self.set.clone().unwrap_or_else(|| gongkai_pdf::FontSet::builtin().clone())
    }
}

/// Reads and parses the font files the command line names.
pub(crate) fn fonts(args: &FontArgs) -> Result<Fonts> {
    let mut hash = Sha256::new();
    let mut read = Vec::new();
    // The role is part of the fingerprint: the same file as body or as heading font makes
    // different PDFs.
    let mut file = |role: &str, f: &Option<String>| {
        hash.update(role);
        f.as_deref().map(|s| font_file(s, &mut hash, &mut read)).transpose()
    };
    let choice = gongkai_pdf::FontChoice {
        body: file("body", &args.font_body)?,
        bold: file("bold", &args.font_bold)?,
        heading: file("heading", &args.font_heading)?,
        title: file("title", &args.font_title)?,
        fallback: file("fallback", &args.pdf_font_fallback)?,
    };
    let custom = choice.body.is_some()
        || choice.bold.is_some()
        || choice.heading.is_some()
        || choice.title.is_some()
        || choice.fallback.is_some();
    let set = if custom { Some(gongkai_pdf::FontSet::with_choice(&choice)?) } else { None };
    Ok(Fonts { set, digest: hash.finalize().to_vec(), read })
}

/// PDF options from the command line, with the fonts already read.
fn pdf_options(
    args: &PdfArgs,
    fonts: Fonts,
    hash: &mut Sha256,
    read: &mut Vec<PathBuf>,
) -> gongkai_pdf::PdfOptions {
    hash.update(&fonts.digest);
    read.extend(fonts.read);
    hash.update(format!("{:?} {}", args.pdf_standard, args.pdf_tagged));
    gongkai_pdf::PdfOptions {
        timestamp: None,
        standard: match args.pdf_standard {
            PdfStandardArg::Pdf17 => gongkai_pdf::PdfStandard::Pdf17,
            PdfStandardArg::A2b => gongkai_pdf::PdfStandard::A2b,
        },
        fonts: fonts.set,
        tagged: args.pdf_tagged,
    }
}
