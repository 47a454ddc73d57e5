//! Runs sharing an output folder: each live run holds a lock file `.gongkai-run.<run>.lock`
//! there, so that a run cleaning up leftovers removes only the temporaries of runs that
//! are gone (killed, crashed), never those another shard is writing at this moment.
//!
//! The operating system releases a dead process's lock, so "the lock file is missing or
//! can be locked" means "that run is over", whatever the process ID is now used for.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::{messages, write};

const PREFIX: &str = ".gongkai-run.";
const SUFFIX: &str = ".lock";

fn lock_path(out: &Path, run: &str) -> PathBuf {
    out.join(format!("{PREFIX}{run}{SUFFIX}"))
}

/// This run's lock file, held until the run ends; then it is removed.
pub(crate) struct RunLock {
    path: PathBuf,
    _file: File,
}

impl Drop for RunLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether `path` and `file` are the same file on disk.
#[cfg(unix)]
fn same_file(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (fs::metadata(path), file.metadata()) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(path: &Path, _: &File) -> bool {
    path.is_file()
}

/// Creates and locks this run's lock file in `out`.
pub(crate) fn start(out: &Path) -> Result<RunLock> {
    let path = lock_path(out, write::run_id());
    let shown = messages::path(&path);
    loop {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("无法创建 {shown}"))?;
        match file.try_lock() {
            Ok(()) => {}
            // Without locks, liveness cannot be told: temporaries are then never swept.
            Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(fs::TryLockError::Error(e)) => return Err(e).with_context(|| format!("无法锁定 {shown}")),
            Err(fs::TryLockError::WouldBlock) => {
                anyhow::bail!("{shown} 已被另一个进程锁定")
            }
        }
        // Another run may have removed the file between its creation and the lock, taking
        // it for a dead run's: then make it again.
        if same_file(&path, &file) {
            return Ok(RunLock { path, _file: file });
        }
    }
}

/// Whether the run `run` is still going in `out`.
fn alive(out: &Path, run: &str) -> bool {
    if run == write::run_id() {
        return true;
    }
    let path = lock_path(out, run);
    match fs::symlink_metadata(&path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return false,
        Ok(meta) if meta.is_file() => {}
        // Something odd in its place: leave the run's files alone.
        _ => return true,
    }
    let Ok(file) = File::open(&path) else { return true };
    match file.try_lock() {
        Ok(()) => false,
        Err(fs::TryLockError::WouldBlock) => true,
        Err(fs::TryLockError::Error(_)) => true,
    }
}

/// Removes what dead runs left in `out`: their temporaries (`.<name>.<run>.tmp`, in any
/// folder below, not through links) and then their lock files.
pub(crate) fn sweep(out: &Path) {
    let mut known = BTreeMap::new();
    sweep_dir(out, out, &mut known);
    let Ok(entries) = fs::read_dir(out) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(run) = name.strip_prefix(PREFIX).and_then(|n| n.strip_suffix(SUFFIX)) else { continue };
        if !alive(out, run) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn sweep_dir(out: &Path, dir: &Path, known: &mut BTreeMap<String, bool>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            sweep_dir(out, &entry.path(), known);
            continue;
        }
        if !kind.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(run) = write::temporary_run(&name) else { continue };
        let live = *known.entry(run.to_owned()).or_insert_with(|| alive(out, run));
        if !live {
            let _ = fs::remove_file(entry.path());
        }
    }
}
