//! Tests of the xlsx backend on the bundled example: one binary, one module per concern.
//!
//! Nothing here needs LibreOffice or Excel: workbooks are read back with calamine and
//! compared part by part as XML. Golden files are refreshed with
//! `GONGKAI_BLESS=1 cargo test -p gongkai-xlsx` (see tests/README.md).

// Loading the example, reading workbooks back, unzipping parts.
mod common;
// Every printed figure of the eleven tables, read back cell by cell.
mod readback;
// Each XML part against its golden file; merges and print settings asserted.
mod golden;
// Same document, same bytes; the timestamp touches only docProps/core.xml.
mod determinism;
// The empty table keeps its header and sentence; the rounding note is printed.
mod shapes;
// Tables in other number formats and layouts: 元, whole numbers, zero styles, percentages.
mod presentation;
// The performance-target forms: a sheet each, merged as the model merges them.
mod forms;
