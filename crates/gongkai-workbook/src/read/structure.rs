//! The workbook's structure against the template: sheets present under their names,
//! headers where they belong, no merged cells, unknown columns or blank rows in the data.
//!
//! Structure problems are rule E106 (or E101 for an unknown column, as for an unknown
//! YAML field). A sheet whose header is wrong is not read further: its columns cannot be
//! trusted, and guessing would put amounts in the wrong fields.

use gongkai_model::diag::{Diagnostic, Location};
use gongkai_model::rules::Rule;

use super::Reader;
use super::cell::is_blank;
use crate::book::Grid;
use crate::layout::{DATA_SHEETS, HEADER_ROW};
use crate::value::{a1, column_name};

/// How far down and right a moved header is looked for.
const SEARCH_ROWS: u32 = 60;
const SEARCH_COLS: u32 = 12;

/// Text compared without spaces, so `单位 标识` and a wrapped header still match.
pub(super) fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Reader<'_> {
    /// Reports each data sheet the workbook lacks, naming a sheet that looks renamed.
    pub(super) fn missing_sheets(&mut self) {
        for &want in DATA_SHEETS {
            if self.book.names.iter().any(|n| n == want) {
                continue;
            }
            let renamed = self.book.names.iter().filter(|n| !DATA_SHEETS.contains(&n.as_str())).find(|n| {
                squash(n).contains(want) || want.contains(squash(n).as_str()) && !squash(n).is_empty()
            });
            let d = Diagnostic::new(Rule::BadLayout, format!("缺少工作表“{want}”"));
            let d = match renamed {
                Some(name) => d
                    .hint(format!("工作表“{name}”是否就是它？请把它改回原名“{want}”"))
                    .located(Location::Cell { file: self.file.to_owned(), sheet: name.clone(), cell: "A1".into() }),
                None => d
                    .hint(format!(
                        "工作簿应包含工作表：{}；请在 gongkai init --format xlsx 生成的模板中填写，不要删除或改名工作表",
                        DATA_SHEETS.join("、")
                    ))
                    .located(Location::File { file: self.file.to_owned() }),
            };
            self.diags.push(d);
        }
    }

    /// Checks a sheet's header row against `expected` and its merged cells; returns
    /// whether the data below can be read.
    pub(super) fn header(&mut self, grid: &Grid, expected: &[&str]) -> bool {
        self.merges(grid);
        let matches_at =
            |row: u32, col: u32| (col..).zip(expected).all(|(c, want)| grid.label(row, c) == squash(want));
        if matches_at(HEADER_ROW, 0) {
            return true;
        }
        // A workbook made from an earlier template lacks the columns added since at the
        // right: read it when those columns are wholly empty (nothing there to lose).
        let matched =
            (0u32..).zip(expected).take_while(|(c, want)| grid.label(HEADER_ROW, *c) == squash(want)).count();
        let width = u32::try_from(expected.len()).unwrap_or(u32::MAX);
        let first_missing = u32::try_from(matched).unwrap_or(u32::MAX);
        let rest_empty = grid
            .cells
            .iter()
            .all(|(&(r, c), cell)| r < HEADER_ROW || c < first_missing || c >= width || is_blank(Some(cell)));
        if matched > 0 && rest_empty {
            return true;
        }
        let last = grid.last_row().unwrap_or(0).min(SEARCH_ROWS);
        let moved =
            (0..=last).flat_map(|r| (0..SEARCH_COLS).map(move |c| (r, c))).find(|&(r, c)| matches_at(r, c));
        if let Some((row, col)) = moved {
            self.report(
                Rule::BadLayout,
                &grid.name,
                (row, col),
                format!(
                    "表头应在第 {} 行、从 A 列开始，现在在第 {} 行、从 {} 列开始",
                    HEADER_ROW + 1,
                    row + 1,
                    column_name(col)
                ),
                "恢复模板的行列位置：不要在表头上方或左侧插入、删除行列；排序时不要选中表头",
            );
            return false;
        }
        if (0u32..).zip(expected).all(|(col, _)| grid.label(HEADER_ROW, col).is_empty()) {
            self.report(
                Rule::BadLayout,
                &grid.name,
                (HEADER_ROW, 0),
                format!("第 {} 行没有表头；应为：{}", HEADER_ROW + 1, expected.join("、")),
                "请在 gongkai init --format xlsx 生成的模板中填写，或从模板复制表头",
            );
            return false;
        }
        for (col, want) in (0u32..).zip(expected) {
            let got = grid.label(HEADER_ROW, col);
            if got == squash(want) {
                continue;
            }
            let elsewhere = (0u32..).zip(expected).any(|(c, w)| c != col && squash(w) == got);
            let hint = if got.is_empty() {
                "不要删除模板的表头；各列按表头读取"
            } else if elsewhere {
                "不要调整列的顺序；各列按模板的位置读取"
            } else {
                "请恢复模板的表头文字；各列按表头读取"
            };
            let shown = if got.is_empty() { "空".to_owned() } else { format!("“{got}”") };
            self.report(
                Rule::BadLayout,
                &grid.name,
                (HEADER_ROW, col),
                format!("表头 {} 应为“{want}”，实际为{shown}", a1(HEADER_ROW, col)),
                hint,
            );
        }
        false
    }

    /// Reports merged cells that reach the header or the data.
    fn merges(&mut self, grid: &Grid) {
        for m in &grid.merges {
            if m.end.0 >= HEADER_ROW {
                self.report(
                    Rule::BadLayout,
                    &grid.name,
                    m.start,
                    format!(
                        "合并单元格 {}:{} 位于表头或数据区，无法逐格读取",
                        a1(m.start.0, m.start.1),
                        a1(m.end.0, m.end.1)
                    ),
                    "取消合并（“开始→合并后居中”再点一次），并在每个单元格中分别填写",
                );
            }
        }
    }

    /// Reports columns right of a table's last column that hold anything from the header
    /// row down: data there would be silently lost.
    pub(super) fn unknown_columns(&mut self, grid: &Grid, width: u32) {
        let mut seen = std::collections::BTreeSet::new();
        let extra: Vec<(u32, u32)> = grid
            .cells
            .iter()
            .filter(|&(&(r, c), cell)| r >= HEADER_ROW && c >= width && !is_blank(Some(cell)))
            .map(|(&pos, _)| pos)
            .collect();
        for (row, col) in extra {
            if !seen.insert(col) {
                continue;
            }
            let header = grid.label(HEADER_ROW, col);
            let (at, what) = if header.is_empty() {
                ((row, col), format!("{} 列没有表头，但填有内容", column_name(col)))
            } else {
                ((HEADER_ROW, col), format!("未知列“{header}”"))
            };
            self.report(
                Rule::UnknownField,
                &grid.name,
                at,
                format!("{what}：模板中没有这一列，其内容不会被读取"),
                "删除这一列，或把内容移到模板已有的列中",
            );
        }
    }

    /// Reports each run of blank rows that has data below it.
    pub(super) fn blank_rows(&mut self, grid: &Grid, rows: &[u32], first: u32) {
        let mut expected = first;
        for &row in rows {
            if row > expected {
                let message = if row - expected == 1 {
                    format!("第 {} 行是空行，而其下还有数据", expected + 1)
                } else {
                    format!("第 {}–{} 行是空行，而其下还有数据", expected + 1, row)
                };
                self.report(
                    Rule::BadLayout,
                    &grid.name,
                    (expected, 0),
                    message,
                    "删除空行（右键行号→删除）；每张表从表头下一行起连续填写",
                );
            }
            expected = row + 1;
        }
    }
}
