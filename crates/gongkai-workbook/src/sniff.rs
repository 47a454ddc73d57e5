//! What a file really is, from its bytes, and whether it is small enough to open.
//!
//! Budget systems export "Excel" files that are web pages, clerks rename .xls to .xlsx,
//! and an encrypted .xlsx is not a zip at all. Looking at the first bytes tells these
//! apart, so each gets a message saying what to do instead of a parser's complaint.

use std::io::Cursor;

use gongkai_model::diag::{Diagnostic, Location};
use gongkai_model::rules::Rule;

/// Size limits. A department's workbook is tens of kilobytes; anything near these is a
/// wrong file, and the limits keep a hostile one from exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Largest file, in bytes.
    pub(crate) bytes: usize,
    /// Largest total size of the unpacked parts, in bytes (zip bombs).
    pub(crate) unpacked: u128,
    /// Most non-empty cells in one sheet.
    pub(crate) cells: usize,
}

impl Limits {
    /// The limits `read` applies.
    pub(crate) const DEFAULT: Limits =
        Limits { bytes: 16 * 1024 * 1024, unpacked: 64 * 1024 * 1024, cells: 500_000 };
}

/// The zip signature of .xlsx and .ods files.
const ZIP: &[u8] = b"PK\x03\x04";
/// The signature of OLE compound files: .xls, and encrypted .xlsx.
const CFB: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What is wrong with `bytes` as an .xlsx package within the limits, if anything: what
/// they are instead, and what to do.
pub(crate) fn problem(bytes: &[u8], file: &str, limits: &Limits) -> Option<Diagnostic> {
    let (message, hint) = what_is_wrong(bytes, limits)?;
    Some(Diagnostic::new(Rule::Syntax, message).hint(hint).located(Location::File { file: file.to_owned() }))
}

/// The message and hint for a file that is not a readable .xlsx.
fn what_is_wrong(bytes: &[u8], limits: &Limits) -> Option<(String, &'static str)> {
    let fail = |message: String, hint: &'static str| Some((message, hint));
    if bytes.len() > limits.bytes {
        return fail(
            format!("文件过大（{} MB），不像是一个部门的预算工作簿", bytes.len() / (1024 * 1024)),
            "预算工作簿通常只有几十 KB；请确认选择了正确的文件",
        );
    }
    if bytes.is_empty() {
        return fail("文件为空".to_owned(), "请重新保存工作簿后再试");
    }
    if bytes.starts_with(CFB) {
        return if contains_utf16(bytes, "EncryptedPackage") {
            fail(
                "工作簿设置了打开密码，无法读取".to_owned(),
                "在 Excel 或 WPS 中打开，取消“用密码进行加密”后另存为 .xlsx 再试",
            )
        } else if contains_utf16(bytes, "Workbook") || contains_utf16(bytes, "Book") {
            fail(
                "这是 Excel 97-2003 工作簿（.xls），不能直接读取".to_owned(),
                "请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再试；\
                 gongkai 读不出 .xls 的单元格格式，无法保证读出的金额与表中所见一致",
            )
        } else {
            fail(
                "这不是 Excel 工作簿（可能是 Word 文档或其他 Office 文件）".to_owned(),
                "请选择用 gongkai init --format xlsx 生成并填写的 .xlsx 工作簿",
            )
        };
    }
    if bytes.starts_with(ZIP) {
        return zip(bytes, limits);
    }
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<') {
        return fail(
            "这不是 Excel 工作簿，而是网页（HTML）或 XML 格式的表格（常见于业务系统导出的“Excel”文件）"
                .to_owned(),
            "请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（*.xlsx）”后再试",
        );
    }
    fail(
        "文件不是 xlsx 工作簿，或已经损坏".to_owned(),
        "请在 Excel 或 WPS 中打开并另存为 .xlsx；若打不开，请从备份中找回",
    )
}

