//! `gongkai batch`: failure isolation, skipping unchanged departments, regeneration of
//! exactly what changed, shards, and no partial files when a run is killed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use crate::common::root;

fn batch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai")).arg("batch").args(args).current_dir(root()).output().unwrap()
}

/// Writes `n` synthetic departments (seeds 1..=n) into `dir`.
fn departments(dir: &Path, n: u64) {
    std::fs::create_dir_all(dir).unwrap();
    for seed in 1..=n {
        let yaml = gongkai_synth::yaml(&gongkai_synth::department(seed));
        std::fs::write(dir.join(format!("dept-{seed:02}.yaml")), yaml).unwrap();
    }
}

/// Every output file (not the manifest or temporaries) with its bytes and mtime.
fn snapshot(out: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(out).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let p = f.unwrap().path();
            let meta = std::fs::metadata(&p).unwrap();
            files.insert(p.clone(), (std::fs::read(&p).unwrap(), meta.modified().unwrap()));
        }
    }
    files
}

fn summary(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap()
}

/// Whether a file is whole: each format's own end marker.
fn whole(path: &Path) -> bool {
    let bytes = std::fs::read(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF"),
        Some("html") => bytes.ends_with(b"</html>\n"),
        // A zip ends with its end-of-central-directory record.
        Some("xlsx") => bytes.len() > 22 && bytes[bytes.len() - 22..].starts_with(b"PK\x05\x06"),
        _ => true,
    }
}

