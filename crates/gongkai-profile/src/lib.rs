//! Profile bundles: a region's disclosure format as a folder of files a user can write.
//!
//! ```text
//! profile.yaml     id, title, document outline, regional rules, source groups, table defaults
//! tables.yaml      the tables, in print order
//! checks.yaml      identities and agreements between tables
//! narrative.yaml   the figures the narrative states, and which are compared with last year
//! forms.yaml       the performance-target forms (绩效目标表)
//! templates/*.hbs  the narrative templates (parts and partials)
//! ```
//!
//! [`read`] parses every file with the YAML reader (all structural findings at once),
//! resolves the files into the model's [`Profile`] (every reference checked, rule family
//! E6xx) and locates each finding as `file:line:column`. A [`Bundle`] is bytes in memory:
//! this crate does no IO; the CLI reads a user's folder, and the built-in bundles
//! (`profiles/<id>/` at the workspace root) are compiled in.
//!
//! The docs for bundle authors are `docs/profiles.md`; the bundle's JSON Schema is
//! [`schema`].

mod file;
mod forms;
mod kinds;
mod narrative;
mod resolve;

use std::collections::BTreeMap;

use gongkai_model::diag::{Diagnostic, Location, Path, SourceMap as _, locate_all, sort_by_place};
use gongkai_model::profile::{Profile, Template};
use gongkai_model::rules::Rule;
use gongkai_yaml::{Reader, YamlSourceMap};

pub use file::{ChecksFile, NarrativeFile, ProfileFile, TableFile};
pub use forms::FormsFile;

/// The files of a built-in bundle: (path in the bundle, bytes).
type Files = &'static [(&'static str, &'static [u8])];

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// A bundle's files: path in the bundle (`tables.yaml`, `templates/part1.hbs`) → bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    /// The files, in path order.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Bundle {
    /// Every byte of the bundle in path order, for fingerprints: an edited profile is a
    /// different profile, whatever its name.
    pub fn fingerprint_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for (path, bytes) in &self.files {
            out.extend_from_slice(path.as_bytes());
            out.push(0);
            out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            out.extend_from_slice(bytes);
        }
        out
    }
}

/// The ids of the built-in profiles.
pub fn builtin_ids() -> Vec<&'static str> {
    BUILTIN.iter().map(|(id, _)| *id).collect()
}

/// A built-in profile's bundle.
pub fn builtin_bundle(id: &str) -> Option<Bundle> {
    let (_, files) = BUILTIN.iter().find(|(b, _)| *b == id)?;
    Some(Bundle { files: files.iter().map(|(p, b)| ((*p).to_owned(), b.to_vec())).collect() })
}

/// A built-in profile, read. The built-ins are checked by tests, so this fails only for an
/// unknown id.
pub fn builtin(id: &str) -> Option<Profile> {
    read(&builtin_bundle(id)?, &format!("profiles/{id}")).ok()
}

/// The files every bundle has.
const REQUIRED: &[&str] = &[resolve::PROFILE, resolve::TABLES];

