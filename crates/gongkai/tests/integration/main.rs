//! End-to-end tests of gongkai: one binary, one module per concern.
//!
//! Fixtures live in the workspace's `tests/` folder. Golden files are refreshed with
//! `GONGKAI_BLESS=1 cargo test` (see tests/README.md).

// Shared helpers: loading YAML, running the binary, normalising text.
mod common;
// Every figure of the eleven derived tables against the published document.
mod published;
// The built-in central profile against 国家信访局's 2026 disclosure, row for row.
mod central;
// The built-in jiangsu profile against 苏州市审计局's 2026 disclosure, row for row.
mod jiangsu;
// The built-in chongqing profile against 重庆市水利局's 2026 disclosure, row for row.
mod chongqing;
// The beijing profile against 北京市医疗保障局 2026 (预算01表–预算09表).
mod beijing;
// The built-in zhejiang profile against 杭州市交通运输局's 2026 disclosure, row for row.
mod zhejiang;
// The built-in fujian profile against 泉州市公安局's 2026 disclosure, row for row.
mod fujian;
// The built-in guangdong profile against 深圳市人民政府办公厅's 2026 disclosure, row for row.
mod guangdong;
// 珠海市商务局 under the guangdong-zhuhai profile (珠海's tables, another set than 深圳's).
mod guangdong_zhuhai;
// The shaanxi profile against 西安市人民政府办公厅's 2026 部门综合预算.
mod shaanxi;
// The built-in shanghai profile: 上海市普陀区司法局's 部门预算 and, from one input, its 单位预算.
mod shanghai;
// The same profile on 上海市普陀区商务委员会's 2025 部门预算 (07) and, from one input, its 单位预算 (08).
mod shanghai_2025;
// Each input rule fires on a minimal bad input, with its ID and line:column.
mod diagnostics;
// Synthetic departments: subordinate units, 政府性基金, identities that must hold.
mod synthetic;
// The command line: exit codes, outputs, no half-written files.
mod cli;
// House rules: module docs, crate dependency edges.
mod tidy;
// Batch generation: failures, skipping, regeneration, shards, interrupted runs.
mod batch;
// The fill-in workbook: init, convert, and commands reading workbooks like YAML.
mod workbook;
// Trust: no line lost, numbers in range, text as data, all findings at once.
mod trust;
// Conservation of money over random budgets.
mod conservation;
// Reads: regular files only, within size limits; never a hang on a FIFO or /dev/zero.
mod reads;
// Every command of README.md runs as written, with its documented exit code.
mod readme;
// Last year as data: keyed entries, last year's input, findings at their place.
mod last_year;
// 政府经济分类 (5xx): tables by the lines' 5xx codes, mapped by unit kind or given per line.
mod gov_economic;
// Checking published documents: files, folders, reports, exit codes.
mod check;
// Profile bundles a user writes: the invented demo-3, broken bundles, exported built-ins.
mod profiles;
// `gongkai diff`: changed cells, sentences and findings; --last-year; batch changes.json.
mod diff;
// Performance-target forms as data: W414 by the profile, a second layout.
mod forms;
// The narrative's truth: every project with spending in section 七, described or not.
mod narrative;
// The user's small frictions: messages that say what to do, batch summaries, init's year.
mod frictions;
