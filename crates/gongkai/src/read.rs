//! Every file the CLI reads goes through here: budget inputs, `--templates` files,
//! `--font-*` files, the batch manifest and batch's own earlier outputs (and whatever kind
//! comes next, such as profile bundles: add a [`Kind`]).
//!
//! Only regular files are read, each kind within a size limit (README, 文件大小上限). The
//! metadata is checked before the file is opened, because opening a FIFO blocks until
//! someone writes to it, and `/dev/zero` never ends: such a path is a usage error at once,
//! never a hang. A symbolic link counts as what it points to. The read itself stops at the
//! limit, so a file that grows between the check and the read cannot exhaust memory.

use std::fs::{self, File, Metadata};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::messages;

const MIB: u64 = 1024 * 1024;

/// What is being read: each kind has its own size limit and its own name in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A budget, YAML or fill-in workbook.
    Budget,
    /// One `*.hbs` file of `--templates`.
    Template,
    /// A font file (`--font-body` …); CJK font collections are large.
    Font,
    /// The batch manifest `.gongkai-manifest.json`.
    Manifest,
    /// A file batch wrote earlier, read back to check it is still ours before removing it.
    Output,
    /// One file of a profile bundle.
    Profile,
}

impl Kind {
    /// The largest file of this kind that is read.
    pub(crate) const fn limit(self) -> u64 {
        match self {
            Kind::Budget => 64 * MIB,
            Kind::Template => MIB,
            Kind::Font => 256 * MIB,
            Kind::Manifest => 256 * MIB,
            Kind::Output => 1024 * MIB,
            Kind::Profile => 4 * MIB,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Budget => "输入文件",
            Kind::Template => "模板文件",
            Kind::Font => "字体文件",
            Kind::Manifest => "批量生成清单",
            Kind::Output => "输出文件",
            Kind::Profile => "表套文件",
        }
    }
}

/// What a path is, in words, when it is not a regular file.
fn what(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "目录";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "命名管道（FIFO）";
        }
        if t.is_char_device() || t.is_block_device() {
            return "设备文件";
        }
        if t.is_socket() {
            return "套接字";
        }
    }
    "特殊文件"
}

fn size(bytes: u64) -> String {
    if bytes >= MIB { format!("{} MiB", bytes.div_ceil(MIB)) } else { format!("{bytes} 字节") }
}

/// Checks that `path` names a regular file (following links) no larger than the limit of
/// `kind`, without opening it.
pub(crate) fn check(path: &Path, kind: Kind) -> Result<Metadata> {
    let shown = messages::path(path);
    let meta = fs::metadata(path).with_context(|| format!("无法读取{} {shown}", kind.noun()))?;
    if !meta.is_file() {
        bail!("{} {shown} 是{}，不是普通文件", kind.noun(), what(&meta));
    }
    if meta.len() > kind.limit() {
        bail!("{} {shown} 太大（{}；上限 {}）", kind.noun(), size(meta.len()), size(kind.limit()));
    }
    Ok(meta)
}

/// Reads a whole regular file of `kind`; anything else is an error before any byte is read.
pub(crate) fn file(path: &Path, kind: Kind) -> Result<Vec<u8>> {
    let meta = check(path, kind)?;
    let shown = messages::path(path);
    let context = || format!("无法读取{} {shown}", kind.noun());
    let f = File::open(path).with_context(context)?;
    // The path may have been replaced between the check and the open.
    let opened = f.metadata().with_context(context)?;
    if !opened.is_file() {
        bail!("{} {shown} 是{}，不是普通文件", kind.noun(), what(&opened));
    }
    let limit = kind.limit();
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    f.take(limit + 1).read_to_end(&mut bytes).with_context(context)?;
    if bytes.len() as u64 > limit {
        bail!("{} {shown} 太大（上限 {}）", kind.noun(), size(limit));
    }
    Ok(bytes)
}

/// Reads a regular file of `kind` that must be UTF-8 text.
pub(crate) fn text(path: &Path, kind: Kind) -> Result<String> {
    let bytes = file(path, kind)?;
    String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{} {} 不是 UTF-8 文本", kind.noun(), messages::path(path)))
}

/// The entries of a directory the user named (`--templates`): it must be a directory.
/// Sorted, so that what is read does not depend on the file system's order.
pub(crate) fn dir(path: &Path, noun: &str) -> Result<Vec<PathBuf>> {
    let shown = messages::path(path);
    let meta = fs::metadata(path).with_context(|| format!("无法读取{noun} {shown}"))?;
    if !meta.is_dir() {
        bail!("{noun} {shown} 是{}，不是目录", if meta.is_file() { "文件" } else { what(&meta) });
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(path).with_context(|| format!("无法读取{noun} {shown}"))? {
        entries.push(entry.with_context(|| format!("无法读取{noun} {shown}"))?.path());
    }
    entries.sort();
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let err = file(dir.path(), Kind::Budget).unwrap_err().to_string();
        assert!(err.contains("是目录，不是普通文件"), "{err}");
    }

    #[test]
    fn the_limit_is_enforced_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.hbs");
        let f = File::create(&path).unwrap();
        f.set_len(Kind::Template.limit() + 1).unwrap();
        let err = file(&path, Kind::Template).unwrap_err().to_string();
        assert!(err.contains("太大"), "{err}");
        f.set_len(Kind::Template.limit()).unwrap();
        assert_eq!(file(&path, Kind::Template).unwrap().len() as u64, Kind::Template.limit());
    }
}
