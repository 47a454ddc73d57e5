//! Reading an input file through the registry and analysing it.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use gongkai_model::diag::{Diagnostic, combine, locate_all, sort_by_place};
use gongkai_model::facts::Facts;
use gongkai_model::profile::Profile;
use gongkai_model::table::Table;

use crate::{messages, read, registry};

/// An analysed input.
pub(crate) struct Loaded {
    /// The file name as the user gave it.
    pub(crate) file: String,
    /// Facts, when the input could be read.
    pub(crate) facts: Option<Facts>,
    /// Derived tables.
    pub(crate) tables: Vec<Table>,
    /// All findings, located.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The profile used.
    pub(crate) profile: Profile,
}

impl Loaded {
    pub(crate) fn has_errors(&self) -> bool {
        gongkai_model::diag::has_errors(&self.diagnostics)
    }
}

/// A built-in profile by name; an unknown name is a usage error.
pub(crate) fn profile(name: &str) -> Result<Profile> {
    Profile::builtin(name).with_context(|| {
        format!("未知的表套“{name}”（可用：{}）", gongkai_model::profile::BUILTIN.join("、"))
    })
}

/// The file extensions some input format reads.
pub(crate) fn extensions() -> Vec<&'static str> {
    registry::inputs().iter().flat_map(|f| f.extensions().iter().copied()).collect()
}

/// Reads, parses and analyses `path`. IO problems and unknown formats are `Err` (exit 2);
/// problems with the budget itself are diagnostics.
pub(crate) fn load(path: &Path, profile_name: &str) -> Result<Loaded> {
    let profile = profile(profile_name)?;
    let bytes = read::file(path, read::Kind::Budget)?;
    analyse(path, &bytes, profile)
}

/// The department's name in an input, when the input can be read at all; the full
/// analysis (and its diagnostics) come later.
pub(crate) fn department_name(path: &Path, bytes: &[u8]) -> Option<String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let inputs = registry::inputs();
    let format = inputs.iter().find(|f| f.extensions().contains(&ext.as_str()))?;
    format.department_name(bytes)
}

/// Parses and analyses the bytes of `path` with the input format its extension names.
pub(crate) fn analyse(path: &Path, bytes: &[u8], profile: Profile) -> Result<Loaded> {
    let file = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let inputs = registry::inputs();
    let Some(format) = inputs.iter().find(|f| f.extensions().contains(&ext.as_str())) else {
        bail!("无法识别的输入文件类型“{}”（支持：{}）", messages::visible(&file), extensions().join("、"));
    };
    let loaded = match format.read(bytes, &file) {
        Ok(l) => l,
        Err(diagnostics) => {
            return Ok(Loaded { file, facts: None, tables: Vec::new(), diagnostics, profile });
        }
    };
    let analysis = gongkai_model::analyse(&loaded.budget, &profile);
    let mut diagnostics = combine(loaded.diagnostics, analysis.diagnostics, &loaded.repaired);
    locate_all(&mut diagnostics, loaded.source_map.as_ref());
    sort_by_place(&mut diagnostics);
    Ok(Loaded { file, facts: analysis.facts, tables: analysis.tables, diagnostics, profile })
}
