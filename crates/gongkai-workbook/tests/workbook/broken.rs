//! Workbooks damaged the way clerks and other programs damage them: each is refused or
//! read with a finding that names the rule, says what is wrong and points at the cell.

use gongkai_model::diag::Diagnostic;
use rust_xlsxwriter::Format;

use crate::common::{
    analyse, compound_file, damaged, example, patch, place, read, refused, sheet, show, write,
};

/// The one finding of `rule`; its message contains `fragment` and it sits at `at`.
fn check(diags: &[Diagnostic], rule: &str, fragment: &str, at: &str) {
    let found: Vec<_> = diags.iter().filter(|d| d.rule == rule).collect();
    assert_eq!(found.len(), 1, "expected one {rule}:\n{}", show(diags));
    let d = found[0];
    assert!(d.message.contains(fragment), "message of {rule}: {}", d.message);
    assert_eq!(place(d), at, "{d}");
}

/// A workbook of the example with one cell of 预算明细 replaced.
fn lines_edited(edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    damaged(&example(), |wb| edit(sheet(wb, "预算明细")))
}

#[test]
fn a_missing_sheet_is_named() {
    let bytes = damaged(&example(), |wb| {
        sheet(wb, "预算明细").set_name("Sheet1").unwrap();
    });
    let diags = refused(&bytes);
    check(&diags, "E106", "缺少工作表“预算明细”", "b.xlsx");
    assert!(diags[0].hint.as_deref().unwrap_or_default().contains("不要删除或改名"), "{}", show(&diags));
}

#[test]
fn a_renamed_sheet_is_pointed_at() {
    let bytes = damaged(&example(), |wb| {
        sheet(wb, "预算明细").set_name("预算明细 (2)").unwrap();
    });
    let diags = refused(&bytes);
    check(&diags, "E106", "缺少工作表“预算明细”", "预算明细 (2)!A1");
    assert!(diags[0].hint.as_deref().unwrap_or_default().contains("改回原名"), "{}", show(&diags));
}

#[test]
fn a_moved_header_is_found_where_it_went() {
    // Two rows inserted above the header: the header now sits in row 5.
    let bytes = lines_edited(|ws| {
        let header = Format::new();
        for (col, text) in
            (0u16..).zip(["单位标识", "功能分类编码", "功能分类名称", "经济分类编码", "经济分类名称"])
        {
            ws.clear_cell(2, col);
            ws.write_string_with_format(4, col, text, &header).unwrap();
        }
        let rest = ["支出类型", "项目名称", "资金来源", "金额", "政府经济分类编码", "人员经费", "基本建设"];
        let purchase = [
            "政府采购品目",
            "采购品目名称",
            "采购组织形式",
            "政府购买服务目录",
            "预留中小企业份额",
            "预留小微企业份额",
        ];
        for (col, text) in (5u16..).zip(rest.into_iter().chain(purchase)) {
            ws.clear_cell(2, col);
            ws.write_string_with_format(4, col, text, &header).unwrap();
        }
    });
    let diags = refused(&bytes);
    check(&diags, "E106", "表头应在第 3 行、从 A 列开始，现在在第 5 行、从 A 列开始", "预算明细!A5");
}

#[test]
fn a_changed_header_is_named_at_its_cell() {
    let bytes = lines_edited(|ws| {
        ws.write_string(2, 8, "金额（元）").unwrap();
    });
    check(&refused(&bytes), "E106", "表头 I3 应为“金额”，实际为“金额（元）”", "预算明细!I3");
}

#[test]
fn text_in_an_amount_cell_is_not_a_number_at_its_cell() {
    let bytes = lines_edited(|ws| {
        ws.write_string(4, 8, "五万一千七百元").unwrap();
    });
    check(&analyse(&bytes).diagnostics, "E301", "“五万一千七百元”不是数字", "预算明细!I5");
}

