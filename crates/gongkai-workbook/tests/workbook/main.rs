//! Tests of the fill-in workbook: one binary, one module per concern.
//!
//! Workbooks are made in memory with the crate's own writer, then damaged the way clerks
//! and other programs damage them; the one fixture made by LibreOffice is committed under
//! `tests/fixtures/` (see scripts/make-workbook-fixture.sh).

// Budgets from the YAML fixtures, writing, reading and locating.
mod common;
// YAML → workbook → model gives the same model, for the example and generated variants.
mod roundtrip;
// Either input renders the same tables, diagnostics, document and HTML.
mod render;
// Every bad-workbook case: rule, message and cell.
mod broken;
// A workbook saved by LibreOffice after editing one amount reads back with that change.
mod libreoffice;
