//! The manifest `.gongkai-manifest.json` in the output folder: per input (by canonical
//! path), the hash of its bytes and options, its department's name and folder, and every
//! file written for it with the file's own hash.
//!
//! Several runs may share an output folder at the same time (shards on several machines):
//! the manifest is only ever changed under the lock `.gongkai-manifest.lock`, read afresh
//! and merged, so that no run drops another's entries. Stale files are removed under the
//! same lock, and only files this tool wrote: inside the output folder, regular, and with
//! the bytes it recorded; whatever the manifest says, nothing else is deleted.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Component, Path};

use anyhow::{Context as _, Result, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::messages::{self, note};
use crate::pipeline::hex;
use crate::{read, write};

pub(crate) const MANIFEST: &str = ".gongkai-manifest.json";
const LOCK: &str = ".gongkai-manifest.lock";
/// Version 2: keys are canonical paths, files carry their hashes.
const VERSION: u32 = 2;

/// What earlier runs produced, by input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Manifest {
    #[serde(default)]
    version: u32,
    pub(crate) entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// Hash of the input's bytes and the options; empty while the folder is reserved but
    /// nothing was written for it yet.
    pub(crate) hash: String,
    #[serde(default)]
    pub(crate) name: String,
    pub(crate) folder: String,
    pub(crate) files: Vec<Written>,
    /// Other files the outputs were made from (last year's input), with their hashes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) depends: Vec<Depend>,
    /// Warnings the input had when its files were made, reported again while it stays
    /// unchanged (manifests of older versions have none recorded).
    #[serde(default)]
    pub(crate) warnings: usize,
}

/// A file an input's outputs depend on, and the SHA-256 of its bytes then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Depend {
    pub(crate) path: String,
    pub(crate) sha256: String,
}

impl Depend {
    /// Whether the file still has the bytes it had.
    pub(crate) fn unchanged(&self) -> bool {
        read::file(Path::new(&self.path), read::Kind::Budget)
            .is_ok_and(|bytes| hex(&Sha256::digest(&bytes)) == self.sha256)
    }
}

/// A file written, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "WrittenRepr")]
pub(crate) struct Written {
    pub(crate) path: String,
    /// SHA-256 of the bytes written; empty in manifests of version 1, whose files are
    /// therefore never deleted (nothing proves they are still ours).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) bytes: Option<u64>,
}

/// Version 1 listed files as bare paths.
#[derive(Deserialize)]
#[serde(untagged)]
enum WrittenRepr {
    Path(String),
    Record {
        path: String,
        #[serde(default)]
        sha256: String,
        #[serde(default)]
        bytes: Option<u64>,
    },
}

impl From<WrittenRepr> for Written {
    fn from(r: WrittenRepr) -> Self {
        match r {
            WrittenRepr::Path(path) => Written { path, sha256: String::new(), bytes: None },
            WrittenRepr::Record { path, sha256, bytes } => Written { path, sha256, bytes },
        }
    }
}

impl Written {
    /// The record of `bytes` written at `path`.
    pub(crate) fn of(path: String, bytes: &[u8]) -> Self {
        Written { path, sha256: hex(&Sha256::digest(bytes)), bytes: Some(bytes.len() as u64) }
    }
}

impl Manifest {
    fn empty() -> Manifest {
        Manifest { version: VERSION, entries: BTreeMap::new() }
    }

    /// Reads the manifest of `out`; none yet is an empty one. A manifest that is not a
    /// regular file is an error; one that does not parse is ignored with a warning (every
    /// department is then regenerated, and nothing is cleaned).
    pub(crate) fn load(out: &Path) -> Result<Manifest> {
        let path = out.join(MANIFEST);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Manifest::empty()),
            _ => {}
        }
        let bytes = read::file(&path, read::Kind::Manifest)?;
        let mut manifest: Manifest = match serde_json::from_slice(&bytes) {
            Ok(m) => m,
            Err(_) => {
                note!("警告：无法解析 {}，本次全部重新生成", messages::path(&path));
                return Ok(Manifest::empty());
            }
        };
        if manifest.version < VERSION {
            manifest.entries = upgrade(manifest.entries);
        }
        manifest.version = VERSION;
        Ok(manifest)
    }

    /// Writes the manifest atomically.
    pub(crate) fn save(&self, out: &Path) -> Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self)?;
        bytes.push(b'\n');
        write::atomic(&out.join(MANIFEST), &bytes)
    }

    /// Every file some entry lists.
    pub(crate) fn listed(&self) -> std::collections::BTreeSet<&str> {
        self.entries.values().flat_map(|e| e.files.iter().map(|f| f.path.as_str())).collect()
    }
}