#[test]
fn amounts_with_stray_spaces_or_full_width_digits_are_read() {
    let bytes = lines_edited(|ws| {
        ws.write_string(3, 8, " 103400.00 ").unwrap();
        ws.write_string(4, 8, "５１７００．００").unwrap();
        ws.write_string(5, 8, "51,700.00\u{3000}").unwrap();
    });
    let analysis = analyse(&bytes);
    assert!(!analysis.has_errors(), "{}", show(&analysis.diagnostics));
    let original = gongkai_model::analyse(&example(), &gongkai_profile::builtin("xinjiang-11").unwrap());
    assert_eq!(analysis.tables, original.tables, "the same figures, however typed");
    let (budget, _) = read(&bytes);
    assert_eq!(budget.lines[1].amount.0, "５１７００．００", "text passes through as typed");
}

#[test]
fn codes_excel_turned_into_numbers_get_their_digits_back() {
    let bytes = lines_edited(|ws| {
        ws.write_number(3, 1, 2_080_505).unwrap();
        ws.write_number(3, 3, 30108).unwrap();
        // A clerk's zero-padded number format shows the digits too.
        ws.write_number_with_format(4, 3, 30109, &Format::new().set_num_format("00000")).unwrap();
    });
    let (budget, map) = read(&bytes);
    assert_eq!((budget.lines[0].func.0.as_str(), budget.lines[0].econ.0.as_str()), ("2080505", "30108"));
    assert_eq!(budget.lines[1].econ.0, "30109");
    let path = gongkai_model::diag::Path::parse("lines[0].func");
    assert_eq!(map.cell(&path), Some(("预算明细", "B4")));

    // A number that lost digits cannot be recovered: say so at the cell.
    let bytes = lines_edited(|ws| {
        ws.write_number(4, 1, 208_055).unwrap();
    });
    check(&refused(&bytes), "E201", "“208055”是 6 位，应为 7 位；该单元格是数字格式", "预算明细!B5");
}

#[test]
fn a_formula_without_a_saved_result_is_refused() {
    let formula = rust_xlsxwriter::Formula::new("1000*103.4").set_result("103400");
    let bytes = lines_edited(|ws| {
        ws.write_formula(3, 8, formula).unwrap();
    });
    // With its result saved, a formula reads as its result, in the column's 0.00 format.
    assert_eq!(read(&bytes).0.lines[0].amount.0, "103400.00");
    // The sheets are stored in workbook order; 预算明细 is the fifth.
    let stripped =
        patch(&bytes, "xl/worksheets/sheet5.xml", "<f>1000*103.4</f><v>103400</v>", "<f>1000*103.4</f>");
    check(
        &refused(&stripped),
        "E106",
        "“金额”是公式（=1000*103.4），但文件中没有保存计算结果",
        "预算明细!I4",
    );
}

#[test]
fn merged_cells_in_the_data_area_are_refused() {
    let bytes = lines_edited(|ws| {
        // The title row may be merged; the data may not.
        ws.merge_range(0, 0, 0, 8, "预算明细", &Format::new()).unwrap();
        ws.merge_range(4, 6, 5, 6, "", &Format::new()).unwrap();
    });
    check(&refused(&bytes), "E106", "合并单元格 G5:G6 位于表头或数据区", "预算明细!G5");
}

#[test]
fn an_empty_row_in_the_middle_is_refused() {
    let bytes = lines_edited(|ws| {
        for col in 0..9 {
            ws.clear_cell(5, col);
        }
    });
    check(&refused(&bytes), "E106", "第 6 行是空行，而其下还有数据", "预算明细!A6");
}

#[test]
fn an_unknown_column_is_refused() {
    let bytes = lines_edited(|ws| {
        ws.write_string(2, 18, "备注").unwrap();
        ws.write_string(7, 18, "待核").unwrap();
    });
    check(&refused(&bytes), "E101", "未知列“备注”", "预算明细!S3");
}

#[test]
fn text_in_a_count_cell_is_the_wrong_type() {
    let bytes = damaged(&example(), |wb| {
        sheet(wb, "基本信息").write_string(9, 1, "五人").unwrap();
    });
    check(&refused(&bytes), "E103", "“编制数”应为整数，实际为“五人”", "基本信息!B10");
}

