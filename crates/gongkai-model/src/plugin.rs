//! The plug-in seams: input formats and output backends.
//!
//! In the manner of mdBook's `Renderer`, each format is a small trait object that the CLI
//! finds by name in one registry, so a new format is a new crate plus one registration
//! line. Both traits work on bytes: reading and writing files stays with the CLI.

use crate::diag::{Diagnostic, SourceMap};
use crate::document::Document;
use crate::input::Budget;

/// A budget read from some format, with the means to locate its diagnostics.
pub struct Loaded {
    /// The budget. Where the input had structural problems, those parts are left out or
    /// filled with defaults, so that the model's checks still run on the rest.
    pub budget: Budget,
    /// Resolves input paths to `file:line:column` or `sheet!cell`.
    pub source_map: Box<dyn SourceMap>,
    /// What the format found while reading (unknown fields, values of the wrong kind …),
    /// located. An error among them means the budget must not be published.
    pub diagnostics: Vec<Diagnostic>,
    /// Places filled in with a default because of such a finding: later findings about
    /// them only repeat it (see [`crate::diag::combine`]).
    pub repaired: Vec<crate::diag::Path>,
}

/// An input format (YAML, the fill-in workbook, …).
pub trait InputFormat: Send + Sync {
    /// The format's name, as `--input-format` takes it.
    fn name(&self) -> &'static str;

    /// File extensions (lower case, no dot) this format reads.
    fn extensions(&self) -> &'static [&'static str];

    /// Reads a budget. `file` is the name to print in locations. Fails only when nothing
    /// usable can be read, with every diagnostic that could be found, located; problems
    /// of structure that leave the rest readable come back in [`Loaded::diagnostics`].
    fn read(&self, bytes: &[u8], file: &str) -> Result<Loaded, Vec<Diagnostic>>;

    /// The department's name, when the input can be read at all. Batch runs need only
    /// the name before rendering; a format may answer without reading everything.
    fn department_name(&self, bytes: &[u8]) -> Option<String> {
        let loaded = self.read(bytes, "").ok()?;
        Some(loaded.budget.department.name.trim().to_owned()).filter(|n| !n.is_empty())
    }
}

/// Settings every backend understands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderSettings {
    /// Seconds since the Unix epoch to stamp as the creation date; `None` = the document's
    /// publication date. Never the current time: output must be reproducible.
    pub timestamp: Option<i64>,
}

/// Why a backend could not render.
#[derive(Debug, thiserror::Error)]
#[error("{backend}: {message}")]
pub struct BackendError {
    /// Which backend failed.
    pub backend: &'static str,
    /// What went wrong, in Chinese where it concerns the user's data.
    pub message: String,
}

/// An output format (xlsx, PDF, HTML, …).
pub trait Backend: Send + Sync {
    /// The format's name, as `--format` takes it.
    fn name(&self) -> &'static str;

    /// The file extension of its output, without the dot.
    fn extension(&self) -> &'static str;

    /// Renders a document to bytes.
    fn render(&self, document: &Document, settings: &RenderSettings) -> Result<Vec<u8>, BackendError>;
}
