//! Maps input paths (`lines[13].amount`) to the cell they were read from (`预算明细!I17`).
//!
//! The reader records a cell for every field it reads and for every row and sheet it
//! reads them from, so a finding about a field points at its cell, and a finding about
//! something absent (a missing last-year row) points at the row or the sheet's header.

use std::collections::BTreeMap;

use gongkai_model::diag::{Location, Path, SourceMap};

use crate::value::a1;

/// Cells of one workbook by input path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkbookSourceMap {
    file: String,
    cells: BTreeMap<Path, (String, String)>,
}

impl WorkbookSourceMap {
    pub(crate) fn new(file: &str) -> Self {
        WorkbookSourceMap { file: file.to_owned(), cells: BTreeMap::new() }
    }

    /// Records that `path` was read from the zero-based cell (row, col) of `sheet`; the
    /// first record of a path wins.
    pub(crate) fn insert(&mut self, path: Path, sheet: &str, row: u32, col: u32) {
        self.cells.entry(path).or_insert_with(|| (sheet.to_owned(), a1(row, col)));
    }

    /// The sheet and A1 cell recorded for exactly `path`.
    pub fn cell(&self, path: &Path) -> Option<(&str, &str)> {
        self.cells.get(path).map(|(s, c)| (s.as_str(), c.as_str()))
    }
}

impl SourceMap for WorkbookSourceMap {
    fn locate(&self, path: &Path) -> Option<Location> {
        let mut p = Some(path.clone());
        while let Some(candidate) = p {
            if let Some((sheet, cell)) = self.cells.get(&candidate) {
                return Some(Location::Cell {
                    file: self.file.clone(),
                    sheet: sheet.clone(),
                    cell: cell.clone(),
                });
            }
            p = candidate.parent();
        }
        Some(Location::File { file: self.file.clone() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(map: &WorkbookSourceMap, path: &str, expect: &str) {
        let got = map.locate(&Path::parse(path)).map(|l| l.to_string()).unwrap_or_default();
        assert_eq!(got, expect, "{path}");
    }

    #[test]
    fn falls_back_to_the_nearest_recorded_ancestor() {
        let mut map = WorkbookSourceMap::new("b.xlsx");
        map.insert(Path::parse("lines"), "预算明细", 2, 0);
        map.insert(Path::parse("lines[0]"), "预算明细", 3, 0);
        map.insert(Path::parse("lines[0].amount"), "预算明细", 3, 8);
        map.insert(Path::parse("lines[0].amount"), "别处", 9, 9);
        check(&map, "lines[0].amount", "b.xlsx:预算明细!I4");
        check(&map, "lines[0].source", "b.xlsx:预算明细!A4");
        check(&map, "lines[7].amount", "b.xlsx:预算明细!A3");
        check(&map, "assets.building_area", "b.xlsx");
    }
}
