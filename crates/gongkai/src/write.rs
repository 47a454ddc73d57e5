//! Atomic file writes: a temporary file in the target directory, then a rename, so an
//! interrupted run never leaves half a file where a whole one is expected.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use anyhow::{Context as _, Result};

/// Writes `bytes` to `path` atomically.
pub(crate) fn atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut f = fs::File::create(&tmp).with_context(|| format!("无法创建 {}", tmp.display()))?;
        f.write_all(bytes).with_context(|| format!("无法写入 {}", tmp.display()))?;
        f.sync_all().with_context(|| format!("无法写入 {}", tmp.display()))?;
        fs::rename(&tmp, path).with_context(|| format!("无法写入 {}", path.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}