/// Reads a bundle into a profile. `name` is how locations name the bundle's folder
/// (`profiles/<id>`, or the user's path).
///
/// # Errors
///
/// Every finding, located as `name/file:line:column`, when any is an error.
pub fn read(bundle: &Bundle, name: &str) -> Result<Profile, Vec<Diagnostic>> {
    let label = |file: &str| format!("{name}/{file}");
    let mut diagnostics = Vec::new();
    let mut maps: BTreeMap<&str, YamlSourceMap> = BTreeMap::new();
    for required in REQUIRED {
        if !bundle.files.contains_key(*required) {
            diagnostics.push(
                Diagnostic::new(Rule::ProfileMissingFile, format!("表套缺少文件 {required}"))
                    .located(Location::File { file: label(required) }),
            );
        }
    }
    let file = |name: &str| bundle.files.get(name);
    let profile_file = file(resolve::PROFILE).and_then(|b| {
        read_one::<ProfileFile>(b, &label(resolve::PROFILE), &mut diagnostics, &mut maps, resolve::PROFILE)
    });
    let tables = file(resolve::TABLES).and_then(|b| {
        read_one::<Vec<TableFile>>(b, &label(resolve::TABLES), &mut diagnostics, &mut maps, resolve::TABLES)
    });
    let checks = match file(resolve::CHECKS) {
        Some(b) => {
            read_one::<ChecksFile>(b, &label(resolve::CHECKS), &mut diagnostics, &mut maps, resolve::CHECKS)
        }
        None => Some(ChecksFile::default()),
    };
    let narrative_file = match file(narrative::NARRATIVE) {
        Some(b) => read_one::<NarrativeFile>(
            b,
            &label(narrative::NARRATIVE),
            &mut diagnostics,
            &mut maps,
            narrative::NARRATIVE,
        ),
        None => Some(NarrativeFile::default()),
    };
    let forms_file = match file(forms::FORMS) {
        Some(b) => read_one::<FormsFile>(b, &label(forms::FORMS), &mut diagnostics, &mut maps, forms::FORMS),
        None => Some(FormsFile::default()),
    };
    let mut templates = Vec::new();
    for (path, bytes) in &bundle.files {
        if let Some(stem) = path.strip_prefix("templates/").and_then(|p| p.strip_suffix(".hbs")) {
            match String::from_utf8(bytes.clone()) {
                Ok(text) => templates.push(Template { name: stem.to_owned(), text }),
                Err(_) => diagnostics.push(
                    Diagnostic::new(Rule::ProfileTemplate, "模板文件不是 UTF-8 编码")
                        .located(Location::File { file: label(path) }),
                ),
            }
        }
    }
    let (Some(profile), Some(tables), Some(checks), Some(narrative), Some(forms)) =
        (profile_file, tables, checks, narrative_file, forms_file)
    else {
        sort_by_place(&mut diagnostics);
        return Err(diagnostics);
    };
    let mut findings = resolve::Findings::default();
    let files = resolve::Files { profile, tables, checks, narrative, forms, templates };
    let unit_files = kinds::unit(&files, &mut findings);
    let mut resolved = resolve::resolve(kinds::department(files, &mut findings), &mut findings);
    if let Some(files) = unit_files {
        // The unit's document is resolved on its own; what it shares with the department's
        // is reported once.
        let words = files.profile.kinds.unit.as_ref().map(|k| k.words.clone()).unwrap_or_default();
        let mut own = resolve::Findings::default();
        let mut unit = resolve::resolve(files, &mut own);
        unit.words = words;
        for (file, d) in own.0 {
            if !findings.0.iter().any(|(f, e)| *f == file && e.message == d.message && e.path == d.path) {
                findings.0.push((file, d));
            }
        }
        resolved.unit = Some(Box::new(unit));
    }
    for (file, mut d) in findings.0 {
        let path = d.path.clone().unwrap_or_else(Path::root);
        d.location = match maps.get(file.as_str()) {
            Some(map) => map.locate(&path),
            None => Some(Location::File { file: label(&file) }),
        };
        diagnostics.push(d);
    }
    if gongkai_model::diag::has_errors(&diagnostics) {
        sort_by_place(&mut diagnostics);
        return Err(diagnostics);
    }
    Ok(resolved)
}

/// Reads one YAML file of the bundle; `None` when it cannot be used (its findings are in
/// `diags`).
fn read_one<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
    bytes: &[u8],
    file: &str,
    diags: &mut Vec<Diagnostic>,
    maps: &mut BTreeMap<&'static str, YamlSourceMap>,
    key: &'static str,
) -> Option<T> {
    match Reader::<T>::new().read(bytes, file) {
        Ok(parsed) => {
            let mut found = parsed.diagnostics;
            locate_all(&mut found, &parsed.source_map);
            let ok = !gongkai_model::diag::has_errors(&found);
            diags.extend(found);
            maps.insert(key, parsed.source_map);
            ok.then_some(parsed.value)
        }
        Err(found) => {
            diags.extend(found);
            None
        }
    }
}

/// The JSON Schemas (draft-07) of a bundle's YAML files, by file name.
pub fn schema() -> BTreeMap<&'static str, String> {
    fn one<T: schemars::JsonSchema>() -> String {
        let schema =
            schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
        let mut text = serde_json::to_string_pretty(schema.as_value()).unwrap_or_default();
        text.push('\n');
        text
    }
    BTreeMap::from([
        (resolve::PROFILE, one::<ProfileFile>()),
        (resolve::TABLES, one::<Vec<TableFile>>()),
        (resolve::CHECKS, one::<ChecksFile>()),
        (narrative::NARRATIVE, one::<NarrativeFile>()),
        (forms::FORMS, one::<FormsFile>()),
    ])
}
