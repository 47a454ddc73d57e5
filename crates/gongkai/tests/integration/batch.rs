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
        let yaml = gongkai_synth::yaml(&gongkai_synth::department(seed, &default_profile()));
        std::fs::write(dir.join(format!("dept-{seed:02}.yaml")), yaml).unwrap();
    }
}

/// Every output file (not the manifest, the batch's own state under `.gongkai-snapshots`
/// or temporaries) with its bytes and mtime.
fn snapshot(out: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(out).unwrap() {
        let dir = entry.unwrap().path();
        let hidden = dir.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if !dir.is_dir() || hidden {
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
    let budget = gongkai_synth::department(7, &default_profile());
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
        // Each shard writes its own summary, since shards may share a folder.
        let s: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join(format!("summary.{k}-of-3.json"))).unwrap())
                .unwrap();
        assert!(out.join(format!("index.{k}-of-3.html")).is_file());
        for d in s["departments"].as_array().unwrap() {
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

/// `gongkai batch` in `dir`, with extra environment.
fn batch_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut all = vec!["batch"];
    all.extend_from_slice(args);
    crate::common::run_in(dir, &all, env)
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The example under another department name.
fn named(name: &str) -> String {
    std::fs::read_to_string(root().join("examples/changji-epmc-2025.yaml"))
        .unwrap()
        .replace("name: 昌吉回族自治州环境污染监控中心", &format!("name: \"{name}\""))
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join(".gongkai-manifest.json")).unwrap()).unwrap()
}

