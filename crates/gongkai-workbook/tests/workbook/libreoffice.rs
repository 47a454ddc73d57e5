//! A workbook saved by LibreOffice after one amount was edited reads back as the example
//! with exactly that change. The fixture is made by scripts/make-workbook-fixture.sh.

use std::io::{Cursor, Read as _};

use crate::common::{example, read, root};

const FIXTURE: &str = "tests/fixtures/changji-2025-libreoffice.xlsx";

#[test]
fn a_workbook_saved_by_libreoffice_reads_back_with_the_one_edit() {
    let bytes = std::fs::read(root().join(FIXTURE)).unwrap();
    // The file must really be LibreOffice's writing, not ours.
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut app = String::new();
    archive.by_name("docProps/app.xml").unwrap().read_to_string(&mut app).unwrap();
    assert!(app.contains("<Application>LibreOffice"), "{app}");

    let (budget, map) = read(&bytes);
    let mut expected = example();
    assert_eq!(expected.lines[1].amount.0, "51700.00", "the example changed: rerun the fixture script");
    expected.lines[1].amount.0 = "51800.00".into();
    assert_eq!(budget, expected);
    let path = gongkai_model::diag::Path::parse("lines[1].amount");
    assert_eq!(map.cell(&path), Some(("预算明细", "I5")));
}
