//! Writing a budget as the fill-in workbook.
//!
//! Every field goes to the cell the reader reads it from (see [`crate::layout`]), so the
//! round trip is exact: text as text, plain decimals as numbers formatted with their own
//! decimals, names the catalogue knows as lookup formulas. Each data column carries a
//! drop-down or a number rule and an input message, and empty rows below the data keep
//! the lookup formulas, so a clerk adding a line sees the code's name appear.

mod cells;
mod guide;
mod styles;

use gongkai_model::catalogue;
use gongkai_model::facts::Date;
use gongkai_model::input::{Budget, Indicator, LastYear, OverallTarget};
use gongkai_model::profile::ComparedKey;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Formula,
    Workbook, Worksheet, XlsxError,
};

use crate::WriteOptions;
use crate::error::WorkbookError;
use crate::layout::{
    self, CATALOGUE, COMPARE_HEADER, CodeOf, FIRST_DATA_ROW, FORM_HEADER, HEADER_ROW, Kind, NOTE_ROW, Sheet,
    TITLE_ROW, Value,
};
use cells::Target;
use styles::Styles;

/// Empty rows below a table's data that keep the lookup formulas and the input rules.
const SPARE_ROWS: u32 = 500;
/// Width of a form's 内容 column.
const CONTENT_WIDTH: u32 = 70;

/// Builds the workbook of `budget`, unsaved.
pub(crate) fn workbook(budget: &Budget, options: &WriteOptions) -> Result<Workbook, WorkbookError> {
    check_targets(budget)?;
    let seconds = options.timestamp.unwrap_or_else(|| default_seconds(budget));
    let created = ExcelDateTime::from_timestamp(seconds).map_err(|_| WorkbookError::Timestamp(seconds))?;
    let dept = &budget.department;
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("{}年部门预算填报", dept.year))
            .set_author(&dept.name)
            .set_company(&dept.name)
            .set_creation_datetime(&created),
    );
    let styles = Styles::new(dept.money_unit);
    guide::sheet(&mut wb, dept.year, &styles)?;
    form(&mut wb, &layout::DEPARTMENT, budget, &styles)?;
    table(&mut wb, &layout::OFFICES, &dept.offices, &styles)?;
    table(&mut wb, &layout::UNITS, &budget.units, &styles)?;
    table(&mut wb, &layout::LINES, &budget.lines, &styles)?;
    let names: Vec<(String, String)> = budget.code_names.clone().into_iter().collect();
    table(&mut wb, &layout::CODE_NAMES, &names, &styles)?;
    compared(&mut wb, &budget.last_year, &options.compared, &styles)?;
    table(&mut wb, &layout::ITEMS, &budget.last_year.items, &styles)?;
    table(&mut wb, &layout::PROJECTS, &budget.projects, &styles)?;
    table(&mut wb, &layout::CARRYOVER, &budget.carryover, &styles)?;
    form(&mut wb, &layout::PROCUREMENT, &budget.procurement, &styles)?;
    form(&mut wb, &layout::ASSETS, &budget.assets, &styles)?;
    let performance = &budget.performance;
    let overall = performance.overall.clone().unwrap_or_default();
    form(&mut wb, &layout::OVERALL, &overall, &styles)?;
    table(&mut wb, &layout::TARGETS, &performance.projects, &styles)?;
    table(&mut wb, &layout::PROGRAMMES, &performance.programmes, &styles)?;
    table(&mut wb, &layout::INDICATORS, &indicator_rows(&overall, budget), &styles)?;
    catalogue_sheet(&mut wb, &styles)?;
    Ok(wb)
}

