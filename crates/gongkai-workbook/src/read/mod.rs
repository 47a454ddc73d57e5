//! Reading a filled-in workbook into the model.
//!
//! The reader checks the workbook's structure (sheets, headers, merged cells, blank rows,
//! formulas without results) and turns every cell into the text the model keeps. It
//! does not check the budget itself: codes, amounts and references are the model's job,
//! so a wrong amount gets the same rule ID whether it came from YAML or a workbook. Every
//! problem found is reported, located at `sheet!cell`, before giving up.

mod cell;
mod shapes;
mod structure;

use gongkai_model::diag::{Diagnostic, Location, Path};
use gongkai_model::input::{Budget, OverallTarget, Performance};
use gongkai_model::money::MoneyUnit;
use gongkai_model::rules::Rule;

use crate::book::{self, Book, Grid};
use crate::layout::{self, DATA_SHEETS, Field};
use crate::sniff::Limits;
use crate::source_map::WorkbookSourceMap;
use crate::value::a1;

/// Reads a workbook with the given limits.
pub(crate) fn read(
    bytes: &[u8],
    file: &str,
    limits: &Limits,
) -> Result<(Budget, WorkbookSourceMap), Vec<Diagnostic>> {
    let wanted: Vec<&str> = DATA_SHEETS.iter().chain(layout::OPTIONAL_SHEETS).copied().collect();
    let book = book::open(bytes, file, &wanted, limits)?;
    let mut reader = Reader {
        book: &book,
        file,
        diags: Vec::new(),
        map: WorkbookSourceMap::new(file),
        unit: MoneyUnit::default(),
    };
    reader.missing_sheets();
    let budget = reader.budget();
    if reader.diags.iter().any(Diagnostic::is_error) { Err(reader.diags) } else { Ok((budget, reader.map)) }
}

/// The state of one read: the workbook, the findings so far and the source map.
struct Reader<'a> {
    book: &'a Book,
    file: &'a str,
    diags: Vec<Diagnostic>,
    map: WorkbookSourceMap,
    /// The money unit, read first: it decides how far binary noise is rounded.
    unit: MoneyUnit,
}

impl<'a> Reader<'a> {
    /// Records a finding at a zero-based cell.
    fn report(&mut self, rule: Rule, sheet: &str, (row, col): (u32, u32), message: String, hint: &str) {
        let mut d = Diagnostic::new(rule, message).located(Location::Cell {
            file: self.file.to_owned(),
            sheet: sheet.to_owned(),
            cell: a1(row, col),
        });
        if !hint.is_empty() {
            d = d.hint(hint);
        }
        self.diags.push(d);
    }

