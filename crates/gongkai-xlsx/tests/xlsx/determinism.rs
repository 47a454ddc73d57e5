//! Same document, same bytes: the creation date is the only thing a timestamp changes.

use gongkai_model::plugin::{Backend as _, RenderSettings};
use gongkai_xlsx::{XlsxBackend, XlsxError, XlsxOptions, xlsx};

use crate::common::{document, parts, workbook_bytes};

/// Renders with `timestamp` and returns the parts that differ from the default rendering,
/// with the creation date recorded.
fn check(timestamp: Option<i64>) -> (Vec<String>, String) {
    let bytes = xlsx(document(), &XlsxOptions { timestamp }).unwrap();
    let (base, other) = (parts(workbook_bytes()), parts(&bytes));
    assert_eq!(base.keys().collect::<Vec<_>>(), other.keys().collect::<Vec<_>>());
    let changed = base.iter().filter(|(k, v)| other[*k] != **v).map(|(k, _)| k.clone()).collect();
    let core = &other["docProps/core.xml"];
    let start = core.find("<dcterms:created").unwrap();
    let value = &core[start..][core[start..].find('>').unwrap() + 1..];
    let created = value[..value.find('<').unwrap()].to_owned();
    (changed, created)
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let again = xlsx(document(), &XlsxOptions::default()).unwrap();
    assert!(again == workbook_bytes(), "two renderings of the same document differ");
}

#[test]
fn the_creation_date_defaults_to_the_publication_date() {
    // The example is published on 2025-02-14: naming that date explicitly changes nothing.
    let published = document().meta.published.unix_seconds();
    assert_eq!(check(Some(published)), (vec![], "2025-02-14T00:00:00Z".to_owned()));
    assert_eq!(check(None), (vec![], "2025-02-14T00:00:00Z".to_owned()));
}

#[test]
fn another_timestamp_changes_only_the_core_properties() {
    let (changed, created) = check(Some(1_700_000_000));
    assert_eq!(changed, ["docProps/core.xml"]);
    assert_eq!(created, "2023-11-14T22:13:20Z");
}

#[test]
fn the_backend_passes_the_render_settings_timestamp() {
    let backend = XlsxBackend;
    assert_eq!((backend.name(), backend.extension()), ("xlsx", "xlsx"));
    let settings = RenderSettings { timestamp: Some(1_700_000_000) };
    let via_backend = backend.render(document(), &settings).unwrap();
    let direct = xlsx(document(), &XlsxOptions { timestamp: Some(1_700_000_000) }).unwrap();
    assert!(via_backend == direct, "the backend and xlsx() disagree");
}

#[test]
fn a_timestamp_excel_cannot_store_is_refused() {
    let before_1900 = -2_300_000_000;
    let err = xlsx(document(), &XlsxOptions { timestamp: Some(before_1900) }).unwrap_err();
    assert!(matches!(err, XlsxError::TimestampOutOfRange(t) if t == before_1900), "{err:?}");
    let message =
        XlsxBackend.render(document(), &RenderSettings { timestamp: Some(before_1900) }).unwrap_err();
    assert_eq!(message.to_string(), "xlsx: 时间戳 -2300000000 超出 Excel 可表示的日期范围（1900—9999 年）");
}
