//! The three shapes of data sheet: tables (one row per entry), forms (one labelled row
//! per field) and 上年预算 (one row per compared figure, keyed by 类别 and 项目).

use std::collections::BTreeSet;

use gongkai_model::diag::Path;
use gongkai_model::input::{Compared, LastYear};
use gongkai_model::rules::Rule;

use super::cell::is_blank;
use super::structure::squash;
use super::{Reader, join};
use crate::book::Grid;
use crate::layout::{self, COMPARE_HEADER, FIRST_DATA_ROW, FORM_HEADER, HEADER_ROW, Kind, Sheet, Value};

impl Reader<'_> {
    /// Reads a table sheet: each non-blank row below the header into a `T`, with its row.
    /// The sheet's path `base` points at its header.
    pub(super) fn table<T: Default>(&mut self, spec: &Sheet<T>, base: &Path) -> Vec<(T, u32)> {
        let Some(grid) = self.grid(spec.name) else { return Vec::new() };
        self.map.insert(base.clone(), spec.name, HEADER_ROW, 0);
        let headers: Vec<&str> = spec.fields.iter().map(|f| f.header).collect();
        if !self.header(grid, &headers) {
            return Vec::new();
        }
        let width = u32::try_from(spec.fields.len()).unwrap_or(u32::MAX);
        self.unknown_columns(grid, width);
        let rows = content_rows(grid, spec);
        self.blank_rows(grid, &rows, FIRST_DATA_ROW);
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut value = T::default();
            for (col, field) in (0u32..).zip(spec.fields) {
                if let Some(v) = self.value(grid, row, col, field.kind, &format!("“{}”", field.header)) {
                    (field.set)(&mut value, v);
                }
            }
            out.push((value, row));
        }
        out
    }

    /// Reads a form sheet into `target`, each field from the row its label names. Returns
    /// whether any field had a value (an all-empty form stands for an absent one).
    pub(super) fn form<T>(&mut self, spec: &Sheet<T>, base: &Path, target: &mut T) -> bool {
        let Some(grid) = self.grid(spec.name) else { return false };
        self.map.insert(base.clone(), spec.name, HEADER_ROW, 0);
        if !self.header(grid, &FORM_HEADER) {
            return false;
        }
        let mut seen = BTreeSet::new();
        let mut filled = false;
        for row in rows_below_header(grid) {
            let label = grid.label(row, 0);
            if label.is_empty() {
                if !is_blank(grid.get(row, 1)) {
                    self.report(
                        Rule::BadLayout,
                        spec.name,
                        (row, 1),
                        "这一行填了内容，但 A 列没有项目名称".to_owned(),
                        "恢复 A 列的项目名称，或删除这一行",
                    );
                }
                continue;
            }
            let Some((index, field)) =
                spec.fields.iter().enumerate().find(|(_, f)| squash(f.header) == label)
            else {
                let labels: Vec<&str> = spec.fields.iter().map(|f| f.header).collect();
                self.report(
                    Rule::UnknownField,
                    spec.name,
                    (row, 0),
                    format!("未知项目“{label}”"),
                    &format!("此表的项目：{}", labels.join("、")),
                );
                continue;
            };
            if !seen.insert(index) {
                self.report(
                    Rule::DuplicateKey,
                    spec.name,
                    (row, 0),
                    format!("项目“{label}”出现了两次"),
                    "删除多余的一行；重复的项目会使其中一个数字丢失，因此不予接受",
                );
                continue;
            }
            let path = join(base, field.path);
            self.map.insert(path, spec.name, row, 1);
            filled |= !is_blank(grid.get(row, 1)) && !matches!(field.kind, Kind::Name(_));
            if let Some(v) = self.value(grid, row, 1, field.kind, &format!("“{}”", field.header)) {
                (field.set)(target, v);
            }
        }
        for (index, field) in spec.fields.iter().enumerate() {
            if field.required && !seen.contains(&index) {
                self.report(
                    Rule::MissingField,
                    spec.name,
                    (HEADER_ROW, 0),
                    format!("缺少必填项目“{}”这一行", field.header),
                    "在 A 列补上这一项目名称，并在 B 列填写内容",
                );
            }
        }
        filled
    }

    /// Reads 上年预算 into `last_year`, each row under its 比较键: a row with neither
    /// figure nor reason is absent. Whether the key is one the profile compares is the
    /// model's to check.
    pub(super) fn compared(&mut self, last_year: &mut LastYear) {
        let Some(grid) = self.grid(layout::COMPARE) else { return };
        let base = Path::root().key("last_year");
        self.map.insert(base.clone(), layout::COMPARE, HEADER_ROW, 0);
        // Workbooks of gongkai 0.1 found rows by 类别 and 项目, with a 说明 column where the
        // 比较键 is now.
        if grid.label(HEADER_ROW, 4) == "说明" && grid.label(HEADER_ROW, 0) == "类别" {
            self.report(
                Rule::BadLayout,
                layout::COMPARE,
                (HEADER_ROW, 4),
                "“上年预算”表是旧版格式（E 列为“说明”，没有“比较键”）".to_owned(),
                "用 gongkai init 生成新的填报工作簿，把上年数和变动原因复制到对应的行",
            );
            return;
        }
        if !self.header(grid, &COMPARE_HEADER) {
            return;
        }
        self.unknown_columns(grid, u32::try_from(COMPARE_HEADER.len()).unwrap_or(u32::MAX));
        let mut seen = BTreeSet::new();
        for row in rows_below_header(grid) {
            let (group, label, key) = (grid.label(row, 0), grid.label(row, 1), grid.label(row, 4));
            let filled = !(is_blank(grid.get(row, 2)) && is_blank(grid.get(row, 3)));
            if key.is_empty() {
                if filled || !group.is_empty() || !label.is_empty() {
                    self.report(
                        Rule::BadLayout,
                        layout::COMPARE,
                        (row, 4),
                        format!("“{group} / {label}”这一行没有比较键"),
                        "恢复 E 列的比较键（可重新生成填报工作簿对照），或删除这一行",
                    );
                }
                continue;
            }
            if !seen.insert(key.clone()) {
                self.report(
                    Rule::DuplicateKey,
                    layout::COMPARE,
                    (row, 4),
                    format!("比较键“{key}”出现了两次"),
                    "删除多余的一行",
                );
                continue;
            }
            let path = base.key(&key);
            self.map.insert(path.clone(), layout::COMPARE, row, 2);
            self.map.insert(path.key("amount"), layout::COMPARE, row, 2);
            self.map.insert(path.key("reason"), layout::COMPARE, row, 3);
            let what = format!("“{group} / {label}”的上年预算数");
            let amount = self.value(grid, row, 2, Kind::Decimal, &what).map(Value::scalar);
            let reason = self.value(grid, row, 3, Kind::OptText, "变动原因").and_then(Value::opt);
            let (Some(amount), reason) = (amount, reason) else { continue };
            if !amount.0.is_empty() || reason.is_some() {
                last_year.set(&key, Compared { amount, reason });
            }
        }
    }
}

/// Rows below the header that hold anything.
fn rows_below_header(grid: &Grid) -> Vec<u32> {
    let mut rows: Vec<u32> = grid.cells.keys().map(|&(r, _)| r).filter(|&r| r >= FIRST_DATA_ROW).collect();
    rows.dedup();
    rows
}

/// Rows of a table that hold data in its columns. A name column's lookup formula alone
/// is not data: the template fills it into empty rows.
fn content_rows<T>(grid: &Grid, spec: &Sheet<T>) -> Vec<u32> {
    let mut rows: Vec<u32> = grid
        .cells
        .iter()
        .filter(|&(&(r, c), cell)| {
            let field = usize::try_from(c).ok().and_then(|c| spec.fields.get(c));
            r >= FIRST_DATA_ROW
                && field.is_some_and(|f| !(matches!(f.kind, Kind::Name(_)) && cell.formula.is_some()))
                && !is_blank(Some(cell))
        })
        .map(|(&(r, _), _)| r)
        .collect();
    rows.dedup();
    rows
}
