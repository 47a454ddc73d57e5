//! Helpers shared by the xlsx tests: the example document, read-back and unzipping.

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _};
use std::path::PathBuf;
use std::sync::OnceLock;

use calamine::{Data, Range, Reader as _, Xlsx};
use gongkai_model::document::Document;
use gongkai_xlsx::{XlsxOptions, xlsx};

/// The workspace root.
pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The bundled example's document, as the CLI builds it.
pub(crate) fn document() -> &'static Document {
    static DOCUMENT: OnceLock<Document> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let bytes = std::fs::read(root().join("examples/changji-epmc-2025.yaml")).unwrap();
        let budget = gongkai_yaml::parse_clean(&bytes, "x.yaml").unwrap();
        let profile = gongkai_profile::builtin("xinjiang-11").unwrap();
        gongkai_templates::build(&budget, &profile).unwrap()
    })
}

/// The example's workbook with default options.
pub(crate) fn workbook_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| xlsx(document(), &XlsxOptions::default()).unwrap())
}

/// A workbook opened for reading.
pub(crate) fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes.to_vec())).unwrap()
}

/// A sheet's cells.
pub(crate) fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Range<Data> {
    book.worksheet_range(name).unwrap()
}

/// A sheet's merged ranges in A1 notation, sorted.
pub(crate) fn merges(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<String> {
    let mut refs: Vec<String> = book
        .merge_cells_by_sheet_name(name)
        .unwrap()
        .iter()
        .map(|d| format!("{}:{}", a1(d.start), a1(d.end)))
        .collect();
    refs.sort();
    refs
}

/// A zero-based (row, column) in A1 notation.
pub(crate) fn a1((row, col): (u32, u32)) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap();
        letters.insert(0, char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// Every part of the xlsx package by name, as text.
pub(crate) fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap_or_else(|e| panic!("{name}: {e}"));
        parts.insert(name, text);
    }
    parts
}

/// Text without the spaces PDF extraction puts between Chinese and Latin characters.
pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