/// Version 1 keyed entries by the path as the user typed it, relative to the directory
/// the run started in; the canonical path it names (when it still exists) is the key now.
fn upgrade(entries: BTreeMap<String, Entry>) -> BTreeMap<String, Entry> {
    let mut out = BTreeMap::new();
    for (key, entry) in entries {
        let key = fs::canonicalize(&key).map_or(key, |p| p.to_string_lossy().into_owned());
        out.entry(key).or_insert(entry);
    }
    out
}

/// Holds the manifest lock while alive.
pub(crate) struct Lock {
    _file: Option<File>,
}

/// Takes the manifest lock of `out`, waiting for another run to release it. A file
/// system without locks (some network shares) is used unlocked, with a warning.
pub(crate) fn lock(out: &Path) -> Result<Lock> {
    let path = out.join(LOCK);
    let shown = messages::path(&path);
    if let Ok(meta) = fs::symlink_metadata(&path)
        && !meta.is_file()
    {
        bail!("{shown} 不是普通文件；请删除它后重试");
    }
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("无法创建 {shown}"))?;
    match file.lock() {
        Ok(()) => Ok(Lock { _file: Some(file) }),
        Err(e) if e.kind() == io::ErrorKind::Unsupported => {
            note!("警告：{shown} 所在的文件系统不支持文件锁；同时运行的分片请使用不同的输出目录");
            Ok(Lock { _file: None })
        }
        Err(e) => Err(e).with_context(|| format!("无法锁定 {shown}")),
    }
}

/// Whether `rel` is a plain relative path below the output folder: no `..`, no root.
fn plain(rel: &str) -> bool {
    let p = Path::new(rel);
    !rel.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Removes a stale file if, and only if, it is one this tool wrote: a plain path inside
/// `out` (whose canonical form is `out_canonical`), a regular file (not a link), with the
/// recorded bytes. Its folder goes too when that leaves it empty.
pub(crate) fn remove_stale(out: &Path, out_canonical: &Path, file: &Written) {
    if file.sha256.is_empty() || !plain(&file.path) {
        return;
    }
    let path = out.join(&file.path);
    let Ok(meta) = fs::symlink_metadata(&path) else { return };
    if !meta.is_file() || file.bytes.is_some_and(|b| b != meta.len()) {
        return;
    }
    let Some(parent) = path.parent() else { return };
    let inside = fs::canonicalize(parent).is_ok_and(|p| p.starts_with(out_canonical));
    if !inside {
        return;
    }
    let Ok(bytes) = read::file(&path, read::Kind::Output) else { return };
    if hex(&Sha256::digest(&bytes)) != file.sha256 {
        return;
    }
    if fs::remove_file(&path).is_ok() && parent != out {
        // Fails, as it should, unless the folder is now empty.
        let _ = fs::remove_dir(parent);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_1_manifests_read() {
        let v1 = r#"{"entries":{"in/a.yaml":{"hash":"h","name":"甲","folder":"甲","files":["甲/甲.pdf"]}}}"#;
        let m: Manifest = serde_json::from_str(v1).unwrap();
        let files = &m.entries["in/a.yaml"].files;
        assert_eq!(files, &[Written { path: "甲/甲.pdf".into(), sha256: String::new(), bytes: None }]);
    }

    #[test]
    fn only_plain_paths_below_the_folder() {
        assert!(plain("甲/甲.pdf"));
        assert!(
            !plain("../x") && !plain("/etc/passwd") && !plain("a/../../x") && !plain("./a") && !plain("")
        );
    }
}