    /// A data sheet, when the workbook has it (a missing one is reported once, up front).
    fn grid(&self, name: &str) -> Option<&'a Grid> {
        self.book.sheets.get(name)
    }

    /// Records a row's fields in the source map: the row at its first cell, each field at
    /// its own.
    fn map_row<T>(&mut self, sheet: &str, fields: &[Field<T>], row: u32, base: &Path) {
        self.map.insert(base.clone(), sheet, row, 0);
        for (col, field) in (0u32..).zip(fields) {
            let path = if field.path.is_empty() { base.clone() } else { join(base, field.path) };
            self.map.insert(path, sheet, row, col);
        }
    }

    /// The whole budget, sheet by sheet.
    fn budget(&mut self) -> Budget {
        let mut budget = Budget::default();
        // 基本信息 first: its money unit decides how number cells are read.
        let root = Path::root();
        self.form(&layout::DEPARTMENT, &root, &mut budget);
        self.map.insert(root.key("department"), layout::DEPARTMENT.name, layout::HEADER_ROW, 0);
        self.unit = budget.department.money_unit;

        let offices = path("department.offices");
        budget.department.offices = self.list(&layout::OFFICES, &offices);
        budget.units = self.list(&layout::UNITS, &path("units"));
        budget.lines = self.list(&layout::LINES, &path("lines"));
        budget.code_names = self.code_names();
        self.compared(&mut budget.last_year);
        budget.last_year.items = self.list(&layout::ITEMS, &path("last_year.items"));
        budget.projects = self.list(&layout::PROJECTS, &path("projects"));
        budget.carryover = self.list(&layout::CARRYOVER, &path("carryover"));
        self.form(&layout::PROCUREMENT, &path("procurement"), &mut budget.procurement);
        self.form(&layout::ASSETS, &path("assets"), &mut budget.assets);
        budget.performance = self.performance();
        budget
    }

    /// A table sheet read as a list, each row recorded in the source map under `base`.
    fn list<T: Default>(&mut self, spec: &layout::Sheet<T>, base: &Path) -> Vec<T> {
        let rows = self.table(spec, base);
        let mut out = Vec::with_capacity(rows.len());
        for (i, (value, row)) in rows.into_iter().enumerate() {
            self.map_row(spec.name, spec.fields, row, &base.index(i));
            out.push(value);
        }
        out
    }

    /// 补充科目名称 as the `code_names` map.
    fn code_names(&mut self) -> std::collections::BTreeMap<String, String> {
        let spec = &layout::CODE_NAMES;
        let base = path("code_names");
        let mut names = std::collections::BTreeMap::new();
        for ((code, name), row) in self.table(spec, &base) {
            if names.contains_key(&code) {
                self.report(
                    Rule::DuplicateKey,
                    spec.name,
                    (row, 0),
                    format!("科目编码“{code}”重复填写"),
                    "每个编码只写一行，删除多余的一行",
                );
                continue;
            }
            self.map_row(spec.name, spec.fields, row, &base.key(&code));
            names.insert(code, name);
        }
        names
    }

    /// The performance targets: 整体绩效目标, 项目绩效目标 and the indicators that hang
    /// under them by their 所属 column.
    fn performance(&mut self) -> Performance {
        let overall_path = path("performance.overall");
        let mut overall = OverallTarget::default();
        let mut has_overall = self.form(&layout::OVERALL, &overall_path, &mut overall);
        let projects_path = path("performance.projects");
        let mut projects = self.list(&layout::TARGETS, &projects_path);
        let programmes_path = path("performance.programmes");
        let mut programmes = self.list(&layout::PROGRAMMES, &programmes_path);
        let spec = &layout::INDICATORS;
        for ((owner, indicator), row) in self.table(spec, &path("performance")) {
            let owner = owner.trim();
            let base = if owner == layout::OVERALL_OWNER {
                has_overall = true;
                overall.indicators.push(indicator);
                overall_path.key("indicators").index(overall.indicators.len() - 1)
            } else if let Some(j) = projects.iter().position(|t| t.project.trim() == owner) {
                projects[j].indicators.push(indicator);
                projects_path.index(j).key("indicators").index(projects[j].indicators.len() - 1)
            } else if let Some(j) = programmes.iter().position(|t| t.name.trim() == owner) {
                programmes[j].indicators.push(indicator);
                programmes_path.index(j).key("indicators").index(programmes[j].indicators.len() - 1)
            } else {
                self.report(
                    Rule::BadValue,
                    spec.name,
                    (row, 0),
                    format!(
                        "所属“{owner}”既不是“{}”，也不是项目绩效目标表中的项目或专项资金绩效目标表中的资金",
                        layout::OVERALL_OWNER
                    ),
                    "填写“部门整体”，或与项目绩效目标表中完全一致的项目名称、专项资金绩效目标表中的资金名称",
                );
                continue;
            };
            self.map_row(spec.name, spec.fields, row, &base);
        }
        Performance { overall: has_overall.then_some(overall), projects, programmes }
    }
}

/// A path from its dotted form.
fn path(text: &str) -> Path {
    Path::parse(text)
}

/// `base` extended by a dotted relative path.
fn join(base: &Path, rel: &str) -> Path {
    let mut p = base.clone();
    p.0.extend(Path::parse(rel).0);
    p
}