/// `in`, `./in` and the absolute path are one set of inputs: the second and third runs
/// find everything unchanged. A manifest written by the previous version (keys as typed,
/// files without hashes) is read the same way.
#[test]
fn one_input_however_it_is_spelt() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    departments(&d.join("in"), 3);
    let o = batch_in(d, &["in", "-o", "out", "--format", "html"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let first = snapshot(&d.join("out"));
    let absolute = d.join("in");
    for spelling in ["./in", absolute.to_str().unwrap(), "in/"] {
        let o = batch_in(d, &[spelling, "-o", "out", "--format", "html"], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let s = summary(&d.join("out"));
        assert_eq!((s["unchanged"].as_u64(), s["generated"].as_u64()), (Some(3), Some(0)), "{spelling}");
        assert_eq!(snapshot(&d.join("out")), first, "{spelling}");
    }
    // The previous version's manifest: keyed by the path as typed, files as bare paths.
    let mut m = manifest(&d.join("out"));
    let entries = m["entries"].as_object().unwrap().clone();
    let old: serde_json::Map<String, serde_json::Value> = entries
        .into_iter()
        .map(|(key, mut e)| {
            let rel = Path::new(&key).strip_prefix(std::fs::canonicalize(d).unwrap()).unwrap();
            let files: Vec<serde_json::Value> =
                e["files"].as_array().unwrap().iter().map(|f| f["path"].clone()).collect();
            e["files"] = files.into();
            (rel.to_str().unwrap().to_owned(), e)
        })
        .collect();
    assert!(old.keys().all(|k| k.starts_with("in/")), "{old:?}");
    m = serde_json::json!({ "entries": old });
    std::fs::write(d.join("out/.gongkai-manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    let o = batch_in(d, &["in", "-o", "out", "--format", "html"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(summary(&d.join("out"))["unchanged"].as_u64(), Some(3));
    assert_eq!(snapshot(&d.join("out")), first);
}

/// A file reached twice counts once; linked directories are not entered (a link cycle
/// would never end); the output folder's own files never come back as inputs.
#[cfg(unix)]
#[test]
fn each_input_file_is_one_department() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let inputs = d.join("data");
    std::fs::create_dir_all(inputs.join("sub")).unwrap();
    std::fs::write(inputs.join("a.yaml"), named("甲局")).unwrap();
    symlink(inputs.join("a.yaml"), inputs.join("again.yaml")).unwrap();
    symlink(&inputs, inputs.join("sub/loop")).unwrap();
    let elsewhere = d.join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("b.yaml"), named("乙局")).unwrap();
    symlink(&elsewhere, inputs.join("linked")).unwrap();
    // The output folder inside the input folder: its workbooks are not inputs.
    for _ in 0..2 {
        let o = batch_in(d, &["data", "data/a.yaml", "-o", "data/out", "--format", "xlsx"], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let s = summary(&inputs.join("out"));
        assert_eq!(s["total"].as_u64(), Some(1), "{s:#}");
    }
    assert!(inputs.join("out/甲局/甲局.xlsx").is_file());
    // Naming an input inside the output folder is refused.
    let o = batch_in(d, &["data/out/甲局/甲局.xlsx", "-o", "data/out"], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("在输出目录"), "{}", err(&o));
}

/// Clean-up removes only files the tool wrote and nobody changed, inside the output
/// folder, whatever the manifest says.
#[test]
fn cleanup_removes_only_what_it_wrote() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let inputs = d.join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("a.yaml"), named("甲局")).unwrap();
    std::fs::write(inputs.join("b.yaml"), named("乙局")).unwrap();
    let run = || {
        let o = batch_in(d, &["in", "-o", "out", "--format", "html"], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    };
    run();
    // A tampered manifest lists files outside the folder; the user edited 乙局's page.
    std::fs::write(d.join("victim.txt"), "keep me").unwrap();
    let victim = d.join("victim.txt").to_str().unwrap().to_owned();
    // Each record carries the victim's true hash and size: only the path gives it away.
    let hash: String = {
        use sha2::Digest as _;
        sha2::Sha256::digest(b"keep me").iter().map(|b| format!("{b:02x}")).collect()
    };
    let mut m = manifest(&d.join("out"));
    for entry in m["entries"].as_object_mut().unwrap().values_mut() {
        let files = entry["files"].as_array_mut().unwrap();
        for path in ["../victim.txt", victim.as_str(), "甲局/../../victim.txt"] {
            files.push(serde_json::json!({"path": path, "sha256": hash, "bytes": 7}));
        }
    }
    std::fs::write(d.join("out/.gongkai-manifest.json"), serde_json::to_vec(&m).unwrap()).unwrap();
    std::fs::write(d.join("out/乙局/乙局.html"), "<html>用户改过的页面</html>\n").unwrap();
    // Both departments are renamed: their old files are stale now.
    std::fs::write(inputs.join("a.yaml"), named("丙局")).unwrap();
    std::fs::write(inputs.join("b.yaml"), named("丁局")).unwrap();
    run();
    assert_eq!(std::fs::read_to_string(d.join("victim.txt")).unwrap(), "keep me");
    assert!(!d.join("out/甲局").exists(), "an untouched stale file (and its folder) is removed");
    assert!(std::fs::read_to_string(d.join("out/乙局/乙局.html")).unwrap().contains("用户改过"));
    assert!(d.join("out/丙局/丙局.html").is_file() && d.join("out/丁局/丁局.html").is_file());
}

/// A department whose files cannot all be written keeps its complete previous set, never
/// a mix; on a full disk every failed department is named, and the summary says which.
#[test]
fn a_failed_department_keeps_its_whole_previous_set() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let inputs = d.join("in");
    std::fs::create_dir(&inputs).unwrap();
    for (file, name) in [("a.yaml", "甲局"), ("b.yaml", "乙局")] {
        std::fs::write(inputs.join(file), named(name)).unwrap();
    }
    let o = batch_in(d, &["in", "-o", "out"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let first = snapshot(&d.join("out"));
    assert_eq!(first.len(), 6);
    // Both inputs change; the disk is "full" when the PDFs are written (the writer's test
    // seam fails any path containing the text).
    for file in ["a.yaml", "b.yaml"] {
        let text = std::fs::read_to_string(inputs.join(file)).unwrap();
        std::fs::write(inputs.join(file), text.replacen("amount: 103400.00", "amount: 103500.00", 1))
            .unwrap();
    }
    let o = batch_in(d, &["in", "-o", "out"], &[("GONGKAI_TEST_FAIL_WRITE", ".pdf")]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    let stderr = err(&o);
    assert_eq!(stderr.matches("磁盘空间不足").count(), 2, "{stderr}");
    assert!(stderr.contains("失败 2（失败的部门：甲局、乙局）"), "{stderr}");
    let s = summary(&d.join("out"));
    assert_eq!(s["failed"].as_u64(), Some(2));
    for dept in s["departments"].as_array().unwrap() {
        assert!(dept["message"].as_str().unwrap().contains("磁盘空间不足"), "{dept:#}");
    }
    assert_eq!(snapshot(&d.join("out")), first, "every old file, bytes and mtime, is kept");
    let leftovers: Vec<_> =
        std::fs::read_dir(d.join("out/甲局")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 3, "no temporary left: {leftovers:?}");
    // With room again, both are regenerated.
    let o = batch_in(d, &["in", "-o", "out"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(summary(&d.join("out"))["generated"].as_u64(), Some(2));
}

/// Long names are cut by bytes at a character boundary; links in index.html are
/// percent-encoded and open the file.
#[test]
fn folder_names_fit_and_links_open() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let inputs = d.join("in");
    std::fs::create_dir(&inputs).unwrap();
    // 90 characters, 270 bytes: over the 255 bytes a file name may have.
    let long = "预算局".repeat(30);
    std::fs::write(inputs.join("long.yaml"), named(&long)).unwrap();
    std::fs::write(inputs.join("long2.yaml"), named(&long)).unwrap();
    std::fs::write(inputs.join("hash.yaml"), named("甲#局 100%")).unwrap();
    let o = batch_in(d, &["in", "-o", "out", "--format", "html"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let s = summary(&d.join("out"));
    let folders: Vec<String> = s["departments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["folder"].as_str().unwrap().to_owned())
        .collect();
    for f in &folders {
        assert!(f.len() <= 240, "{} bytes: {f}", f.len());
        assert!(d.join("out").join(f).join(format!("{f}.html")).is_file(), "{f}");
    }
    assert_eq!(folders.iter().filter(|f| f.starts_with("预算局预算局")).count(), 2);
    let index = std::fs::read_to_string(d.join("out/index.html")).unwrap();
    let hrefs: Vec<&str> = index.split("href=\"").skip(1).map(|h| &h[..h.find('"').unwrap()]).collect();
    assert_eq!(hrefs.len(), 3);
    for href in hrefs {
        assert!(href.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/%".contains(&b)), "{href}");
        let decoded = percent_decode(href);
        assert!(d.join("out").join(&decoded).is_file(), "{href} → {decoded}");
    }
    assert!(index.contains("%E7%94%B2%23%E5%B1%80%20100%25"), "{index}");
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap(), 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// Two shards writing into one folder at the same time keep each other's manifest entries
/// and temporaries; a third run finds everything unchanged.
#[test]
fn concurrent_shards_share_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    departments(&d.join("in"), 8);
    let spawn = |k: u32| {
        Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "batch",
                "in",
                "-o",
                "out",
                "--format",
                "html",
                "--jobs",
                "1",
                "--shard",
                &format!("{k}/2"),
            ])
            .current_dir(d)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(1), spawn(2));
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    }
    assert_eq!(manifest(&d.join("out"))["entries"].as_object().unwrap().len(), 8);
    let o = batch_in(d, &["in", "-o", "out", "--format", "html"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(summary(&d.join("out"))["unchanged"].as_u64(), Some(8));
}

/// The clean-up of temporaries spares a live run's files (its lock file is held) and
/// removes a dead run's.
#[test]
fn only_dead_runs_temporaries_are_swept() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    departments(&d.join("in"), 1);
    let out = d.join("out");
    std::fs::create_dir_all(out.join("某局")).unwrap();
    // A live run: its lock file is locked by this test process.
    let lock = std::fs::File::create(out.join(".gongkai-run.4242-live.lock")).unwrap();
    lock.lock().unwrap();
    std::fs::write(out.join("某局/.某局.pdf.4242-live.tmp"), "in flight").unwrap();
    // A dead run: a lock file nobody holds, and one with no lock file at all.
    std::fs::write(out.join(".gongkai-run.77-dead.lock"), "").unwrap();
    std::fs::write(out.join("某局/.某局.html.77-dead.tmp"), "left over").unwrap();
    std::fs::write(out.join(".summary.json.99.tmp"), "left over").unwrap();
    let o = batch_in(d, &["in", "-o", "out", "--format", "html"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out.join("某局/.某局.pdf.4242-live.tmp").is_file(), "a live run's temporary stays");
    assert!(out.join(".gongkai-run.4242-live.lock").is_file());
    assert!(!out.join("某局/.某局.html.77-dead.tmp").exists());
    assert!(!out.join(".summary.json.99.tmp").exists());
    assert!(!out.join(".gongkai-run.77-dead.lock").exists());
    drop(lock);
}

/// The default profile's narrative, whose comparisons synthetic departments fill.
fn default_profile() -> gongkai_model::profile::Profile {
    gongkai_profile::builtin(gongkai_model::DEFAULT_PROFILE).expect("the default profile is built in")
}

/// Each department's files are the same bytes from `render` (a process of its own) and
/// from `batch` (one process, two threads, sharing the PDF fonts' per-process caches with
/// the other departments), whatever else the batch holds.
#[test]
fn a_department_is_the_same_bytes_alone_and_in_any_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let (wide, narrow) = (tmp.path().join("wide"), tmp.path().join("narrow"));
    departments(&wide, 3);
    std::fs::create_dir_all(&narrow).unwrap();
    for seed in 1..=3 {
        let yaml = gongkai_synth::yaml(&gongkai_synth::example_variant(seed).0);
        std::fs::write(wide.join(format!("variant-{seed}.yaml")), &yaml).unwrap();
        if seed == 2 {
            std::fs::write(narrow.join("variant-2.yaml"), &yaml).unwrap();
        }
    }
    let (out_wide, out_narrow) = (tmp.path().join("out-wide"), tmp.path().join("out-narrow"));
    let o = batch(&[wide.to_str().unwrap(), "-o", out_wide.to_str().unwrap(), "--jobs", "2"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = batch(&[narrow.to_str().unwrap(), "-o", out_narrow.to_str().unwrap(), "--jobs", "1"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let name = gongkai_synth::example_variant(2).1.name;
    let alone = tmp.path().join("alone");
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["render", narrow.join("variant-2.yaml").to_str().unwrap(), "-o", alone.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for ext in ["pdf", "xlsx", "html"] {
        let rendered = std::fs::read(alone.join(format!("variant-2.{ext}"))).unwrap();
        for out in [&out_wide, &out_narrow] {
            let batched = std::fs::read(out.join(&name).join(format!("{name}.{ext}"))).unwrap();
            assert!(batched == rendered, "{ext}: batch in {} differs from render", out.display());
        }
    }
}
