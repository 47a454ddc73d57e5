//! YAML input for gongkai.
//!
//! A budget YAML is read in three steps, so that every problem is reported at once and
//! with its place:
//!
//! 1. [`tree`]: the text to a tree of nodes with their positions (granit-parser, the
//!    parser of serde-saphyr). Only a text that is not YAML at all stops here. Duplicate
//!    keys are errors, never last-wins: a YAML reader that keeps the last of two
//!    `amount:` keys silently loses money.
//! 2. [`shape`]: the tree checked against the input's JSON Schema — unknown or misspelt
//!    fields, missing fields, values of the wrong kind — every finding, each located; the
//!    value is repaired so that the model's own checks still run.
//! 3. serde: the repaired value to [`Budget`], which then cannot fail.
//!
//! Scalars keep their text exactly (`120.00`, `0.1`): amounts never pass through a
//! binary float. [`YamlSourceMap`] maps input paths back to `file:line:column`.

mod errors;
mod shape;
pub mod source_map;
mod tree;

use gongkai_model::diag::{Diagnostic, Location, Path};
use gongkai_model::input::Budget;
use gongkai_model::plugin::{InputFormat, Loaded};

pub use source_map::YamlSourceMap;

/// Largest input accepted, in bytes. A department's budget is tens of kilobytes; anything
/// near this limit is a wrong file.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// The YAML input format.
#[derive(Debug, Clone, Copy, Default)]
pub struct YamlFormat;

impl InputFormat for YamlFormat {
    fn name(&self) -> &'static str {
        "yaml"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["yaml", "yml"]
    }

    fn read(&self, bytes: &[u8], file: &str) -> Result<Loaded, Vec<Diagnostic>> {
        let parsed = parse(bytes, file)?;
        Ok(Loaded {
            budget: parsed.value,
            source_map: Box::new(parsed.source_map),
            diagnostics: parsed.diagnostics,
            repaired: parsed.repaired,
        })
    }

    fn department_name(&self, bytes: &[u8]) -> Option<String> {
        source_map::department_name(std::str::from_utf8(bytes).ok()?)
    }
}

/// A value read from YAML: a budget (by default), or any type a [`Reader`] reads.
#[derive(Debug)]
pub struct Parsed<T = Budget> {
    /// The value; where the text had structural problems, with those parts left out or
    /// filled with defaults.
    pub value: T,
    /// Positions of the text's nodes.
    pub source_map: YamlSourceMap,
    /// The structural findings (unknown, missing, mistyped and duplicate fields), located.
    /// Any error among them means the value must not be used for output.
    pub diagnostics: Vec<Diagnostic>,
    /// Places filled in with a default because of a structural error: later findings
    /// about them repeat that error and can be left out.
    pub repaired: Vec<Path>,
}

/// Parses a budget YAML. `file` is the name printed in locations.
///
/// # Errors
///
/// Only a text that cannot be read as YAML at all (not UTF-8, too large, a syntax error,
/// empty, several documents, an alias bomb): its located diagnostic.
pub fn parse(bytes: &[u8], file: &str) -> Result<Parsed, Vec<Diagnostic>> {
    read_as(bytes, file, shape::budget())
}

fn read_as<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    file: &str,
    shape: &shape::Shape,
) -> Result<Parsed<T>, Vec<Diagnostic>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![errors::too_large(file, bytes.len())]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t),
        Err(e) => return Err(vec![errors::not_utf8(file, bytes, e)]),
    };
    let doc = tree::parse(text).map_err(|e| vec![errors::unreadable(file, &e)])?;
    let conformed = shape::conform(&doc.root, shape, file);
    let source_map = YamlSourceMap::from_tree(file, doc.root);
    let mut diagnostics: Vec<Diagnostic> = doc
        .findings
        .into_iter()
        .map(|(d, (line, column))| d.located(Location::Text { file: file.to_owned(), line, column }))
        .collect();
    diagnostics.extend(conformed.findings);
    gongkai_model::diag::locate_all(&mut diagnostics, &source_map);
    let value: T = serde_json::from_value(conformed.value).map_err(|e| {
        // The value was conformed to the schema of these very types; failing here is a
        // bug in the reader, still reported rather than a panic.
        vec![errors::internal(file, &e.to_string())]
    })?;
    Ok(Parsed { value, source_map, diagnostics, repaired: conformed.repaired })
}

/// A reader of YAML files of one type `T`, checked against `T`'s JSON Schema the way
/// budgets are: every structural finding at once, located, with the value repaired so that
/// later checks still run. Profile bundles are read with it.
pub struct Reader<T> {
    shape: shape::Shape,
    _type: std::marker::PhantomData<fn() -> T>,
}

impl<T: serde::de::DeserializeOwned + schemars::JsonSchema> Reader<T> {
    /// A reader for `T`; build it once and reuse it.
    pub fn new() -> Self {
        let schema =
            schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
        let schema = serde_json::to_value(schema).unwrap_or_default();
        Reader { shape: shape::of_schema(&schema), _type: std::marker::PhantomData }
    }

    /// Reads one file. `file` is the name printed in locations.
    ///
    /// # Errors
    ///
    /// Only a text that cannot be read as YAML at all, or (a bug in `T`'s schema) a
    /// conformed value that still does not deserialise.
    pub fn read(&self, bytes: &[u8], file: &str) -> Result<Parsed<T>, Vec<Diagnostic>> {
        read_as(bytes, file, &self.shape)
    }
}

impl<T: serde::de::DeserializeOwned + schemars::JsonSchema> Default for Reader<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Parses a budget YAML that must be structurally sound: any structural error is an
/// `Err`, like a text that cannot be read. For conversions, which must not drop a field,
/// and for tests of valid inputs.
///
/// # Errors
///
/// The located diagnostics of a text that cannot be read, or its structural errors.
pub fn parse_clean(bytes: &[u8], file: &str) -> Result<Budget, Vec<Diagnostic>> {
    let parsed = parse(bytes, file)?;
    if gongkai_model::diag::has_errors(&parsed.diagnostics) {
        return Err(parsed.diagnostics);
    }
    Ok(parsed.value)
}