/// The indicators of every target, tagged with their 所属: 部门整体 first, then each
/// project in order.
fn indicator_rows(overall: &OverallTarget, budget: &Budget) -> Vec<(String, Indicator)> {
    let owned = |owner: &str, list: &[Indicator]| -> Vec<(String, Indicator)> {
        list.iter().map(|i| (owner.to_owned(), i.clone())).collect()
    };
    let mut rows = owned(layout::OVERALL_OWNER, &overall.indicators);
    for target in &budget.performance.projects {
        rows.extend(owned(&target.project, &target.indicators));
    }
    for target in &budget.performance.programmes {
        rows.extend(owned(&target.name, &target.indicators));
    }
    rows
}

/// Indicators find their target by its project's (or programme's) name, so the names must
/// tell targets apart, projects and programmes together.
fn check_targets(budget: &Budget) -> Result<(), WorkbookError> {
    let perf = &budget.performance;
    let names: Vec<&str> = perf
        .projects
        .iter()
        .map(|t| t.project.as_str())
        .chain(perf.programmes.iter().map(|t| t.name.as_str()))
        .collect();
    for (i, raw) in names.iter().enumerate() {
        let name = raw.trim();
        if name == layout::OVERALL_OWNER {
            return Err(WorkbookError::ReservedOwner((*raw).to_owned()));
        }
        if names[..i].iter().any(|o| o.trim() == name) {
            return Err(WorkbookError::DuplicateTarget((*raw).to_owned()));
        }
    }
    Ok(())
}

/// The publication date at midnight, or 1 January of the budget year when the date is
/// not valid yet (a template): never the clock.
fn default_seconds(budget: &Budget) -> i64 {
    let dept = &budget.department;
    let fallback = Date { year: dept.year.clamp(1980, 9999), month: 1, day: 1 };
    Date::parse(&dept.published).unwrap_or(fallback).unix_seconds()
}

/// Title and note above the header.
fn heading(ws: &mut Worksheet, title: &str, note: &str, styles: &Styles) -> Result<(), XlsxError> {
    ws.write_string_with_format(TITLE_ROW, 0, title, &styles.title)?;
    ws.write_string_with_format(NOTE_ROW, 0, note, &styles.note)?;
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    // Unknown codes have no name: their lookup shows nothing rather than 0.
    ws.set_formula_result_default("");
    print_setup(ws);
    Ok(())
}

/// A4 landscape, one page wide, so a printed sheet shows every column.
pub(crate) fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
}

/// The height of a row whose wrapped text is `text` in a column `width` units wide:
/// Excel does not grow rows by itself, and a long 主要职能 would show one line of many.
fn wrapped_height(text: &str, width: u32) -> Option<u32> {
    // A CJK character takes two units of column width, anything else one.
    let units: u32 = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    let lines = units.div_ceil(width.max(1)) + u32::try_from(text.matches('\n').count()).unwrap_or(0);
    // 15 points a line; Excel's largest row is 409 points.
    (lines > 1).then(|| (lines * 15).min(409))
}

/// A table sheet: one row per entry.
fn table<T>(wb: &mut Workbook, spec: &Sheet<T>, rows: &[T], styles: &Styles) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(spec.name)?;
    heading(ws, spec.title, spec.note, styles)?;
    let count = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last = FIRST_DATA_ROW.saturating_add(count).saturating_add(SPARE_ROWS);
    for (col, field) in (0u16..).zip(spec.fields) {
        ws.set_column_width(col, field.width)?;
        ws.set_column_format(col, column_format(field.kind, styles))?;
        ws.write_string_with_format(HEADER_ROW, col, field.header, &styles.header)?;
        rule(ws, spec.name, field.header, field.kind, field.help, (FIRST_DATA_ROW, last, col))?;
    }
    for (row, entry) in (FIRST_DATA_ROW..).zip(rows) {
        for (col, field) in (0u16..).zip(spec.fields) {
            let code = code_left_of(spec, entry, col);
            let target = Target { row, col, kind: field.kind, code: code.as_deref(), wrap: false };
            cells::write(ws, &target, (field.get)(entry), styles)?;
        }
    }
    // Lookup formulas in the spare rows, so a name appears as soon as a code is typed.
    for row in FIRST_DATA_ROW.saturating_add(count)..last {
        for (col, field) in (0u16..).zip(spec.fields) {
            if let Kind::Name(of) = field.kind {
                ws.write_formula_with_format(row, col, cells::lookup(of, row, col), &styles.text)?;
            }
        }
    }
    Ok(())
}

