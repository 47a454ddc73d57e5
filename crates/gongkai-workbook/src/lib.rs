//! The fill-in workbook: the budget as an .xlsx workbook that finance clerks fill in with
//! Excel or WPS, read and written without loss.
//!
//! A workbook describes exactly what a budget YAML describes: [`write`] turns an
//! [`input::Budget`](gongkai_model::input::Budget) into a workbook and [`read`] turns the
//! workbook back into the same budget, so either can be converted into the other and both
//! render the same disclosure. One sheet holds one kind of fact: 基本信息, 内设科室,
//! 下属单位, 预算明细 (one row per budget line), 补充科目名称, 上年预算 (with 变动原因),
//! 上年分项, 项目说明, 上年结转, 政府采购, 国有资产, 整体绩效目标, 项目绩效目标 and
//! 绩效指标, after a 填表说明 sheet and before a hidden 科目目录 the name columns look codes
//! up in. The private `layout` module lists them field by field; reader and writer both
//! work from it, so they cannot disagree.
//!
//! Reading checks the workbook's structure (missing or renamed sheets, moved headers,
//! merged cells, blank rows, formulas without saved results, files that are not .xlsx)
//! and reports every problem at `sheet!cell` with the model's rule IDs; the budget's own
//! checks then run on the model and are located through [`WorkbookSourceMap`].
//!
//! Values keep their text: codes and words are text cells; an amount is a number cell
//! formatted with exactly the decimals of its text (`103400.00` shows and reads back as
//! `103400.00`), or a text cell when its text is not a plain decimal (`1,234.50`), so
//! the model's checks see what the YAML would have said. A name column holds a lookup
//! formula where the catalogue's name applies (absent in the model) and the typed name
//! otherwise. The one thing a cell cannot tell apart is empty from absent: an empty
//! optional text, a 上年预算 row with neither figure nor reason, and an all-empty
//! 整体绩效目标 read back as absent.
//!
//! Like every input adapter, this crate does no IO: bytes in, bytes out.

mod book;
mod error;
mod layout;
mod read;
mod sniff;
mod source_map;
mod value;
mod write;

use gongkai_model::diag::Diagnostic;
use gongkai_model::input::Budget;
use gongkai_model::plugin::{InputFormat, Loaded};
use gongkai_model::profile::ComparedKey;

pub use crate::error::WorkbookError;
pub use crate::source_map::WorkbookSourceMap;
pub use rust_xlsxwriter::Workbook;

/// Largest workbook accepted, in bytes; a department's workbook is tens of kilobytes.
pub const MAX_BYTES: usize = sniff::Limits::DEFAULT.bytes;

/// The fill-in workbook as an input format.
#[derive(Debug, Clone, Copy, Default)]
pub struct WorkbookFormat;

impl InputFormat for WorkbookFormat {
    fn name(&self) -> &'static str {
        "xlsx"
    }

    /// .xlsx and .xlsm are read. .xls and .ods are claimed only to answer them with a
    /// diagnostic saying how to save them as .xlsx: they keep neither amount formats
    /// (.xls, .ods) nor merged ranges (.ods) in a form calamine reports, so they cannot be
    /// checked as strictly.
    fn extensions(&self) -> &'static [&'static str] {
        &["xlsx", "xlsm", "xls", "ods"]
    }

    fn read(&self, bytes: &[u8], file: &str) -> Result<Loaded, Vec<Diagnostic>> {
        let (budget, map) = read(bytes, file)?;
        Ok(Loaded { budget, source_map: Box::new(map), diagnostics: Vec::new(), repaired: Vec::new() })
    }
}

/// How to write a workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Creation date to record, in seconds since the Unix epoch; `None` = the budget's
    /// publication date (or 1 January of its year while that is not filled in).
    pub timestamp: Option<i64>,
    /// The figures the profile compares with last year: one row each on 上年预算, in
    /// order (the budget's other last-year entries follow, so nothing is lost).
    pub compared: Vec<ComparedKey>,
}

/// Reads a filled-in workbook. `file` is the name printed in locations.
///
/// # Errors
///
/// Every structural problem found (a file that is not an .xlsx workbook, a missing sheet,
/// a moved header, merged cells, blank rows, formulas without results, cells that cannot
/// be read as their field), each located at `sheet!cell` or at the file.
pub fn read(bytes: &[u8], file: &str) -> Result<(Budget, WorkbookSourceMap), Vec<Diagnostic>> {
    read::read(bytes, file, &sniff::Limits::DEFAULT)
}

/// Writes `budget` as a fill-in workbook. The same budget and options give the same bytes.
///
/// # Errors
///
/// A budget the workbook cannot hold (two performance targets of one project, a text
/// longer than a cell takes) or a timestamp out of range.
pub fn write(budget: &Budget, options: &WriteOptions) -> Result<Vec<u8>, WorkbookError> {
    Ok(workbook(budget, options)?.save_to_buffer()?)
}

/// The workbook of `budget`, not yet saved: for callers that add to it before saving
/// (tests use it to damage a workbook the way clerks do).
///
/// # Errors
///
/// As [`write`].
pub fn workbook(budget: &Budget, options: &WriteOptions) -> Result<Workbook, WorkbookError> {
    write::workbook(budget, options)
}

/// An empty workbook for `year`, with the instructions and a 上年预算 row for each figure
/// of `compared` (the profile's), for `gongkai init`.
///
/// # Errors
///
/// As [`write`]; an empty budget always fits.
pub fn template(year: u16, compared: &[ComparedKey]) -> Result<Vec<u8>, WorkbookError> {
    let mut budget = Budget::default();
    budget.department.year = year;
    write(&budget, &WriteOptions { compared: compared.to_vec(), ..WriteOptions::default() })
}
