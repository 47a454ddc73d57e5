//! Atomic file writes: a temporary file beside the target, then a rename, so an
//! interrupted run never leaves half a file where a whole one is expected. A set of files
//! is committed together: every temporary is written first, then all are renamed, so a
//! failure (a full disk) while writing leaves the previous set whole.
//!
//! Durability: a file staged with [`Sync::Now`] is flushed to disk (fsync) before it is
//! renamed, so after a crash the target holds the old bytes or the new ones. A batch writes
//! thousands of files; it stages them with [`Sync::Later`] and flushes the whole file system
//! ([`sync_file_system`]) after the last department and before its manifest, which is what
//! claims the files are good (the manifest records each file's size, so a file a crash cut
//! short is generated again by the next run). While it renders, a thread flushes what is
//! written so far ([`flush_meanwhile`]), so that the flush after the last department is
//! short. An fsync costs 0.5 ms on a quiet disk and several ms under load, per file.
//!
//! Temporaries are named `.<name>.<run>.tmp`, `<run>` being this process's [`run_id`], so
//! that `batch` can tell a dead run's leftovers from a live run's files in flight.
//!
//! Test seam: when `GONGKAI_TEST_FAIL_WRITE` is set to a non-empty text, writing any file
//! whose path contains it fails half way with "no space left on device", as on a full disk.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{Context as _, Result};

use crate::messages;

/// This process's run ID: its process ID and a few bits of its start time, so that a
/// reused process ID is a different run.
pub(crate) fn run_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos() ^ (d.as_secs() as u32));
        format!("{}-{nanos:08x}", std::process::id())
    })
}

/// The longest part of a target's name kept in its temporary's name (bytes): with the
/// run ID and the dots, the temporary stays under the 255 bytes file systems allow.
const TMP_NAME_BYTES: usize = 200;

/// The temporary beside `path` for this run.
fn temporary(path: &Path) -> PathBuf {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let mut cut = name.len().min(TMP_NAME_BYTES);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    dir.join(format!(".{}.{}.tmp", &name[..cut], run_id()))
}

/// The run ID in a temporary's file name (`.<name>.<run>.tmp`), if it is one.
pub(crate) fn temporary_run(file_name: &str) -> Option<&str> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, run) = inner.rsplit_once('.')?;
    (!run.is_empty()).then_some(run)
}

/// The injected failure of the test seam, for `path`.
fn injected_failure(path: &Path) -> Option<io::Error> {
    static SEAM: OnceLock<Option<String>> = OnceLock::new();
    let seam = SEAM.get_or_init(|| std::env::var("GONGKAI_TEST_FAIL_WRITE").ok().filter(|s| !s.is_empty()));
    let needle = seam.as_deref()?;
    path.to_string_lossy().contains(needle).then(|| io::Error::from(io::ErrorKind::StorageFull))
}

/// A file written to its temporary, waiting for [`commit`]. Dropped uncommitted, the
/// temporary is removed.
pub(crate) struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// When a staged file is flushed to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sync {
    /// Before it is renamed into place.
    Now,
    /// By the caller, with [`sync_file_system`] (on systems without it: as `Now`).
    Later,
}

/// Writes `bytes` to the temporary of `path` and flushes it to disk.
pub(crate) fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    stage_with(path, bytes, Sync::Now)
}

/// Writes `bytes` to the temporary of `path`, flushed to disk as `sync` says.
pub(crate) fn stage_with(path: &Path, bytes: &[u8], sync: Sync) -> Result<Staged> {
    let tmp = temporary(path);
    let shown = messages::path(path);
    let staged = Staged { tmp, target: path.to_path_buf(), done: false };
    let mut f = fs::File::create(&staged.tmp).with_context(|| format!("无法写入 {shown}"))?;
    if let Some(e) = injected_failure(path) {
        let _ = f.write_all(&bytes[..bytes.len() / 2]);
        return Err(e).with_context(|| format!("无法写入 {shown}"));
    }
    f.write_all(bytes).with_context(|| format!("无法写入 {shown}"))?;
    if sync == Sync::Now || !cfg!(target_os = "linux") {
        f.sync_all().with_context(|| format!("无法写入 {shown}"))?;
    } else {
        STAGED_LATER.fetch_add(1, Ordering::Relaxed);
    }
    Ok(staged)
}

/// Up to this many files staged with [`Sync::Later`] are flushed one by one (and their
/// folders); more, with one `syncfs`. A `syncfs` waits for everything any process has
/// written to that file system, so after a batch that rewrote one department of a
/// thousand it cost more than the department's few files.
const FEW_FILES: usize = 64;

/// Flushes the files staged with [`Sync::Later`] (`files`, relative to `dir`), before a
/// manifest vouches for them: nothing when there are none, each file and its folder when
/// there are few, the whole file system (`syncfs`) otherwise. Elsewhere than on Linux they
/// were flushed one by one already.
pub(crate) fn sync_written(dir: &Path, files: &[&str]) -> Result<()> {
    if files.is_empty() || !cfg!(target_os = "linux") {
        return Ok(());
    }
    if files.len() > FEW_FILES {
        return sync_file_system(dir);
    }
    let sync = |path: &Path| -> Result<()> {
        let shown = messages::path(path);
        fs::File::open(path).and_then(|f| f.sync_all()).with_context(|| format!("无法写入 {shown}"))
    };
    let mut folders = std::collections::BTreeSet::new();
    for file in files {
        let path = dir.join(file);
        sync(&path)?;
        // The rename into place is the folder's entry: flushed with the folder.
        let mut at = path.parent();
        while let Some(folder) = at.filter(|f| f.starts_with(dir)) {
            folders.insert(folder.to_path_buf());
            at = folder.parent();
        }
    }
    folders.iter().try_for_each(|f| sync(f))
}

