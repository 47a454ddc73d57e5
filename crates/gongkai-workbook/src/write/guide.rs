//! The 填表说明 sheet: what the workbook is, the rules that keep it readable, and what
//! each sheet holds. Its text is never read back.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::styles::Styles;
use crate::layout::{self, INSTRUCTIONS};

/// The rules a clerk must keep for the workbook to be read, one per line.
const RULES: &[&str] = &[
    "1. 不要改动工作表的名称，不要删除工作表；不要在表头上方或左侧插入、删除行列，不要改动表头文字和列的顺序。",
    "2. 每张表从第 4 行起连续填写，中间不要留空行；不要合并单元格。表的右侧不要另加列。",
    "3. 金额只填数字，单位见“基本信息”中的金额单位：元保留到分，万元最多 6 位小数；不要写“元”“万元”等文字，不填任何合计数。",
    "4. 编码按文本填写（单元格已设为文本格式）：功能分类写到项级 7 位，经济分类写到款级 5 位。名称列自动显示科目目录中的名称；目录中没有的科目，请直接在名称格中填写名称，并在“补充科目名称”表中写明其类、款的名称。",
    "5. 可以使用公式，但交给 gongkai 之前请在 Excel 或 WPS 中保存一次：文件中须保存公式的计算结果。",
    "6. 以等号开头的文字（如指标值 =100%）请先输入英文单引号，写成 '=100%，否则会被当作公式。",
    "7. 下拉列表只是提示：资金来源、支出类型等也可以输入 gongkai 认可的其他写法，检查时会指出无法识别的内容。",
];

/// The commands that use the workbook.
const COMMANDS: &[&str] = &[
    "检查数据：gongkai validate 本文件.xlsx —— 每个问题指明位置，如“预算明细!I17”。",
    "生成公开文件：gongkai render 本文件.xlsx -o 输出目录",
    "与 YAML 互相转换（内容完全相同）：gongkai convert 本文件.xlsx 预算.yaml",
];

/// Width of the one column, in Excel's units.
const GUIDE_WIDTH: u32 = 110;

/// Adds the 填表说明 sheet.
pub(crate) fn sheet(wb: &mut Workbook, year: u16, styles: &Styles) -> Result<(), XlsxError> {
    let sheets: [(&str, &str, &str); 16] = [
        (layout::DEPARTMENT.name, layout::DEPARTMENT.title, layout::DEPARTMENT.note),
        (layout::OFFICES.name, layout::OFFICES.title, layout::OFFICES.note),
        (layout::UNITS.name, layout::UNITS.title, layout::UNITS.note),
        (layout::LINES.name, layout::LINES.title, layout::LINES.note),
        (layout::CODE_NAMES.name, layout::CODE_NAMES.title, layout::CODE_NAMES.note),
        (layout::COMPARE, layout::COMPARE_TITLE, layout::COMPARE_NOTE),
        (layout::ITEMS.name, layout::ITEMS.title, layout::ITEMS.note),
        (layout::PROJECTS.name, layout::PROJECTS.title, layout::PROJECTS.note),
        (layout::CARRYOVER.name, layout::CARRYOVER.title, layout::CARRYOVER.note),
        (layout::PROCUREMENT.name, layout::PROCUREMENT.title, layout::PROCUREMENT.note),
        (layout::ASSETS.name, layout::ASSETS.title, layout::ASSETS.note),
        (layout::OVERALL.name, layout::OVERALL.title, layout::OVERALL.note),
        (layout::TARGETS.name, layout::TARGETS.title, layout::TARGETS.note),
        (layout::PROGRAMMES.name, layout::PROGRAMMES.title, layout::PROGRAMMES.note),
        (layout::INDICATORS.name, layout::INDICATORS.title, layout::INDICATORS.note),
        (layout::CATALOGUE, "科目目录（隐藏）", "名称列查找科目名称用，不必填写，也不会被读取。"),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(INSTRUCTIONS)?;
    ws.set_column_width(0, GUIDE_WIDTH)?;
    super::print_setup(ws);
    let mut lines: Vec<(String, bool)> = vec![
        (format!("{year}年部门预算公开 · 填报工作簿填表说明"), true),
        (String::new(), false),
        ("一、这是什么".to_owned(), true),
        (
            "本工作簿与 gongkai 的 YAML 输入文件内容完全相同。gongkai 按所选表套由它生成公开表、情况说明和绩效目标表；\
             表与表、表与文字之间的每个数字都由“预算明细”汇总得出，所以这里只填明细、名称、说明文字和上年数。"
                .to_owned(),
            false,
        ),
        (String::new(), false),
        ("二、填写规则".to_owned(), true),
    ];
    lines.extend(RULES.iter().map(|r| ((*r).to_owned(), false)));
    lines.push((String::new(), false));
    lines.push(("三、各表内容".to_owned(), true));
    lines.extend(sheets.iter().map(|(name, title, note)| (format!("{name}：{title}。{note}"), false)));
    lines.push((String::new(), false));
    lines.push(("四、检查和使用".to_owned(), true));
    lines.extend(COMMANDS.iter().map(|c| ((*c).to_owned(), false)));
    for (row, (text, heading)) in (0u32..).zip(&lines) {
        if text.is_empty() {
            continue;
        }
        let format = match (row, heading) {
            (0, _) => &styles.title,
            (_, true) => &styles.label,
            _ => &styles.wrap,
        };
        if let Some(height) = super::wrapped_height(text, GUIDE_WIDTH) {
            ws.set_row_height(row, height)?;
        }
        ws.write_string_with_format(row, 0, text, format)?;
    }
    Ok(())
}
