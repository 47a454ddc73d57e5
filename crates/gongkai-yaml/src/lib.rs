//! YAML input for gongkai.
//!
//! Parsing uses serde-saphyr, which rejects duplicate keys everywhere (a YAML reader that
//! keeps the last of two `amount:` keys silently loses money) and reports line and column.
//! Structural errors become diagnostics with the model's rule IDs; for checks that run
//! after parsing, [`source_map::YamlSourceMap`] maps input paths back to `file:line:column`.

mod errors;
pub mod source_map;

use gongkai_model::diag::Diagnostic;
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
        let (budget, map) = parse(bytes, file)?;
        Ok(Loaded { budget, source_map: Box::new(map) })
    }

    fn department_name(&self, bytes: &[u8]) -> Option<String> {
        source_map::department_name(std::str::from_utf8(bytes).ok()?)
    }
}

/// Parses a budget YAML. `file` is the name printed in locations.
///
/// # Errors
///
/// Returns the located diagnostic for the first structural problem (serde stops there):
/// YAML syntax, a misspelt or duplicate field, a missing field or a value of the wrong type.
pub fn parse(bytes: &[u8], file: &str) -> Result<(Budget, YamlSourceMap), Vec<Diagnostic>> {
    if bytes.len() > MAX_BYTES {
        return Err(vec![errors::too_large(file, bytes.len())]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.strip_prefix('\u{feff}').unwrap_or(t),
        Err(e) => return Err(vec![errors::not_utf8(file, bytes, e)]),
    };
    let options = serde_saphyr::options! {
        with_snippet: false,
        budget: serde_saphyr::budget! { max_nodes: 2_000_000, max_events: 8_000_000, max_depth: 64 },
    };
    match serde_saphyr::from_str_with_options::<Budget>(text, options) {
        Ok(budget) => Ok((budget, YamlSourceMap::new(text, file))),
        Err(e) => Err(vec![errors::diagnostic(&e, file)]),
    }
}