/// Flushes everything written to the file system that holds `dir` (Linux `syncfs`): the
/// files staged with [`Sync::Later`]. Elsewhere those were flushed one by one already.
fn sync_file_system(dir: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let shown = messages::path(dir);
        let d = fs::File::open(dir).with_context(|| format!("无法写入 {shown}"))?;
        rustix::fs::syncfs(&d).map_err(io::Error::from).with_context(|| format!("无法写入 {shown}"))?;
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

/// How often [`flush_meanwhile`] flushes.
const FLUSH_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Files this process staged with [`Sync::Later`], for [`flush_meanwhile`].
static STAGED_LATER: AtomicUsize = AtomicUsize::new(0);

/// The thread of [`flush_meanwhile`]; dropping it stops the thread.
pub(crate) struct Flusher {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Flushes the file system that holds `dir` every [`FLUSH_EVERY`] until dropped, on a thread
/// of its own that only waits for the disk: a batch's departments keep rendering while
/// what they wrote goes to disk, and the `syncfs` after the last one ([`sync_written`])
/// waits for the last half second's files instead of all of them (0.3 s of a 1,000-department
/// batch's 7 s, with both cores idle). It flushes only when more files than [`FEW_FILES`]
/// were staged with [`Sync::Later`], some since its last flush: a run that writes a few
/// files flushes them one by one at the end, never waiting for what other processes wrote.
/// Only a speed-up: its errors are ignored (the final flush reports them), and without a
/// thread or off Linux nothing happens.
pub(crate) fn flush_meanwhile(dir: &Path) -> Flusher {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    let dir = dir.to_path_buf();
    let flush = move || {
        let mut flushed = STAGED_LATER.load(Ordering::Relaxed);
        while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) = stopped.recv_timeout(FLUSH_EVERY) {
            let staged = STAGED_LATER.load(Ordering::Relaxed);
            if staged > FEW_FILES && staged != flushed {
                let _ = sync_file_system(&dir);
                flushed = staged;
            }
        }
    };
    let thread = if cfg!(target_os = "linux") {
        std::thread::Builder::new().name("gongkai-flush".into()).spawn(flush).ok()
    } else {
        None
    };
    Flusher { stop: Some(stop), thread }
}

impl Drop for Flusher {
    fn drop(&mut self) {
        // Disconnecting wakes the thread at once.
        drop(self.stop.take());
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Renames every staged file into place. Renames within a directory need no space, so
/// once every temporary is written the set is committed; should one rename still fail,
/// the temporaries not yet renamed are removed.
pub(crate) fn commit(staged: Vec<Staged>) -> Result<()> {
    for mut s in staged {
        fs::rename(&s.tmp, &s.target).with_context(|| format!("无法写入 {}", messages::path(&s.target)))?;
        s.done = true;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically.
pub(crate) fn atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    commit(vec![stage(path, bytes)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_name_their_run_and_stay_short() {
        let long = "局".repeat(80);
        let tmp = temporary(Path::new(&format!("out/{long}/{long}.html")));
        let name = tmp.file_name().unwrap().to_str().unwrap();
        assert!(name.len() <= 255, "{}", name.len());
        assert_eq!(temporary_run(name), Some(run_id()));
        assert_eq!(temporary_run(".a.pdf.123.tmp"), Some("123"));
        assert_eq!(temporary_run("a.pdf"), None);
    }

    #[test]
    fn a_set_is_committed_only_when_every_file_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        let staged = vec![stage(&a, b"new a").unwrap(), stage(&b, b"new b").unwrap()];
        assert!(!a.exists() && !b.exists(), "nothing visible before the commit");
        commit(staged).unwrap();
        assert_eq!(fs::read(&a).unwrap(), b"new a");
        // Dropping staged files removes their temporaries.
        drop(stage(&a, b"newer").unwrap());
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert_eq!(fs::read(&a).unwrap(), b"new a");
    }

    /// The flusher is only a speed-up: while it runs, files staged for later are written
    /// and committed as without it, and dropping it ends its thread (a hang fails the test
    /// run).
    #[test]
    fn files_staged_while_the_flusher_runs_are_committed() {
        let dir = tempfile::tempdir().unwrap();
        let flusher = flush_meanwhile(dir.path());
        let staged: Vec<Staged> = (0..=FEW_FILES)
            .map(|i| stage_with(&dir.path().join(format!("{i}.txt")), b"x", Sync::Later).unwrap())
            .collect();
        assert!(STAGED_LATER.load(Ordering::Relaxed) > FEW_FILES);
        commit(staged).unwrap();
        drop(flusher);
        let files: Vec<String> = (0..=FEW_FILES).map(|i| format!("{i}.txt")).collect();
        let names: Vec<&str> = files.iter().map(String::as_str).collect();
        sync_written(dir.path(), &names).unwrap();
        assert!(names.iter().all(|n| fs::read(dir.path().join(n)).unwrap() == b"x"));
    }
}
