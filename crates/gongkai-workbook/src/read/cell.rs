//! One cell to one field value, by the field's kind.
//!
//! Text passes through as typed (the model trims, and accepts full-width digits and
//! thousands separators in amounts); number cells become exact decimal text; codes that
//! Excel turned into numbers get their digits back. What cannot be read is reported at
//! the cell with the rule the YAML reader would use for the same mistake.

use calamine::Data;
use gongkai_model::input::Scalar;
use gongkai_model::money::MoneyUnit;
use gongkai_model::rules::Rule;

use super::Reader;
use crate::book::{Cell, Grid};
use crate::layout::{CodeOf, Kind, Value};
use crate::value::{
    amount_text, date_text, digits_of, format_decimals, format_zero_width, integer_of_number,
    integer_of_text, number_text,
};

/// Whether a cell holds nothing a reader should look at: no value, or only spaces.
pub(super) fn is_blank(cell: Option<&Cell>) -> bool {
    match cell {
        None => true,
        Some(c) if c.formula.is_some() => false,
        Some(c) => match &c.value {
            Data::Empty => true,
            Data::String(s) => s.trim().is_empty(),
            _ => false,
        },
    }
}

impl Reader<'_> {
    /// The value of the cell at (row, col) as `kind` wants it, or `None` after reporting
    /// why it cannot be read. `what` names the field in messages.
    pub(super) fn value(&mut self, grid: &Grid, row: u32, col: u32, kind: Kind, what: &str) -> Option<Value> {
        let Some(cell) = grid.get(row, col) else { return Some(empty(kind)) };
        if let Some(formula) = &cell.formula {
            // A name column's lookup formula stands for “the catalogue's name”.
            if matches!(kind, Kind::Name(_)) {
                return Some(Value::Opt(None));
            }
            if cell.value == Data::Empty {
                self.report(
                    Rule::BadLayout,
                    &grid.name,
                    (row, col),
                    format!("{what}是公式（={formula}），但文件中没有保存计算结果"),
                    "在 Excel 或 WPS 中打开并保存一次；或把公式改为数值（复制后“选择性粘贴→数值”）",
                );
                return None;
            }
        }
        if let Data::Error(e) = &cell.value {
            self.report(
                Rule::WrongType,
                &grid.name,
                (row, col),
                format!("{what}是错误值 {e}"),
                "改正公式或直接填写数值",
            );
            return None;
        }
        match kind {
            Kind::Text => Some(Value::Text(self.text(cell))),
            Kind::OptText | Kind::Name(_) => {
                Some(Value::Opt(Some(self.text(cell)).filter(|s| !s.is_empty())))
            }
            Kind::Date => Some(Value::Text(self.text(cell))),
            Kind::Unit => self.unit_value(grid, (row, col), cell),
            Kind::Code(of) => self.code(grid, (row, col), cell, of, what),
            Kind::Decimal => self.decimal(grid, (row, col), cell, what),
            Kind::Int { min, max } => self.int(grid, (row, col), cell, min, max, what),
            Kind::Flag => self.flag(grid, (row, col), cell, what),
        }
    }

    /// A cell's text as a person reads it: strings as typed, numbers in their shortest
    /// form, dates as `YYYY-MM-DD`.
    fn text(&self, cell: &Cell) -> String {
        match &cell.value {
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Float(f) => number_text(*f),
            Data::Int(i) => i.to_string(),
            Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Data::DateTime(d) => {
                date_text(d.as_f64(), self.book.is_1904).unwrap_or_else(|| number_text(d.as_f64()))
            }
            Data::Error(_) | Data::Empty => String::new(),
        }
    }

    fn unit_value(&mut self, grid: &Grid, at: (u32, u32), cell: &Cell) -> Option<Value> {
        let text = self.text(cell);
        match text.trim() {
            "" | "元" => Some(Value::Unit(MoneyUnit::Yuan)),
            "万元" => Some(Value::Unit(MoneyUnit::Wan)),
            other => {
                self.report(
                    Rule::BadValue,
                    &grid.name,
                    at,
                    format!("金额单位“{other}”无法识别"),
                    "可选：元、万元",
                );
                None
            }
        }
    }

    /// A code: text as typed; a number cell (Excel's doing) back to its digits, padded to
    /// the width of a `0000000` format.
    fn code(&mut self, grid: &Grid, at: (u32, u32), cell: &Cell, of: CodeOf, what: &str) -> Option<Value> {
        let number = match &cell.value {
            Data::Float(f) => *f,
            Data::Int(i) => return Some(Value::Scalar(Scalar(i.to_string()))),
            _ => return Some(Value::Scalar(Scalar(self.text(cell)))),
        };
        let Some(mut digits) = digits_of(number) else {
            self.report(
                Rule::WrongType,
                &grid.name,
                at,
                format!("{what}是数字 {}，不是编码", number_text(number)),
                "编码按文本填写：先把单元格格式设为“文本”，再输入编码",
            );
            return None;
        };
        if let Some(width) = cell.format.as_deref().and_then(format_zero_width) {
            while digits.len() < width {
                digits.insert(0, '0');
            }
        }
        if !of.lengths().contains(&digits.len()) {
            let lengths: Vec<String> = of.lengths().iter().map(usize::to_string).collect();
            self.report(
                Rule::MalformedCode,
                &grid.name,
                at,
                format!(
                    "{what}“{digits}”是 {} 位，应为 {} 位；该单元格是数字格式，编码开头或中间各级的 0 可能已被 Excel 去掉",
                    digits.len(),
                    lengths.join("、")
                ),
                "把单元格格式设为“文本”后重新输入完整编码（或在编码前加英文单引号 '）",
            );
            return None;
        }
        Some(Value::Scalar(Scalar(digits)))
    }

    /// Yes or no: 是 / 否 as typed (or TRUE / FALSE, a logical cell); empty is absent.
    fn flag(&mut self, grid: &Grid, at: (u32, u32), cell: &Cell, what: &str) -> Option<Value> {
        if let Data::Bool(b) = cell.value {
            return Some(Value::Flag(Some(b)));
        }
        let text = self.text(cell);
        match text.trim() {
            "" => Some(Value::Flag(None)),
            "是" | "TRUE" | "true" => Some(Value::Flag(Some(true))),
            "否" | "FALSE" | "false" => Some(Value::Flag(Some(false))),
            other => {
                self.report(
                    Rule::WrongType,
                    &grid.name,
                    at,
                    format!("{what}“{other}”应为 是 或 否"),
                    "填 是 或 否，不适用时留空",
                );
                None
            }
        }
    }

    /// An exact decimal: number cells through [`amount_text`], text as typed.
    fn decimal(&mut self, grid: &Grid, at: (u32, u32), cell: &Cell, what: &str) -> Option<Value> {
        match &cell.value {
            Data::Float(f) => {
                let scale = cell.format.as_deref().map_or(0, format_decimals);
                Some(Value::Scalar(Scalar(amount_text(*f, self.unit, scale))))
            }
            Data::Int(i) => Some(Value::Scalar(Scalar(i.to_string()))),
            Data::Bool(_) | Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                self.report(
                    Rule::WrongType,
                    &grid.name,
                    at,
                    format!(
                        "{what}应为数字，但单元格是{}",
                        if matches!(cell.value, Data::Bool(_)) { "逻辑值" } else { "日期或时间" }
                    ),
                    "把单元格格式改为“数值”后重新输入",
                );
                None
            }
            _ => Some(Value::Scalar(Scalar(self.text(cell)))),
        }
    }

    fn int(
        &mut self,
        grid: &Grid,
        at: (u32, u32),
        cell: &Cell,
        min: i64,
        max: i64,
        what: &str,
    ) -> Option<Value> {
        let parsed = match &cell.value {
            Data::Float(f) => integer_of_number(*f),
            Data::Int(i) => Some(*i),
            Data::String(s) if s.trim().is_empty() => Some(0),
            Data::String(s) => integer_of_text(s),
            _ => None,
        };
        match parsed {
            Some(n) if (min..=max).contains(&n) => Some(Value::Int(n)),
            Some(n) => {
                self.report(
                    Rule::WrongType,
                    &grid.name,
                    at,
                    format!("{what}为 {n}，超出允许范围（{min} 至 {max}）"),
                    "",
                );
                None
            }
            None => {
                self.report(
                    Rule::WrongType,
                    &grid.name,
                    at,
                    format!("{what}应为整数，实际为“{}”", self.text(cell)),
                    "只填阿拉伯数字，如 5",
                );
                None
            }
        }
    }
}

/// The value of an empty cell: empty text, absent, zero, the default unit.
fn empty(kind: Kind) -> Value {
    match kind {
        Kind::Text | Kind::Date => Value::Text(String::new()),
        Kind::OptText | Kind::Name(_) => Value::Opt(None),
        Kind::Code(_) | Kind::Decimal => Value::Scalar(Scalar::default()),
        Kind::Int { .. } => Value::Int(0),
        Kind::Flag => Value::Flag(None),
        Kind::Unit => Value::Unit(MoneyUnit::default()),
    }
}