/// For a name column, the code in the column to its left, which its formula looks up.
fn code_left_of<T>(spec: &Sheet<T>, entry: &T, col: u16) -> Option<String> {
    let field = spec.fields.get(usize::from(col))?;
    let left = spec.fields.get(usize::from(col.checked_sub(1)?))?;
    matches!(field.kind, Kind::Name(_)).then(|| (left.get)(entry).text())
}

/// A form sheet: one labelled row per field, then 说明.
fn form<T>(wb: &mut Workbook, spec: &Sheet<T>, value: &T, styles: &Styles) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(spec.name)?;
    heading(ws, spec.title, spec.note, styles)?;
    for (col, (header, width)) in (0u16..).zip(FORM_HEADER.iter().zip([26, CONTENT_WIDTH, 46])) {
        ws.set_column_width(col, width)?;
        ws.write_string_with_format(HEADER_ROW, col, *header, &styles.header)?;
    }
    for (row, field) in (FIRST_DATA_ROW..).zip(spec.fields) {
        ws.write_string_with_format(row, 0, field.header, &styles.label)?;
        let target = Target { row, col: 1, kind: field.kind, code: None, wrap: true };
        let content = (field.get)(value);
        if let Some(height) = wrapped_height(&content.clone().text(), CONTENT_WIDTH) {
            ws.set_row_height(row, height)?;
        }
        cells::write(ws, &target, content, styles)?;
        ws.write_string_with_format(row, 2, field.help, &styles.help)?;
        rule(ws, spec.name, field.header, field.kind, field.help, (row, row, 1))?;
    }
    Ok(())
}

/// 上年预算: one row per figure the profile compares, then one per other entry of the
/// budget (a key another profile compares), so that no figure is lost.
fn compared(
    wb: &mut Workbook,
    last_year: &LastYear,
    keys: &[ComparedKey],
    styles: &Styles,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(layout::COMPARE)?;
    heading(ws, layout::COMPARE_TITLE, layout::COMPARE_NOTE, styles)?;
    for (col, (header, width)) in (0u16..).zip(COMPARE_HEADER.iter().zip([20, 30, 16, 70, 30])) {
        ws.set_column_width(col, width)?;
        ws.write_string_with_format(HEADER_ROW, col, *header, &styles.header)?;
    }
    let entries = last_year.entries();
    let mut rows: Vec<(String, String, String)> =
        keys.iter().map(|k| (k.group.clone(), k.label.clone(), k.key.clone())).collect();
    for e in &entries {
        if !keys.iter().any(|k| k.key == e.key) {
            rows.push((String::new(), String::new(), e.key.clone()));
        }
    }
    for (row, (group, label, key)) in (FIRST_DATA_ROW..).zip(&rows) {
        ws.write_string_with_format(row, 0, group, &styles.label)?;
        ws.write_string_with_format(row, 1, label, &styles.label)?;
        let compared = entries.iter().find(|e| &e.key == key).map(|e| e.compared);
        let amount = Value::Scalar(compared.map(|c| c.amount.clone()).unwrap_or_default());
        let reason = Value::Opt(compared.and_then(|c| c.reason.clone()));
        let at = |col, kind| Target { row, col, kind, code: None, wrap: true };
        cells::write(ws, &at(2, Kind::Decimal), amount, styles)?;
        cells::write(ws, &at(3, Kind::OptText), reason, styles)?;
        ws.write_string_with_format(row, 4, key, &styles.help)?;
    }
    if !rows.is_empty() {
        let last = FIRST_DATA_ROW + u32::try_from(rows.len()).unwrap_or(0) - 1;
        rule(
            ws,
            layout::COMPARE,
            "上年预算数",
            Kind::Decimal,
            "数字，单位见基本信息；本年和上年均为零的行留空",
            (FIRST_DATA_ROW, last, 2),
        )?;
    }
    Ok(())
}

