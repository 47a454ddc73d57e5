//! Which files a batch reads, and which shard each belongs to.
//!
//! One input file is one department, however it is reached: files are known by their
//! canonical path, so a file reached twice (through a link, or named twice) counts once,
//! and `in`, `./in` and `/abs/in` name the same inputs. Directory walks do not enter
//! linked directories (so no cycle can form) and never read the output folder, whose
//! `.xlsx` files would otherwise come back as inputs on the next run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use sha2::{Digest, Sha256};

use crate::{load, messages, read};

/// An input file found.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// The path as reached from what the user named (for messages and the summary).
    pub(crate) path: PathBuf,
    /// The canonical path: the input's identity in the manifest.
    pub(crate) canonical: PathBuf,
    /// What the shard is computed from: the path below the directory named, or the file
    /// name of a file named; the same on every machine and however the input is spelt.
    pub(crate) shard_key: String,
}

fn is_input(path: &Path, exts: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()))
}

/// Hidden files, and the `~$name.xlsx` lock files Excel and WPS keep beside an open
/// workbook, are not departments.
fn hidden(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n.starts_with("~$"))
}

struct Walk<'a> {
    exts: Vec<&'static str>,
    output: &'a Path,
    visited: BTreeSet<PathBuf>,
    found: BTreeMap<PathBuf, Found>,
}

impl Walk<'_> {
    fn add(&mut self, path: PathBuf, canonical: PathBuf, shard_key: String) {
        self.found.entry(canonical.clone()).or_insert(Found { path, canonical, shard_key });
    }

    fn dir(&mut self, dir: &Path, prefix: &str) -> Result<()> {
        let shown = messages::path(dir);
        let entries = std::fs::read_dir(dir).with_context(|| format!("无法读取目录 {shown}"))?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.with_context(|| format!("无法读取目录 {shown}"))?;
            let kind = entry.file_type().with_context(|| format!("无法读取目录 {shown}"))?;
            paths.push((entry.path(), kind));
        }
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, kind) in paths {
            if hidden(&path) {
                continue;
            }
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let key = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            if kind.is_dir() {
                let Ok(canonical) = std::fs::canonicalize(&path) else { continue };
                // The output folder is never input; a directory seen before (a bind mount)
                // is not walked twice.
                if !canonical.starts_with(self.output) && self.visited.insert(canonical) {
                    self.dir(&path, &key)?;
                }
            } else if is_input(&path, &self.exts) {
                // A link to a directory is not followed; a link to a file is that file.
                if kind.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                    continue;
                }
                // A dangling link stays in, to fail with its reason rather than vanish.
                let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if !canonical.starts_with(self.output) {
                    self.add(path, canonical, key);
                }
            }
        }
        Ok(())
    }
}

/// The input files: the files named, and the input files found under the directories
/// named, each once, in canonical order. `output` is the canonical output folder.
pub(crate) fn collect(inputs: &[PathBuf], output: &Path) -> Result<Vec<Found>> {
    let exts = load::extensions();
    let mut walk = Walk { exts, output, visited: BTreeSet::new(), found: BTreeMap::new() };
    for input in inputs {
        let shown = messages::path(input);
        let meta = std::fs::metadata(input).with_context(|| format!("无法读取输入 {shown}"))?;
        let canonical = std::fs::canonicalize(input).with_context(|| format!("无法读取输入 {shown}"))?;
        if canonical.starts_with(output) {
            bail!(
                "输入 {shown} 在输出目录 {} 之内；输出目录中的文件不作为输入，请换一个输出目录",
                messages::path(output)
            );
        }
        if meta.is_dir() {
            if walk.visited.insert(canonical) {
                walk.dir(input, "")?;
            }
        } else if is_input(input, &walk.exts) {
            // A FIFO or a device named as input is refused at once.
            read::check(input, read::Kind::Budget)?;
            let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            walk.add(input.clone(), canonical, name);
        } else {
            bail!("无法识别的输入文件类型“{shown}”（支持：{}）", walk.exts.join("、"));
        }
    }
    Ok(walk.found.into_values().collect())
}

/// `K/N` → (K, N) with 1 ≤ K ≤ N.
pub(crate) fn parse_shard(text: &str) -> Result<(u64, u64)> {
    let parsed =
        text.split_once('/').and_then(|(k, n)| Some((k.trim().parse().ok()?, n.trim().parse().ok()?)));
    match parsed {
        Some((k, n)) if n >= 1 && (1..=n).contains(&k) => Ok((k, n)),
        _ => bail!("--shard 应写成 K/N（1 ≤ K ≤ N），如 2/8；收到“{}”", messages::visible(text)),
    }
}

/// The shard (from 0) an input belongs to: from a hash of its shard key, so that adding
/// or removing other inputs never moves it.
pub(crate) fn shard_of(key: &str, n: u64) -> u64 {
    let digest = Sha256::digest(key.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first) % n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards() {
        assert_eq!(parse_shard("2/8").unwrap(), (2, 8));
        assert!(parse_shard("0/8").is_err() && parse_shard("9/8").is_err() && parse_shard("x").is_err());
        // Pinned: a shard never moves between versions or machines.
        assert_eq!(["a.yaml", "b.yaml", "sub/c.xlsx", "昌吉州.yaml"].map(|k| shard_of(k, 7)), [3, 4, 5, 0]);
    }
}
