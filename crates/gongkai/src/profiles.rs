//! Choosing and reading a profile: a built-in one by id, or a user's bundle by folder.
//!
//! `--profile` names either; without it, the input's own `profile:` decides, and without
//! that the default. A folder is read like every other input (regular files only, within
//! size limits) into a [`Bundle`], which `gongkai-profile` checks and resolves; a bundle
//! with errors is bad input (its findings, located, and exit 1), not a crash.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use gongkai_model::diag::Diagnostic;
use gongkai_model::profile::Profile;
use gongkai_profile::Bundle;

use crate::{messages, read};

/// Most files a bundle may have.
const MAX_FILES: usize = 500;

/// A profile and the bundle it was read from.
#[derive(Debug, Clone)]
pub(crate) struct Chosen {
    /// The profile.
    pub(crate) profile: Profile,
    /// Its files, for fingerprints and `profile export`.
    pub(crate) bundle: Bundle,
    /// The built-in id or the folder, as the user named it.
    pub(crate) name: String,
    /// The folder's files (empty for a built-in), which no output may replace.
    pub(crate) files: Vec<PathBuf>,
}

/// Why a profile could not be used: its findings (bad input, exit 1).
#[derive(Debug)]
pub(crate) struct Invalid {
    /// The bundle as the user named it.
    pub(crate) name: String,
    /// Every finding, located.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// Reads the profile `spec` names: a built-in id, or a bundle folder (relative paths are
/// taken from `base`, the folder of the input that named it, or the working directory).
pub(crate) fn load(spec: &str, base: Option<&Path>) -> Result<std::result::Result<Chosen, Invalid>> {
    let spec = spec.trim();
    if let Some(bundle) = gongkai_profile::builtin_bundle(spec) {
        return Ok(match gongkai_profile::read(&bundle, &format!("profiles/{spec}")) {
            Ok(profile) => Ok(Chosen { profile, bundle, name: spec.to_owned(), files: Vec::new() }),
            Err(diagnostics) => Err(Invalid { name: spec.to_owned(), diagnostics }),
        });
    }
    let path = match base {
        Some(b) if Path::new(spec).is_relative() => b.join(spec),
        _ => PathBuf::from(spec),
    };
    if !path.is_dir() {
        bail!(
            "没有名为“{}”的内置表套，也没有这个表套目录（内置表套：{}）",
            messages::visible(spec),
            gongkai_profile::builtin_ids().join("、")
        );
    }
    let mut files = Vec::new();
    let mut bundle = Bundle::default();
    collect(&path, &path, &mut bundle, &mut files)?;
    let name = path.display().to_string();
    Ok(match gongkai_profile::read(&bundle, &name) {
        Ok(profile) => Ok(Chosen { profile, bundle, name, files }),
        Err(diagnostics) => Err(Invalid { name, diagnostics }),
    })
}

/// The profile a command without an input to analyse uses: `flag`, else the one the input
/// names (relative to `base`), else the default. A bundle with errors is reported on
/// stderr and is `Ok(None)` (exit 1).
pub(crate) fn choose(flag: Option<&str>, named: Option<&str>, base: Option<&Path>) -> Result<Option<Chosen>> {
    let named = named.map(str::trim).filter(|n| !n.is_empty());
    let (spec, base) = match (flag, named) {
        (Some(f), _) => (f, None),
        (None, Some(n)) => (n, base),
        (None, None) => (gongkai_model::DEFAULT_PROFILE, None),
    };
    match load(spec, base)? {
        Ok(chosen) => Ok(Some(chosen)),
        Err(invalid) => {
            crate::report::human(&mut std::io::stderr().lock(), &invalid.name, &invalid.diagnostics)?;
            Ok(None)
        }
    }
}

/// Reads every file under `dir` into `bundle`, by its path relative to `root`. Hidden
/// files and folders are not part of a bundle; links to folders are not followed.
fn collect(root: &Path, dir: &Path, bundle: &mut Bundle, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in read::dir(dir, "表套目录")? {
        let name = entry.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') {
            continue;
        }
        let meta = std::fs::symlink_metadata(&entry)?;
        if meta.is_dir() {
            collect(root, &entry, bundle, files)?;
            continue;
        }
        if meta.file_type().is_symlink() && entry.is_dir() {
            continue;
        }
        if bundle.files.len() >= MAX_FILES {
            bail!("表套目录 {} 的文件超过 {MAX_FILES} 个", messages::path(root));
        }
        let bytes = read::file(&entry, read::Kind::Profile)?;
        let rel = entry.strip_prefix(root).unwrap_or(&entry).to_string_lossy().replace('\\', "/");
        bundle.files.insert(rel, bytes);
        files.push(entry);
    }
    Ok(())
}

/// Writes a bundle's files under `dir`, which must not exist or be empty.
pub(crate) fn export(bundle: &Bundle, dir: &Path) -> Result<()> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        bail!("目录 {} 已存在且不为空；请指定一个新目录", messages::path(dir));
    }
    for (rel, bytes) in &bundle.files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("无法创建目录 {}", messages::path(parent)))?;
        }
        crate::write::atomic(&path, bytes)?;
    }
    Ok(())
}