/// The hidden catalogue the name formulas look codes up in.
fn catalogue_sheet(wb: &mut Workbook, styles: &Styles) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(CATALOGUE)?;
    for (col, (header, width)) in (0u16..).zip(
        ["功能分类编码", "功能分类名称", "", "经济分类编码", "经济分类名称"].iter().zip([13, 30, 2, 13, 30]),
    ) {
        ws.set_column_width(col, width)?;
        if !header.is_empty() {
            ws.write_string_with_format(0, col, *header, &styles.header)?;
        }
    }
    for (col, items) in
        [(0u16, catalogue::function_items().collect::<Vec<_>>()), (3, catalogue::economic_items().collect())]
    {
        for (row, (code, name)) in (1u32..).zip(items) {
            ws.write_string_with_format(row, col, code, &styles.code)?;
            ws.write_string_with_format(row, col + 1, name, &styles.text)?;
        }
    }
    ws.set_hidden(true);
    Ok(())
}

/// The format a column gives what is typed into its empty cells.
fn column_format(kind: Kind, styles: &Styles) -> &rust_xlsxwriter::Format {
    match kind {
        Kind::Decimal => &styles.typing,
        Kind::Int { .. } => &styles.int,
        Kind::Code(_) => &styles.code,
        Kind::Text | Kind::OptText | Kind::Date | Kind::Unit | Kind::Name(_) | Kind::Flag => &styles.text,
    }
}

/// The input rule and message of a field's cells `(first_row, last_row, col)`.
fn rule(
    ws: &mut Worksheet,
    sheet: &str,
    header: &str,
    kind: Kind,
    help: &str,
    (first, last, col): (u32, u32, u16),
) -> Result<(), XlsxError> {
    let validation = if sheet == layout::LINES.name && header == "单位标识" {
        let units =
            format!("='{}'!$A${}:$A${}", layout::UNITS.name, FIRST_DATA_ROW + 1, FIRST_DATA_ROW + SPARE_ROWS);
        DataValidation::new()
            .allow_list_formula(Formula::new(units))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message("请先在“下属单位”表中登记该单位；部门本级留空")?
    } else if let Some(list) = layout::choices(sheet, header) {
        DataValidation::new()
            .allow_list_strings(&list)?
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_message(format!("可选：{}", list.join("、")))?
    } else {
        match kind {
            Kind::Code(of @ (CodeOf::Function | CodeOf::Economic)) => {
                let lengths = of.lengths();
                let length = |i: usize| u32::try_from(lengths[i]).unwrap_or(0);
                let (shortest, longest) = (length(0), length(lengths.len() - 1));
                let rule = if shortest == longest {
                    DataValidationRule::EqualTo(shortest)
                } else {
                    DataValidationRule::Between(shortest, longest)
                };
                let words: Vec<String> = lengths.iter().map(usize::to_string).collect();
                DataValidation::new()
                    .allow_text_length(rule)
                    .set_error_message(format!("编码应为 {} 位数字，按文本填写", words.join(" 或 ")))?
            }
            Kind::Decimal => DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_message("请填写不小于 0 的数字，不要写单位")?,
            Kind::Int { min, max } => {
                let clamp = |n: i64| i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX });
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(clamp(min), clamp(max)))
                    .set_error_message("请填写整数")?
            }
            _ => DataValidation::new().allow_any_value(),
        }
    };
    let validation = validation.set_input_title(header)?.set_input_message(help)?;
    ws.add_data_validation(first, col, last, col, &validation)?;
    Ok(())
}