/// Checks a zip: an OpenDocument or binary workbook is named as such, and the parts
/// must not unpack to more than the limit.
fn zip(bytes: &[u8], limits: &Limits) -> Option<(String, &'static str)> {
    let fail = |message: String, hint: &'static str| Some((message, hint));
    // OpenDocument stores its media type uncompressed as the first entry.
    let head = &bytes[..bytes.len().min(100)];
    if head.windows(8).any(|w| w == b"mimetype") {
        return if head.windows(11).any(|w| w == b"spreadsheet") {
            fail(
                "这是 OpenDocument 表格（.ods），不能直接读取".to_owned(),
                "请在 WPS、Excel 或 LibreOffice 中打开，另存为“Excel 2007-365 工作簿（.xlsx）”后再试；\
                 gongkai 读不出 .ods 的合并单元格和金额格式，无法按模板检查",
            )
        } else {
            fail("这不是表格文件（是其他 OpenDocument 文档）".to_owned(), "请选择预算工作簿（.xlsx）")
        };
    }
    let mut archive = match ::zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            return fail(
                format!("工作簿已损坏，无法读取（{e}）"),
                "请在 Excel 或 WPS 中打开并另存为 .xlsx；若打不开，请从备份中找回",
            );
        }
    };
    let names: Vec<String> = archive.file_names().filter_map(Result::ok).map(|n| n.into_owned()).collect();
    if names.iter().any(|n| n == "xl/workbook.bin") {
        return fail(
            "这是 Excel 二进制工作簿（.xlsb），不能直接读取".to_owned(),
            "请在 Excel 中另存为“Excel 工作簿（*.xlsx）”后再试",
        );
    }
    if !names.iter().any(|n| n == "xl/workbook.xml") {
        return fail(
            "这不是 Excel 工作簿（压缩包中没有工作簿内容）".to_owned(),
            "请选择用 gongkai init --format xlsx 生成并填写的 .xlsx 工作簿",
        );
    }
    // The central directory records each part's size, also for parts written with data
    // descriptors (as rust_xlsxwriter and Excel do).
    let mut unpacked: u128 = 0;
    for i in 0..archive.len() {
        unpacked =
            unpacked.saturating_add(archive.by_index_raw(i).map_or(u128::MAX, |f| u128::from(f.size())));
    }
    match unpacked {
        size if size <= limits.unpacked => None,
        _ => fail(
            "工作簿解压后过大，不像是一个部门的预算工作簿".to_owned(),
            "预算工作簿通常只有几十 KB；请确认选择了正确的文件",
        ),
    }
}

/// Whether `bytes` hold `name` in UTF-16LE, as compound-file directories store names.
fn contains_utf16(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_message(bytes: &[u8], limits: &Limits, expect: &str) {
        let d = problem(bytes, "x.xlsx", limits).expect("should be refused");
        assert_eq!(d.rule, "E100");
        assert!(d.message.contains(expect), "{}", d.message);
        assert_eq!(d.location, Some(Location::File { file: "x.xlsx".into() }));
    }

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write as _;
        let mut w = ::zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            ::zip::write::SimpleFileOptions::default().compression_method(::zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            w.start_file(*name, options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_that_unpacks_too_far_is_refused() {
        let zeros = vec![0u8; 4096];
        let bytes = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", &zeros)]);
        let small = Limits { unpacked: 1024, ..Limits::DEFAULT };
        check_message(&bytes, &small, "解压后过大");
        assert!(problem(&bytes, "x.xlsx", &Limits::DEFAULT).is_none());
    }

    #[test]
    fn look_alikes_are_named() {
        let html = b"\xef\xbb\xbf  <html><table><tr><td>1</td></tr></table></html>";
        check_message(html, &Limits::DEFAULT, "网页");
        let xlsb = zip_of(&[("xl/workbook.bin", b"x")]);
        check_message(&xlsb, &Limits::DEFAULT, ".xlsb");
        let docx = zip_of(&[("word/document.xml", b"<w/>")]);
        check_message(&docx, &Limits::DEFAULT, "没有工作簿内容");
        check_message(b"", &Limits::DEFAULT, "文件为空");
    }
}
