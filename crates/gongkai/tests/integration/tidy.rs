//! House rules that are cheaper to check than to review: module docs and crate edges.

use std::path::Path;

use crate::common::root;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_starts_with_a_doc_comment() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    let missing: Vec<_> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap().trim_start().starts_with("//!"))
        .map(|f| f.strip_prefix(root()).unwrap_or(f).display().to_string())
        .collect();
    assert!(missing.is_empty(), "modules without a //! comment: {missing:?}");
}

/// The workspace crates a crate's manifest depends on.
fn workspace_deps(krate: &str) -> Vec<String> {
    let manifest = std::fs::read_to_string(root().join("crates").join(krate).join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap_or("");
    let deps = deps.split("\n[").next().unwrap_or("");
    deps.lines()
        .filter_map(|l| l.split(['.', ' ', '=']).next())
        .filter(|n| n.starts_with("gongkai") || *n == "anyhow")
        .map(str::to_owned)
        .collect()
}

#[test]
fn crate_edges_follow_the_architecture() {
    let crates: Vec<String> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for krate in &crates {
        // Folder name = package name.
        let manifest = std::fs::read_to_string(root().join("crates").join(krate).join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("name = \"{krate}\"")),
            "{krate}: folder and package names differ"
        );
        let deps = workspace_deps(krate);
        // The architecture's edges: the model depends on nothing of ours; input adapters
        // and backends on the model only; profile bundles are YAML, so their reader uses
        // the YAML reader; synthetic departments fill a profile's comparisons; the diff
        // compares documents of the model and never a backend's bytes; the CLI may use
        // everything.
        let allowed: &[&str] = match krate.as_str() {
            "gongkai" => continue,
            "gongkai-model" => &[],
            "gongkai-profile" => &["gongkai-model", "gongkai-yaml"],
            "gongkai-synth" => &["gongkai-model", "gongkai-profile"],
            "gongkai-diff" => &["gongkai-model", "gongkai-templates"],
            _ => &["gongkai-model"],
        };
        assert!(!deps.iter().any(|d| d == "anyhow"), "{krate}: anyhow belongs to the CLI only");
        let others: Vec<_> =
            deps.iter().filter(|d| d.starts_with("gongkai") && !allowed.contains(&d.as_str())).collect();
        assert!(others.is_empty(), "{krate} may depend only on {allowed:?}: {others:?}");
    }
}
