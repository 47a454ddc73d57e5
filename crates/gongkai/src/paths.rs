//! Paths compared by what they name, not how they are spelt: `in`, `./in` and `/abs/in`
//! are one directory, and an output path is checked against every file a command read, so
//! that no command ever replaces its own input (`render 预算.xlsx -o . --format xlsx`).

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use anyhow::{Result, bail};

use crate::messages;

/// The canonical form of a path that may not exist yet: the longest existing ancestor is
/// canonicalised (links resolved) and the rest appended. The last component is never
/// resolved, because a rename replaces a link at that place rather than its target.
pub(crate) fn canonical_target(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let (Some(parent), Some(name)) = (absolute.parent(), absolute.file_name()) else {
        return std::fs::canonicalize(&absolute).unwrap_or(absolute);
    };
    canonical_existing(parent).join(name)
}

/// A path canonicalised as far as it exists.
pub(crate) fn canonical_existing(path: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(path) {
        return c;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => canonical_existing(parent).join(name),
        _ => lexical(path),
    }
}

/// `path` without `.` components and with `..` applied lexically (for paths that do not
/// exist, where nothing can be resolved).
pub(crate) fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A file's identity on disk, for links and case-insensitive file systems that give one
/// file two canonical spellings.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(_: &Path) -> Option<(u64, u64)> {
    None
}

/// The files a command has read; outputs are checked against them before anything is
/// written.
#[derive(Debug, Default)]
pub(crate) struct ReadFiles {
    /// Canonical path → the path as the user gave it.
    canonical: HashMap<PathBuf, String>,
    identities: HashMap<(u64, u64), String>,
}

impl ReadFiles {
    /// Records a file that was read (it exists, so it canonicalises).
    pub(crate) fn add(&mut self, path: &Path) {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| canonical_target(path));
        let shown = messages::path(path);
        if let Some(id) = identity(path) {
            self.identities.insert(id, shown.clone());
        }
        self.canonical.insert(canonical, shown);
    }

    /// The canonical paths of the files read.
    pub(crate) fn canonical(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.canonical.keys().cloned()
    }

    /// The input an output path would replace, if any.
    fn clash(&self, output: &Path) -> Option<&str> {
        let by_path = self.canonical.get(&canonical_target(output));
        let by_id = || identity(output).and_then(|id| self.identities.get(&id));
        by_path.or_else(by_id).map(String::as_str)
    }

    /// Refuses (usage error) an output path that is one of the files read.
    pub(crate) fn refuse_overwrite(&self, output: &Path) -> Result<()> {
        if let Some(input) = self.clash(output) {
            bail!(
                "输出文件 {} 就是读取的文件 {input}，写入会覆盖它；请换一个输出目录或文件名",
                messages::path(output)
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_file_clash() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("预算.xlsx");
        std::fs::write(&input, b"x").unwrap();
        let mut read = ReadFiles::default();
        read.add(&input);
        assert!(read.refuse_overwrite(&dir.path().join("./预算.xlsx")).is_err());
        assert!(read.refuse_overwrite(&dir.path().join("sub/../预算.xlsx")).is_err());
        assert!(read.refuse_overwrite(&dir.path().join("预算.pdf")).is_ok());
        assert!(read.refuse_overwrite(&dir.path().join("new/预算.xlsx")).is_ok());
    }

    #[test]
    fn lexical_paths() {
        assert_eq!(lexical(Path::new("./a/./b/../c")), Path::new("a/c"));
        assert_eq!(lexical(Path::new("../x")), Path::new("../x"));
    }
}
