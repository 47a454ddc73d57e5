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
        // the YAML reader; synthetic departments fill a profile's comparisons; the checker
        // of published documents reads them into the model alone; the diff compares
        // documents of the model and never a backend's bytes; the CLI may use everything.
        let allowed: &[&str] = match krate.as_str() {
            "gongkai" => continue,
            "gongkai-model" => &[],
            "gongkai-profile" => &["gongkai-model", "gongkai-yaml"],
            "gongkai-synth" => &["gongkai-model", "gongkai-profile", "gongkai-yaml"],
            "gongkai-check" => &["gongkai-model"],
            "gongkai-diff" => &["gongkai-model", "gongkai-templates"],
            _ => &["gongkai-model"],
        };
        assert!(!deps.iter().any(|d| d == "anyhow"), "{krate}: anyhow belongs to the CLI only");
        let others: Vec<_> =
            deps.iter().filter(|d| d.starts_with("gongkai") && !allowed.contains(&d.as_str())).collect();
        assert!(others.is_empty(), "{krate} may depend only on {allowed:?}: {others:?}");
    }
}

/// Words that name a region: the provincial-level divisions, the built-in profiles' ids,
/// and the places of the bundled example. A region is data (`profiles/`); the engine,
/// the backends and the CLI know none.
fn region_words() -> Vec<String> {
    let provinces = "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 \
                     广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆 香港 澳门 台湾 昌吉 维吾尔";
    let mut words: Vec<String> = provinces.split_whitespace().map(str::to_owned).collect();
    words.extend(["xinjiang", "changji", "shanghai", "beijing", "jiangsu", "guangdong"].map(str::to_owned));
    for id in gongkai_profile::builtin_ids() {
        // A built-in's id is flagged as a string (`"central"`, `"xinjiang-11"`): some ids
        // are ordinary English words (a zip's central directory).
        words.push(format!("\"{id}\""));
        // `xinjiang-11` also as `xinjiang`, where the part is no English word.
        words.extend(
            id.split('-')
                .filter(|p| p.len() > 3 && p.chars().all(|c| c.is_ascii_alphabetic()) && *p != id)
                .map(str::to_owned),
        );
    }
    words.sort();
    words.dedup();
    words
}

#[test]
fn no_region_in_rust() {
    let mut files = Vec::new();
    for krate in std::fs::read_dir(root().join("crates")).unwrap() {
        let src = krate.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut files);
        }
    }
    let words = region_words();
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        // Unit tests may name the example; the code above them may not.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (i, line) in code.lines().enumerate() {
            let lower = line.to_lowercase();
            if let Some(w) = words.iter().find(|w| lower.contains(w.as_str())) {
                let at = f.strip_prefix(root()).unwrap_or(f).display();
                found.push(format!("{at}:{}: “{w}”: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "regional names in Rust code (put them in profiles/):\n{}", found.join("\n"));
}