#[test]
fn model_findings_point_at_the_cell_of_their_field() {
    let mut budget = example();
    budget.lines[13].amount.0 = "-800.00".into();
    budget.lines[2].source = "财政拨款".into();
    let diags = analyse(&write(&budget)).diagnostics;
    check(&diags, "E302", "金额 -800.00 为负数", "预算明细!I17");
    check(&diags, "E105", "资金来源“财政拨款”无法识别", "预算明细!H6");
}

#[test]
fn xls_and_ods_files_are_told_to_be_saved_as_xlsx() {
    let xls = refused(&compound_file(&["Workbook", "\u{5}SummaryInformation"]));
    check(&xls, "E100", "Excel 97-2003 工作簿（.xls）", "b.xlsx");
    assert!(xls[0].hint.as_deref().unwrap_or_default().contains("另存为"), "{}", show(&xls));

    // OpenDocument stores its media type as the first, uncompressed entry.
    let mut ods = Vec::new();
    {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut ods));
        let stored =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(b"<office:document-content/>").unwrap();
        zip.finish().unwrap();
    }
    let ods = refused(&ods);
    check(&ods, "E100", "OpenDocument 表格（.ods）", "b.xlsx");
    assert!(ods[0].hint.as_deref().unwrap_or_default().contains("另存为"), "{}", show(&ods));
}

#[test]
fn a_password_protected_workbook_is_refused() {
    let encrypted = compound_file(&["EncryptionInfo", "EncryptedPackage", "\u{6}DataSpaces"]);
    let diags = refused(&encrypted);
    check(&diags, "E100", "工作簿设置了打开密码", "b.xlsx");
    assert!(diags[0].hint.as_deref().unwrap_or_default().contains("取消"), "{}", show(&diags));
}

#[test]
fn a_corrupt_workbook_is_refused() {
    let whole = write(&example());
    let truncated = &whole[..whole.len() / 2];
    check(&refused(truncated), "E100", "工作簿已损坏", "b.xlsx");
    check(&refused(b"\x00\x01 not a workbook at all"), "E100", "文件不是 xlsx 工作簿，或已经损坏", "b.xlsx");
    // A readable package with a broken sheet inside.
    let broken = patch(&whole, "xl/worksheets/sheet5.xml", "<sheetData>", "<sheetData><row r=\"x\">");
    check(&refused(&broken), "E100", "已损坏", "b.xlsx");
}

#[test]
fn a_far_too_large_file_is_refused() {
    let huge = vec![b'P'; gongkai_workbook::MAX_BYTES + 1];
    check(&refused(&huge), "E100", "文件过大", "b.xlsx");
}

#[test]
fn an_html_table_saved_as_xlsx_is_named() {
    let html = "<html><body><table><tr><td>预算明细</td></tr></table></body></html>";
    check(&refused(html.as_bytes()), "E100", "网页（HTML）或 XML 格式的表格", "b.xlsx");
}

/// A workbook from an earlier template, without the columns added at the right since
/// (项目说明's 项目类型 … 实施方案), reads as it is; a value under such a missing header
/// is refused at the header, never dropped.
#[test]
fn an_earlier_templates_workbook_reads_unless_a_missing_column_holds_data() {
    let old = |ws: &mut rust_xlsxwriter::Worksheet| {
        for col in 4u16..=10 {
            ws.clear_cell(2, col);
        }
    };
    let bytes = damaged(&example(), |wb| old(sheet(wb, "项目说明")));
    // `read` panics on findings: the workbook reads, and as the example.
    let (back, _) = read(&bytes);
    assert_eq!(back, example());
    let bytes = damaged(&example(), |wb| {
        let ws = sheet(wb, "项目说明");
        old(ws);
        ws.write_string(3, 5, "国土空间规划").unwrap();
    });
    let diags = refused(&bytes);
    assert!(
        diags.iter().any(|d| d.rule == "E106" && place(d) == "项目说明!F3" && d.message.contains("一级项目")),
        "{}",
        show(&diags)
    );
}
