//! Helpers shared by the workbook tests.

use std::path::PathBuf;

use gongkai_model::diag::{Diagnostic, Location, locate_all};
use gongkai_model::input::Budget;
use gongkai_model::{Analysis, DEFAULT_PROFILE};
use gongkai_workbook::{Workbook, WorkbookSourceMap, WriteOptions};

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A budget from a YAML file of the workspace.
pub(crate) fn yaml(path: &str) -> Budget {
    let bytes = std::fs::read(root().join(path)).unwrap();
    gongkai_yaml::parse_clean(&bytes, path).unwrap()
}

/// The bundled example.
pub(crate) fn example() -> Budget {
    yaml("examples/changji-epmc-2025.yaml")
}

/// The synthetic department with units, 政府性基金 and carry-overs.
pub(crate) fn synthetic() -> Budget {
    yaml("tests/fixtures/synthetic-units-fund.yaml")
}

/// How the tests write workbooks: with the default profile's 上年预算 rows.
pub(crate) fn options() -> WriteOptions {
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    WriteOptions { compared: profile.narrative.compared_keys(), ..WriteOptions::default() }
}

/// A budget's workbook.
pub(crate) fn write(budget: &Budget) -> Vec<u8> {
    gongkai_workbook::write(budget, &options()).unwrap()
}

/// A budget's workbook after `edit`, as a clerk would leave it.
pub(crate) fn damaged(budget: &Budget, edit: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut wb = gongkai_workbook::workbook(budget, &options()).unwrap();
    edit(&mut wb);
    wb.save_to_buffer().unwrap()
}

/// Reads a workbook that must be readable.
pub(crate) fn read(bytes: &[u8]) -> (Budget, WorkbookSourceMap) {
    gongkai_workbook::read(bytes, "b.xlsx").unwrap_or_else(|d| panic!("{}", show(&d)))
}

/// The findings of reading a workbook that must not be readable.
pub(crate) fn refused(bytes: &[u8]) -> Vec<Diagnostic> {
    match gongkai_workbook::read(bytes, "b.xlsx") {
        Ok(_) => panic!("the workbook was read without complaint"),
        Err(d) => d,
    }
}

/// Reads and analyses a workbook, findings located at cells.
pub(crate) fn analyse(bytes: &[u8]) -> Analysis {
    let (budget, map) = read(bytes);
    let profile = gongkai_profile::builtin(DEFAULT_PROFILE).unwrap();
    let mut analysis = gongkai_model::analyse(&budget, &profile);
    locate_all(&mut analysis.diagnostics, &map);
    analysis
}

/// `sheet!cell` of a located finding, or the file's name.
pub(crate) fn place(d: &Diagnostic) -> String {
    match &d.location {
        Some(Location::Cell { sheet, cell, .. }) => format!("{sheet}!{cell}"),
        Some(Location::File { file }) => file.clone(),
        other => format!("{other:?}"),
    }
}

/// Findings one per line, for failure messages.
pub(crate) fn show(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

/// A sheet of a workbook being damaged.
pub(crate) fn sheet<'a>(wb: &'a mut Workbook, name: &str) -> &'a mut rust_xlsxwriter::Worksheet {
    wb.worksheet_from_name(name).unwrap()
}

/// The workbook with `from` replaced by `to` in one of its parts, re-zipped: for damage
/// the writer cannot do, such as a formula without its saved result.
pub(crate) fn patch(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    use std::io::{Cursor, Read as _, Write as _};
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut patched = false;
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut data = Vec::new();
        file.read_to_end(&mut data).unwrap();
        if name == part {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{part} does not contain {from}");
            data = text.replacen(from, to, 1).into_bytes();
            patched = true;
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    assert!(patched, "no part {part}");
    out.finish().unwrap().into_inner()
}

/// The start of an OLE compound file whose directory names the given streams: the
/// signature and the UTF-16 names are what tell an .xls from an encrypted .xlsx.
pub(crate) fn compound_file(streams: &[&str]) -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    for name in ["Root Entry"].iter().chain(streams) {
        // A directory entry: 64 bytes of UTF-16LE name, then its metadata.
        let mut entry: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        bytes.extend(entry);
    }
    bytes
}
