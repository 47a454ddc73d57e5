//! Embeds the built-in profile bundles (`profiles/<id>/…` at the workspace root): every
//! file of every bundle, in path order, so that the binary needs no files at run time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            files(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.split('/').any(|part| part.starts_with('.')) {
                out.push((rel, path.clone()));
            }
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default()).join("../../profiles");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut bundles: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    bundles.sort();
    let mut code = String::from(
        "/// The built-in bundles: (id, [(path in the bundle, bytes)]).\npub(crate) static BUILTIN: &[(&str, Files)] = &[\n",
    );
    for dir in &bundles {
        let id = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut list = Vec::new();
        files(dir, dir, &mut list);
        let _ = writeln!(code, "    ({id:?}, &[");
        for (rel, path) in list {
            println!("cargo:rerun-if-changed={}", path.display());
            let _ = writeln!(code, "        ({rel:?}, include_bytes!({:?})),", path.display().to_string());
        }
        let _ = writeln!(code, "    ]),");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("builtin.rs");
    if let Err(e) = std::fs::write(&out, code) {
        panic!("cannot write {}: {e}", out.display());
    }
}
