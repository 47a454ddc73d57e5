//! What changed since the previous run, for every department a batch regenerates.
//!
//! Each generated department leaves a compact snapshot of what it published (the
//! document and its findings, `gongkai_diff::Snapshot`) next to the manifest, under
//! `.gongkai-snapshots/`, named by a hash of the manifest key so that a renamed folder
//! keeps its history. The snapshot is one of the department's written files, so the
//! manifest records it (old manifests simply have none: the first run after them writes
//! no `changes.json`) and removes it like any stale output. When the previous run left
//! one, the department's folder gets `changes.json`: the change list from that snapshot
//! to this run's document. An unchanged department keeps no `changes.json`: nothing
//! changed since the previous run.

use std::path::Path;

use gongkai_diff::{Side, Snapshot};
use gongkai_model::diag::Diagnostic;
use gongkai_model::document::Document;
use sha2::{Digest as _, Sha256};

use super::manifest::{Entry, Written};
use crate::pipeline::hex;
use crate::read;

/// The folder of snapshots, next to the manifest.
const SNAPSHOTS: &str = ".gongkai-snapshots";
/// The change list in a department's folder.
const CHANGES: &str = "changes.json";

/// The snapshot's path (relative to the output folder) for the input of manifest `key`.
fn snapshot_path(key: &str) -> String {
    let digest = hex(&Sha256::digest(key.as_bytes()));
    format!("{SNAPSHOTS}/{}.json", &digest[..32])
}

/// Whether a written file is a snapshot (kept out of the lists shown to people).
pub(super) fn is_snapshot(path: &str) -> bool {
    path.starts_with(&format!("{SNAPSHOTS}/"))
}

/// Whether a written file is a department's change list.
pub(super) fn is_changes(path: &str) -> bool {
    path.rsplit('/').next() == Some(CHANGES)
}

/// The snapshot the previous run wrote for this input, if it is still there as written
/// (same SHA-256 as the manifest records) and readable.
fn previous(out: &Path, prev: Option<&Entry>) -> Option<Snapshot> {
    let file = prev?.files.iter().find(|f| is_snapshot(&f.path))?;
    let bytes = read::file(&out.join(&file.path), read::Kind::Output).ok()?;
    if hex(&Sha256::digest(&bytes)) != file.sha256 {
        return None;
    }
    Snapshot::from_json(&bytes).ok()
}

/// The extra files of a generated department, relative to the output folder: this run's
/// snapshot, and `folder/changes.json` when the previous run left a snapshot.
pub(super) fn files(
    out: &Path,
    key: &str,
    folder: &str,
    prev: Option<&Entry>,
    name: &str,
    document: Document,
    findings: &[Diagnostic],
) -> Vec<(String, Vec<u8>)> {
    let now = Snapshot::new(document, findings.to_vec());
    let mut files = Vec::new();
    if let Some(before) = previous(out, prev) {
        let changes = gongkai_diff::diff(before.side(), Side { document: &now.document, findings });
        let mut value = serde_json::to_value(&changes).unwrap_or_default();
        if let Some(map) = value.as_object_mut() {
            map.insert("department".into(), name.into());
        }
        let mut json = serde_json::to_vec_pretty(&value).unwrap_or_default();
        json.push(b'\n');
        files.push((format!("{folder}/{CHANGES}"), json));
    }
    files.push((snapshot_path(key), now.to_json()));
    files
}

/// An unchanged department's files: the previous ones, without an old change list.
pub(super) fn unchanged(files: &[Written]) -> Vec<Written> {
    files.iter().filter(|f| !is_changes(&f.path)).cloned().collect()
}