#[test]
fn twenty_departments_one_broken_then_skip_then_regenerate_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, out) = (tmp.path().join("in"), tmp.path().join("out"));
    departments(&inputs, 20);
    std::fs::write(inputs.join("broken.yaml"), "department:\n  name: 坏文件\n  year: 二〇二五\n").unwrap();
    let o = batch(&[inputs.to_str().unwrap(), "-o", out.to_str().unwrap(), "--jobs", "2"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.yaml") && stderr.contains("错误[E103]"), "{stderr}");
    let s = summary(&out);
    assert_eq!(
        (s["total"].as_u64(), s["generated"].as_u64(), s["failed"].as_u64()),
        (Some(21), Some(20), Some(1))
    );
    let broken = s["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["input"].as_str().unwrap().ends_with("broken.yaml"))
        .unwrap();
    assert_eq!(broken["status"], "failed");
    let rules: Vec<&str> =
        broken["diagnostics"].as_array().unwrap().iter().map(|d| d["rule"].as_str().unwrap()).collect();
    assert!(rules.contains(&"E103"), "{rules:?}");
    let first = snapshot(&out);
    assert_eq!(first.len(), 60, "20 departments × xlsx, pdf, html");
    assert!(first.keys().all(|p| whole(p)));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("合成") && index.contains("失败") && index.contains(".pdf\">pdf</a>"));

    // A second run skips every department and touches no file.
    std::thread::sleep(Duration::from_millis(20));
    let o = batch(&[inputs.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let s = summary(&out);
    assert_eq!((s["unchanged"].as_u64(), s["generated"].as_u64()), (Some(20), Some(0)));
    assert_eq!(snapshot(&out), first);

    // Edit one input: only its files change.
    let edited = inputs.join("dept-07.yaml");
    let text = std::fs::read_to_string(&edited).unwrap();
    let budget = gongkai_synth::department(7);
    let old_amount = &budget.lines[0].amount.0;
    std::fs::write(&edited, text.replacen(old_amount.as_str(), "4321.00", 1)).unwrap();
    let o = batch(&[inputs.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let s = summary(&out);
    assert_eq!((s["unchanged"].as_u64(), s["generated"].as_u64()), (Some(19), Some(1)));
    let second = snapshot(&out);
    let folder = budget.department.name.clone();
    for (path, (bytes, mtime)) in &first {
        let (now_bytes, now_mtime) = &second[path];
        let ours = path.parent().unwrap().file_name().unwrap().to_str().unwrap() == folder;
        if ours {
            assert_ne!(bytes, now_bytes, "{} should change", path.display());
        } else {
            assert_eq!((bytes, mtime), (now_bytes, now_mtime), "{} should be untouched", path.display());
        }
    }
    // --force redoes everything.
    let o = batch(&[inputs.to_str().unwrap(), "-o", out.to_str().unwrap(), "--force", "--format", "html"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(summary(&out)["generated"].as_u64(), Some(20));
}

#[test]
fn shards_split_the_inputs_without_overlap() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    departments(&inputs, 9);
    let mut seen = Vec::new();
    for k in 1..=3 {
        let out = tmp.path().join(format!("out{k}"));
        let o = batch(&[
            inputs.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--shard",
            &format!("{k}/3"),
            "--format",
            "html",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
        for d in summary(&out)["departments"].as_array().unwrap() {
            seen.push(d["input"].as_str().unwrap().to_owned());
        }
    }
    seen.sort();
    let before = seen.len();
    seen.dedup();
    assert_eq!((before, seen.len()), (9, 9));
    let o = batch(&[inputs.to_str().unwrap(), "-o", "x", "--shard", "4/3"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn same_names_get_separate_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let example = std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml")).unwrap();
    std::fs::write(inputs.join("a.yaml"), &example).unwrap();
    std::fs::write(inputs.join("b.yaml"), &example).unwrap();
    let hostile = example.replace("name: 昌吉回族自治州环境污染监控中心", "name: \"../../逃逸/部门\"");
    std::fs::write(inputs.join("c.yaml"), hostile).unwrap();
    let out = tmp.path().join("out");
    let o = batch(&[inputs.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "html"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let folders: Vec<String> = summary(&out)["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["folder"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(folders[0], "昌吉回族自治州环境污染监控中心");
    assert!(folders[1].starts_with("昌吉回族自治州环境污染监控中心-") && folders[1] != folders[0]);
    assert_eq!(folders[2], "_.._逃逸_部门");
    // Nothing was written outside the output directory.
    assert!(!tmp.path().join("逃逸").exists());
}

#[test]
fn a_killed_run_leaves_only_whole_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, out) = (tmp.path().join("in"), tmp.path().join("out"));
    departments(&inputs, 24);
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["batch", inputs.to_str().unwrap(), "-o", out.to_str().unwrap(), "--jobs", "2"])
        .current_dir(root())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as the first department's files appear, in the middle of writing.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    while std::time::Instant::now() < deadline {
        let started =
            std::fs::read_dir(&out).map(|d| d.flatten().any(|e| e.path().is_dir())).unwrap_or(false);
        if started {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let visible: Vec<PathBuf> = snapshot(&out)
        .into_keys()
        .filter(|p| !p.file_name().unwrap().to_str().unwrap().starts_with('.'))
        .collect();
    for p in &visible {
        assert!(whole(p), "{} is a partial file", p.display());
    }
    // The next run completes the job and sweeps the killed run's temporaries.
    let o = batch(&[inputs.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let all = snapshot(&out);
    assert_eq!(all.len(), 72);
    assert!(all.keys().all(|p| whole(p) && !p.file_name().unwrap().to_str().unwrap().ends_with(".tmp")));
}

/// Departments that trade names between runs: each ends up with its own files, and only
/// the folder nobody uses any more is cleaned away.
#[test]
fn renamed_departments_keep_each_others_files() {
    let tmp = tempfile::tempdir().unwrap();
    let (inputs, out) = (tmp.path().join("in"), tmp.path().join("out"));
    std::fs::create_dir_all(&inputs).unwrap();
    let example = std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml")).unwrap();
    let named =
        |name: &str| example.replace("name: 昌吉回族自治州环境污染监控中心", &format!("name: {name}"));
    let run = |x1: &str, x2: &str| {
        std::fs::write(inputs.join("x1.yaml"), named(x1)).unwrap();
        std::fs::write(inputs.join("x2.yaml"), named(x2)).unwrap();
        let o = batch(&[
            inputs.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "html",
            "--jobs",
            "1",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run("甲局", "乙局");
    run("乙局", "丁局");
    let html = |folder: &str| std::fs::read_to_string(out.join(folder).join(format!("{folder}.html")));
    assert!(html("乙局").unwrap().contains("乙局"), "x1's new files survive x2's cleanup");
    assert!(html("丁局").is_ok());
    assert!(html("甲局").is_err(), "the folder nobody uses any more is cleaned");
}
