//! The workbook's layout as data: every sheet, column and labelled row, and the field of
//! the model each one holds.
//!
//! Reader and writer both walk these tables, so the two cannot drift apart, and a field
//! added to the model is one entry here. Two shapes of sheet exist:
//!
//! - a *table* (预算明细, 下属单位, …): one row per list entry, one column per field;
//! - a *form* (基本信息, 政府采购, …): one labelled row per field, columns 项目 | 内容 | 说明.
//!
//! Every data sheet has its title in row 1, a short note in row 2, the header in row 3
//! and data from row 4; nothing is merged, so a merged cell from row 3 down is always a
//! clerk's edit.

use gongkai_model::input::{
    Assets, Budget, CarryoverText, Indicator, ItemCompared, LineInput, OverallTarget, Procurement,
    ProgrammeTarget, ProjectTarget, ProjectText, Scalar, UnitInput,
};
use gongkai_model::money::MoneyUnit;

/// Row of the sheet title (zero-based).
pub(crate) const TITLE_ROW: u32 = 0;
/// Row of the one-line note under the title.
pub(crate) const NOTE_ROW: u32 = 1;
/// Row of the column headers.
pub(crate) const HEADER_ROW: u32 = 2;
/// First row of data.
pub(crate) const FIRST_DATA_ROW: u32 = 3;

/// The header of a form's columns.
pub(crate) const FORM_HEADER: [&str; 3] = ["项目", "内容", "说明"];
/// The header of 上年预算's columns.
pub(crate) const COMPARE_HEADER: [&str; 5] = ["类别", "项目", "上年预算数", "变动原因", "比较键"];
/// What 绩效指标's 所属 column says for the 部门整体 targets.
pub(crate) const OVERALL_OWNER: &str = "部门整体";

/// Which classification a code column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeOf {
    /// 支出功能分类 项, 7 digits.
    Function,
    /// 部门支出经济分类 款, 5 digits.
    Economic,
    /// Any level of either (补充科目名称): 3, 5 or 7 digits.
    Any,
}

impl CodeOf {
    /// The lengths a code of this column may have.
    pub(crate) fn lengths(self) -> &'static [usize] {
        match self {
            CodeOf::Function => &[7],
            // 款 (30108), or 项 under a 款 where a region divides them (3010201).
            CodeOf::Economic => &[5, 7],
            CodeOf::Any => &[3, 5, 7],
        }
    }
}

/// How a field sits in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text; an empty cell is the empty string.
    Text,
    /// Optional text; an empty cell is absent.
    OptText,
    /// A date as `YYYY-MM-DD` text; a date cell is turned back into that text.
    Date,
    /// The money unit, 元 or 万元.
    Unit,
    /// A classification code, kept as text; a number cell is turned back into its digits.
    Code(CodeOf),
    /// The name next to a code: a lookup formula when the catalogue's name applies
    /// (absent in the model), the typed name otherwise.
    Name(CodeOf),
    /// An exact decimal (an amount, an area, a weight): a number cell when the text is a
    /// plain decimal, a text cell otherwise, so the text comes back as written.
    Decimal,
    /// Yes or no, absent when empty: 是 / 否 (also TRUE / FALSE).
    Flag,
    /// A whole number within a range.
    Int {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
}

/// A count of people, vehicles or machines.
const COUNT: Kind = Kind::Int { min: 0, max: u32::MAX as i64 };
/// A change on last year.
const CHANGE: Kind = Kind::Int { min: i32::MIN as i64, max: i32::MAX as i64 };
/// A year.
const YEAR: Kind = Kind::Int { min: 0, max: u16::MAX as i64 };

/// A field's value on its way between model and cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Text.
    Text(String),
    /// Optional text.
    Opt(Option<String>),
    /// A code or decimal, exactly as written.
    Scalar(Scalar),
    /// A whole number.
    Int(i64),
    /// A money unit.
    Unit(MoneyUnit),
    /// Yes, no or absent.
    Flag(Option<bool>),
}

impl Value {
    /// The value as text (absent = empty).
    pub(crate) fn text(self) -> String {
        match self {
            Value::Text(s) | Value::Opt(Some(s)) | Value::Scalar(Scalar(s)) => s,
            Value::Opt(None) => String::new(),
            Value::Int(n) => n.to_string(),
            Value::Unit(u) => u.label().to_owned(),
            Value::Flag(f) => f.map(flag_label).unwrap_or_default().to_owned(),
        }
    }

    /// The value as optional text (empty = absent).
    pub(crate) fn opt(self) -> Option<String> {
        match self {
            Value::Opt(o) => o,
            other => Some(other.text()).filter(|s| !s.is_empty()),
        }
    }

    /// The value as a scalar.
    pub(crate) fn scalar(self) -> Scalar {
        Scalar(self.text())
    }

    /// The value as a whole number of type `N`; the reader has checked the range.
    pub(crate) fn int<N: TryFrom<i64> + Default>(self) -> N {
        match self {
            Value::Int(n) => N::try_from(n).unwrap_or_default(),
            _ => N::default(),
        }
    }

    /// The value as yes, no or absent.
    pub(crate) fn flag(self) -> Option<bool> {
        match self {
            Value::Flag(f) => f,
            _ => None,
        }
    }

    /// The value as a money unit.
    pub(crate) fn unit(self) -> MoneyUnit {
        match self {
            Value::Unit(u) => u,
            _ => MoneyUnit::default(),
        }
    }
}

/// How a yes-or-no field is written.
pub(crate) fn flag_label(yes: bool) -> &'static str {
    if yes { "是" } else { "否" }
}

/// One field: a column of a table or a labelled row of a form.
pub(crate) struct Field<T: 'static> {
    /// Column header or row label.
    pub(crate) header: &'static str,
    /// Path of the field below the row's (or form's) path, dotted; empty = the row itself.
    pub(crate) path: &'static str,
    /// How the value sits in its cell.
    pub(crate) kind: Kind,
    /// Whether the YAML requires it: a form without this row is missing a field (E104).
    pub(crate) required: bool,
    /// Column width in Excel's units (tables only).
    pub(crate) width: f64,
    /// What to fill in, shown as the cell's input message and in 说明.
    pub(crate) help: &'static str,
    /// Reads the field.
    pub(crate) get: fn(&T) -> Value,
    /// Writes the field.
    pub(crate) set: fn(&mut T, Value),
}

/// A sheet: its name, the lines above the header, and its fields.
pub(crate) struct Sheet<T: 'static> {
    /// Sheet name.
    pub(crate) name: &'static str,
    /// Title in row 1.
    pub(crate) title: &'static str,
    /// Note in row 2.
    pub(crate) note: &'static str,
    /// The fields, as columns (table) or rows (form).
    pub(crate) fields: &'static [Field<T>],
}

/// Sheet names, in workbook order.
pub(crate) const INSTRUCTIONS: &str = "填表说明";
/// The catalogue the name formulas look codes up in (hidden).
pub(crate) const CATALOGUE: &str = "科目目录";
/// 上年预算's name.
pub(crate) const COMPARE: &str = "上年预算";
/// 上年预算's title.
pub(crate) const COMPARE_TITLE: &str = "上年预算数和变动原因";
/// 上年预算's note.
pub(crate) const COMPARE_NOTE: &str = "只填上年数（单位同基本信息）和变动原因；本年数由预算明细汇总。本年和上年均为零的行留空。“比较键”一列不要改动。";

macro_rules! field {
    ($header:literal, $path:literal, $kind:expr, $req:literal, $width:literal, $help:literal,
     |$r:ident: $t:ty| $get:expr, |$w:ident, $v:ident| $set:expr) => {
        Field {
            header: $header,
            path: $path,
            kind: $kind,
            required: $req,
            width: $width,
            help: $help,
            get: |$r: &$t| $get,
            set: |$w: &mut $t, $v: Value| $set,
        }
    };
}

/// 基本信息: the department, its staff and 其他需说明的事项.
pub(crate) const DEPARTMENT: Sheet<Budget> = Sheet {
    name: "基本信息",
    title: "部门基本信息",
    note: "每行填写“内容”一列；“说明”一列只作提示，不会被读取。",
    fields: &[
        field!(
            "部门名称",
            "department.name",
            Kind::Text,
            true,
            0.0,
            "部门全称，与公开文件的署名一致",
            |b: Budget| Value::Text(b.department.name.clone()),
            |b, v| b.department.name = v.text()
        ),
        field!(
            "预算年度",
            "department.year",
            YEAR,
            true,
            0.0,
            "四位年份，如 2025",
            |b: Budget| Value::Int(i64::from(b.department.year)),
            |b, v| b.department.year = v.int()
        ),
        field!(
            "金额单位",
            "department.money_unit",
            Kind::Unit,
            false,
            0.0,
            "全部金额的单位：元（保留到分）或 万元（最多 6 位小数）",
            |b: Budget| Value::Unit(b.department.money_unit),
            |b, v| b.department.money_unit = v.unit()
        ),
        field!(
            "公开日期",
            "department.published",
            Kind::Date,
            true,
            0.0,
            "写成 2025-02-14；也是生成文件中记录的日期",
            |b: Budget| Value::Text(b.department.published.clone()),
            |b, v| b.department.published = v.text()
        ),
        field!(
            "单位性质",
            "department.kind",
            Kind::Text,
            true,
            0.0,
            "行政单位、参公事业单位 或 事业单位",
            |b: Budget| Value::Text(b.department.kind.clone()),
            |b, v| b.department.kind = v.text()
        ),
        field!(
            "主要职能",
            "department.functions",
            Kind::Text,
            true,
            0.0,
            "一段文字，照公开文件的写法",
            |b: Budget| Value::Text(b.department.functions.clone()),
            |b, v| b.department.functions = v.text()
        ),
        field!(
            "编制数",
            "department.staffing.establishment",
            COUNT,
            true,
            0.0,
            "人",
            |b: Budget| Value::Int(i64::from(b.department.staffing.establishment)),
            |b, v| b.department.staffing.establishment = v.int()
        ),
        field!(
            "在职人数",
            "department.staffing.in_service.count",
            COUNT,
            true,
            0.0,
            "人",
            |b: Budget| Value::Int(i64::from(b.department.staffing.in_service.count)),
            |b, v| b.department.staffing.in_service.count = v.int()
        ),
        field!(
            "在职人数比上年增减",
            "department.staffing.in_service.change",
            CHANGE,
            false,
            0.0,
            "减少写负数",
            |b: Budget| Value::Int(i64::from(b.department.staffing.in_service.change)),
            |b, v| b.department.staffing.in_service.change = v.int()
        ),
        field!(
            "退休人数",
            "department.staffing.retired.count",
            COUNT,
            false,
            0.0,
            "人",
            |b: Budget| Value::Int(i64::from(b.department.staffing.retired.count)),
            |b, v| b.department.staffing.retired.count = v.int()
        ),
        field!(
            "退休人数比上年增减",
            "department.staffing.retired.change",
            CHANGE,
            false,
            0.0,
            "减少写负数",
            |b: Budget| Value::Int(i64::from(b.department.staffing.retired.change)),
            |b, v| b.department.staffing.retired.change = v.int()
        ),
        field!(
            "离休人数",
            "department.staffing.veteran.count",
            COUNT,
            false,
            0.0,
            "人",
            |b: Budget| Value::Int(i64::from(b.department.staffing.veteran.count)),
            |b, v| b.department.staffing.veteran.count = v.int()
        ),
        field!(
            "离休人数比上年增减",
            "department.staffing.veteran.change",
            CHANGE,
            false,
            0.0,
            "减少写负数",
            |b: Budget| Value::Int(i64::from(b.department.staffing.veteran.change)),
            |b, v| b.department.staffing.veteran.change = v.int()
        ),
        field!(
            "其他需说明的事项",
            "other_matters",
            Kind::OptText,
            false,
            0.0,
            "没有可留空，公开文件写“本部门无其他需说明事项”",
            |b: Budget| Value::Opt(b.other_matters.clone()),
            |b, v| b.other_matters = v.opt()
        ),
        field!(
            "表套",
            "profile",
            Kind::OptText,
            false,
            0.0,
            "公开表表套（地区口径）的标识（gongkai profile list 列出）；留空用默认表套或命令行 --profile",
            |b: Budget| Value::Opt(b.profile.clone()),
            |b, v| b.profile = v.opt()
        ),
        field!(
            "上年输入文件",
            "last_year.input",
            Kind::OptText,
            false,
            0.0,
            "上一年度的输入文件（相对于本工作簿所在目录）；填写后“上年预算”只需填变动原因",
            |b: Budget| Value::Opt(b.last_year.input.clone()),
            |b, v| b.last_year.input = v.opt()
        ),
        field!(
            "部门代码",
            "department.code",
            Kind::OptText,
            false,
            0.0,
            "表套的表中印出部门代码时填写，如 024",
            |b: Budget| Value::Opt(b.department.code.clone()),
            |b, v| b.department.code = v.opt()
        ),
        field!(
            "本级单位代码",
            "department.unit_code",
            Kind::OptText,
            false,
            0.0,
            "部门本级（本部）作为预算单位的代码，如 024001",
            |b: Budget| Value::Opt(b.department.unit_code.clone()),
            |b, v| b.department.unit_code = v.opt()
        ),
        field!(
            "本级单位名称",
            "department.unit_name",
            Kind::OptText,
            false,
            0.0,
            "部门本级作为预算单位印出的名称，如 国家信访局本级；留空用部门名称",
            |b: Budget| Value::Opt(b.department.unit_name.clone()),
            |b, v| b.department.unit_name = v.opt()
        ),
    ],
};

/// 内设科室, in the order to print.
pub(crate) const OFFICES: Sheet<String> = Sheet {
    name: "内设科室",
    title: "内设科室",
    note: "按公开顺序，一行一个科室。",
    fields: &[field!(
        "科室名称",
        "",
        Kind::Text,
        true,
        30.0,
        "科室全称",
        |s: String| Value::Text(s.clone()),
        |s, v| *s = v.text()
    )],
};

/// 下属单位.
pub(crate) const UNITS: Sheet<UnitInput> = Sheet {
    name: "下属单位",
    title: "下属预算单位",
    note: "没有下属单位可不填。预算明细的“单位标识”引用这里的标识；部门本级不用登记。",
    fields: &[
        field!(
            "单位标识",
            "id",
            Kind::Text,
            true,
            14.0,
            "简短的标识，如 jc，预算明细中引用",
            |u: UnitInput| Value::Text(u.id.clone()),
            |u, v| u.id = v.text()
        ),
        field!(
            "单位全称",
            "name",
            Kind::Text,
            true,
            40.0,
            "单位全称",
            |u: UnitInput| Value::Text(u.name.clone()),
            |u, v| u.name = v.text()
        ),
        field!(
            "单位性质",
            "kind",
            Kind::OptText,
            false,
            14.0,
            "行政单位、参公事业单位或事业单位；留空同部门",
            |u: UnitInput| Value::Opt(u.kind.clone()),
            |u, v| u.kind = v.opt()
        ),
        field!(
            "单位代码",
            "code",
            Kind::OptText,
            false,
            12.0,
            "表套的表中印出单位代码时填写，如 024002",
            |u: UnitInput| Value::Opt(u.code.clone()),
            |u, v| u.code = v.opt()
        ),
    ],
};

/// 预算明细: the budget lines, where every figure of the tables comes from.
pub(crate) const LINES: Sheet<LineInput> = Sheet {
    name: "预算明细",
    title: "预算明细（一行一笔：单位 × 功能科目 × 经济科目 × 基本/项目 × 资金来源）",
    note: "编码按文本填写；名称列自动显示目录中的科目名称，目录没有的科目请直接在名称格中填写名称。不填合计。",
    fields: &[
        field!(
            "单位标识",
            "unit",
            Kind::OptText,
            false,
            10.0,
            "下属单位的标识；部门本级留空",
            |l: LineInput| Value::Opt(l.unit.clone()),
            |l, v| l.unit = v.opt()
        ),
        field!(
            "功能分类编码",
            "func",
            Kind::Code(CodeOf::Function),
            true,
            13.0,
            "支出功能分类项级编码，7 位，如 2080505",
            |l: LineInput| Value::Scalar(l.func.clone()),
            |l, v| l.func = v.scalar()
        ),
        field!(
            "功能分类名称",
            "func_name",
            Kind::Name(CodeOf::Function),
            false,
            26.0,
            "自动显示；目录中没有的科目在此填写名称",
            |l: LineInput| Value::Opt(l.func_name.clone()),
            |l, v| l.func_name = v.opt()
        ),
        field!(
            "经济分类编码",
            "econ",
            Kind::Code(CodeOf::Economic),
            true,
            13.0,
            "部门支出经济分类款级编码，5 位，如 30108",
            |l: LineInput| Value::Scalar(l.econ.clone()),
            |l, v| l.econ = v.scalar()
        ),
        field!(
            "经济分类名称",
            "econ_name",
            Kind::Name(CodeOf::Economic),
            false,
            22.0,
            "自动显示；目录中没有的科目在此填写名称",
            |l: LineInput| Value::Opt(l.econ_name.clone()),
            |l, v| l.econ_name = v.opt()
        ),
        field!(
            "支出类型",
            "kind",
            Kind::Text,
            true,
            9.0,
            "基本 或 项目",
            |l: LineInput| Value::Text(l.kind.clone()),
            |l, v| l.kind = v.text()
        ),
        field!(
            "项目名称",
            "project",
            Kind::OptText,
            false,
            34.0,
            "项目支出必填；同一项目各行名称须一致",
            |l: LineInput| Value::Opt(l.project.clone()),
            |l, v| l.project = v.opt()
        ),
        field!(
            "资金来源",
            "source",
            Kind::Text,
            true,
            22.0,
            "从下拉列表选择",
            |l: LineInput| Value::Text(l.source.clone()),
            |l, v| l.source = v.text()
        ),
        field!(
            "金额",
            "amount",
            Kind::Decimal,
            true,
            16.0,
            "数字，单位见基本信息；元最多两位小数",
            |l: LineInput| Value::Scalar(l.amount.clone()),
            |l, v| l.amount = v.scalar()
        ),
        field!(
            "政府经济分类编码",
            "gov_econ",
            Kind::OptText,
            false,
            13.0,
            "政府预算支出经济分类款级编码，5 位，如 50201；留空按部门经济分类和单位性质对照得出",
            |l: LineInput| Value::Opt(l.gov_econ.as_ref().map(|c| c.0.clone())),
            |l, v| l.gov_econ = v.opt().map(Scalar)
        ),
        field!(
            "人员经费",
            "personnel",
            Kind::Flag,
            false,
            9.0,
            "基本支出中的人员经费填 是、公用经费填 否；留空按经济分类",
            |l: LineInput| Value::Flag(l.personnel),
            |l, v| l.personnel = v.flag()
        ),
        field!(
            "基本建设",
            "capital_construction",
            Kind::Flag,
            false,
            9.0,
            "基本建设支出填 是；留空为否",
            |l: LineInput| Value::Flag(l.capital_construction),
            |l, v| l.capital_construction = v.flag()
        ),
        field!(
            "政府采购品目",
            "procurement",
            Kind::OptText,
            false,
            11.0,
            "政府采购的填 货物、工程 或 服务（本行金额即采购预算）；不采购留空",
            |l: LineInput| Value::Opt(l.procurement.clone()),
            |l, v| l.procurement = v.opt()
        ),
        field!(
            "采购品目名称",
            "procurement_item",
            Kind::OptText,
            false,
            18.0,
            "如 复印纸、物业管理服务；政府采购支出表逐品目列出时填写",
            |l: LineInput| Value::Opt(l.procurement_item.clone()),
            |l, v| l.procurement_item = v.opt()
        ),
        field!(
            "采购组织形式",
            "procurement_form",
            Kind::OptText,
            false,
            12.0,
            "如 集中采购、分散采购",
            |l: LineInput| Value::Opt(l.procurement_form.clone()),
            |l, v| l.procurement_form = v.opt()
        ),
        field!(
            "政府购买服务目录",
            "service",
            Kind::OptText,
            false,
            30.0,
            "政府购买服务指导性目录一级、二级（编码-名称）和三级，以 / 分隔",
            |l: LineInput| Value::Opt(l.service.clone()),
            |l, v| l.service = v.opt()
        ),
        field!(
            "预留中小企业份额",
            "sme_reserved",
            Kind::Decimal,
            false,
            12.0,
            "本条政府采购金额中预留给中小企业的份额；支出总表逐科目列出预留份额时填写",
            |l: LineInput| Value::Scalar(l.sme_reserved.clone().unwrap_or_default()),
            |l, v| l.sme_reserved = Some(v.scalar()).filter(|s| !s.is_empty())
        ),
        field!(
            "预留小微企业份额",
            "small_micro_reserved",
            Kind::Decimal,
            false,
            12.0,
            "其中预留给小型、微型企业的份额",
            |l: LineInput| Value::Scalar(l.small_micro_reserved.clone().unwrap_or_default()),
            |l, v| l.small_micro_reserved = Some(v.scalar()).filter(|s| !s.is_empty())
        ),
    ],
};

/// 补充科目名称: names of codes the catalogue does not know.
pub(crate) const CODE_NAMES: Sheet<(String, String)> = Sheet {
    name: "补充科目名称",
    title: "目录中没有的类、款科目名称",
    note: "只在使用了目录中没有的新科目时填写其类（3 位）或款（5 位）的名称；项级名称写在预算明细的名称列。",
    fields: &[
        field!(
            "科目编码",
            "",
            Kind::Code(CodeOf::Any),
            true,
            14.0,
            "3、5 或 7 位编码",
            |p: (String, String)| Value::Scalar(Scalar(p.0.clone())),
            |p, v| p.0 = v.text()
        ),
        field!(
            "科目名称",
            "",
            Kind::Text,
            true,
            40.0,
            "科目名称",
            |p: (String, String)| Value::Text(p.1.clone()),
            |p, v| p.1 = v.text()
        ),
    ],
};

/// 上年分项: last year's 一般公共预算 money by 项.
pub(crate) const ITEMS: Sheet<ItemCompared> = Sheet {
    name: "上年分项",
    title: "一般公共预算当年拨款上年预算数（按功能分类项级科目）",
    note: "本年有一般公共预算拨款的每个项级科目都要填写上年数和变动原因；上年有、本年没有的科目也要列出。",
    fields: &[
        field!(
            "功能分类编码",
            "code",
            Kind::Code(CodeOf::Function),
            true,
            13.0,
            "7 位项级编码",
            |i: ItemCompared| Value::Scalar(i.code.clone()),
            |i, v| i.code = v.scalar()
        ),
        field!(
            "科目名称",
            "name",
            Kind::Name(CodeOf::Function),
            false,
            26.0,
            "自动显示；目录中没有的科目在此填写名称",
            |i: ItemCompared| Value::Opt(i.name.clone()),
            |i, v| i.name = v.opt()
        ),
        field!(
            "上年预算数",
            "amount",
            Kind::Decimal,
            true,
            16.0,
            "数字，单位见基本信息",
            |i: ItemCompared| Value::Scalar(i.amount.clone()),
            |i, v| i.amount = v.scalar()
        ),
        field!(
            "变动原因",
            "reason",
            Kind::OptText,
            false,
            60.0,
            "“主要原因是”之后的文字",
            |i: ItemCompared| Value::Opt(i.reason.clone()),
            |i, v| i.reason = v.opt()
        ),
    ],
};

/// 项目说明: 一般公共预算 projects（第三部分 七）.
pub(crate) const PROJECTS: Sheet<ProjectText> = Sheet {
    name: "项目说明",
    title: "一般公共预算项目说明",
    note: "按打印顺序，一行一个项目；预算安排规模和承担单位由预算明细得出。哪些说明必填由表套决定（profile.yaml 的 rules.project_texts）。",
    fields: &[
        field!(
            "项目名称",
            "name",
            Kind::Text,
            true,
            30.0,
            "与预算明细中的项目名称完全一致",
            |p: ProjectText| Value::Text(p.name.clone()),
            |p, v| p.name = v.text()
        ),
        field!(
            "设立的政策依据",
            "basis",
            Kind::Text,
            false,
            60.0,
            "文字",
            |p: ProjectText| Value::Text(p.basis.clone()),
            |p, v| p.basis = v.text()
        ),
        field!(
            "资金分配情况",
            "allocation",
            Kind::Text,
            false,
            40.0,
            "文字",
            |p: ProjectText| Value::Text(p.allocation.clone()),
            |p, v| p.allocation = v.text()
        ),
        field!(
            "资金执行时间",
            "period",
            Kind::Text,
            false,
            24.0,
            "如 2025年1月1日-2025年12月10日。",
            |p: ProjectText| Value::Text(p.period.clone()),
            |p, v| p.period = v.text()
        ),
        field!(
            "项目类型",
            "kind",
            Kind::Text,
            false,
            20.0,
            "表套要求时填写，如 其他运转类、特定目标类",
            |p: ProjectText| Value::Text(p.kind.clone()),
            |p, v| p.kind = v.text()
        ),
        field!(
            "一级项目",
            "parent",
            Kind::Text,
            false,
            24.0,
            "本项目为二级项目时，填所属一级项目的名称",
            |p: ProjectText| Value::Text(p.parent.clone()),
            |p, v| p.parent = v.text()
        ),
        field!(
            "实施主体",
            "implementer",
            Kind::Text,
            false,
            24.0,
            "表套要求时填写；留空时表中印出项目明细所属的单位",
            |p: ProjectText| Value::Text(p.implementer.clone()),
            |p, v| p.implementer = v.text()
        ),
        field!(
            "项目概述",
            "overview",
            Kind::Text,
            false,
            60.0,
            "表套要求时填写",
            |p: ProjectText| Value::Text(p.overview.clone()),
            |p, v| p.overview = v.text()
        ),
        field!(
            "实施方案",
            "plan",
            Kind::Text,
            false,
            60.0,
            "表套要求时填写",
            |p: ProjectText| Value::Text(p.plan.clone()),
            |p, v| p.plan = v.text()
        ),
        field!(
            "绩效目标",
            "goal",
            Kind::Text,
            false,
            60.0,
            "项目支出绩效表逐项目印出时填写",
            |p: ProjectText| Value::Text(p.goal.clone()),
            |p, v| p.goal = v.text()
        ),
        field!(
            "单位标识",
            "unit",
            Kind::OptText,
            false,
            10.0,
            "几个单位有同名项目、各有说明时填写该单位的标识（本级写 本级）；否则留空",
            |p: ProjectText| Value::Opt(p.unit.clone()),
            |p, v| p.unit = v.opt()
        ),
    ],
};

/// 上年结转: the use of each carried-over project（第三部分 十一）.
pub(crate) const CARRYOVER: Sheet<CarryoverText> = Sheet {
    name: "上年结转",
    title: "上年结转结余项目用途",
    note: "按打印顺序，一行一个项目；金额由预算明细得出。",
    fields: &[
        field!(
            "项目名称",
            "project",
            Kind::Text,
            true,
            36.0,
            "与预算明细中的项目名称完全一致",
            |c: CarryoverText| Value::Text(c.project.clone()),
            |c, v| c.project = v.text()
        ),
        field!(
            "主要用途",
            "purpose",
            Kind::Text,
            true,
            70.0,
            "“主要用于”之后的文字",
            |c: CarryoverText| Value::Text(c.purpose.clone()),
            |c, v| c.purpose = v.text()
        ),
    ],
};

/// 政府采购.
pub(crate) const PROCUREMENT: Sheet<Procurement> = Sheet {
    name: "政府采购",
    title: "政府采购预算",
    note: "金额单位同基本信息；合计由前三项相加，不用填写。",
    fields: &[
        field!(
            "政府采购货物预算",
            "goods",
            Kind::Decimal,
            false,
            0.0,
            "数字",
            |p: Procurement| Value::Scalar(p.goods.clone()),
            |p, v| p.goods = v.scalar()
        ),
        field!(
            "政府采购工程预算",
            "works",
            Kind::Decimal,
            false,
            0.0,
            "数字",
            |p: Procurement| Value::Scalar(p.works.clone()),
            |p, v| p.works = v.scalar()
        ),
        field!(
            "政府采购服务预算",
            "services",
            Kind::Decimal,
            false,
            0.0,
            "数字",
            |p: Procurement| Value::Scalar(p.services.clone()),
            |p, v| p.services = v.scalar()
        ),
        field!(
            "面向中小企业预留金额",
            "sme_reserved",
            Kind::Decimal,
            false,
            0.0,
            "面向中小企业预留政府采购项目预算金额",
            |p: Procurement| Value::Scalar(p.sme_reserved.clone()),
            |p, v| p.sme_reserved = v.scalar()
        ),
        field!(
            "其中小微企业预留金额",
            "small_micro_reserved",
            Kind::Decimal,
            false,
            0.0,
            "其中面向小微企业预留的金额",
            |p: Procurement| Value::Scalar(p.small_micro_reserved.clone()),
            |p, v| p.small_micro_reserved = v.scalar()
        ),
    ],
};

/// 国有资产.
pub(crate) const ASSETS: Sheet<Assets> = Sheet {
    name: "国有资产",
    title: "国有资产占用使用情况（截至上年底）",
    note: "价值单位同基本信息；数量为整数。",
    fields: &[
        field!(
            "房屋面积",
            "building_area",
            Kind::Decimal,
            false,
            0.0,
            "平方米",
            |a: Assets| Value::Scalar(a.building_area.clone()),
            |a, v| a.building_area = v.scalar()
        ),
        field!(
            "房屋价值",
            "building_value",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |a: Assets| Value::Scalar(a.building_value.clone()),
            |a, v| a.building_value = v.scalar()
        ),
        field!(
            "一般公务用车数量",
            "general_vehicles.count",
            COUNT,
            false,
            0.0,
            "辆",
            |a: Assets| Value::Int(i64::from(a.general_vehicles.count)),
            |a, v| a.general_vehicles.count = v.int()
        ),
        field!(
            "一般公务用车价值",
            "general_vehicles.value",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |a: Assets| Value::Scalar(a.general_vehicles.value.clone()),
            |a, v| a.general_vehicles.value = v.scalar()
        ),
        field!(
            "执法执勤用车数量",
            "enforcement_vehicles.count",
            COUNT,
            false,
            0.0,
            "辆",
            |a: Assets| Value::Int(i64::from(a.enforcement_vehicles.count)),
            |a, v| a.enforcement_vehicles.count = v.int()
        ),
        field!(
            "执法执勤用车价值",
            "enforcement_vehicles.value",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |a: Assets| Value::Scalar(a.enforcement_vehicles.value.clone()),
            |a, v| a.enforcement_vehicles.value = v.scalar()
        ),
        field!(
            "其他车辆数量",
            "other_vehicles.count",
            COUNT,
            false,
            0.0,
            "辆",
            |a: Assets| Value::Int(i64::from(a.other_vehicles.count)),
            |a, v| a.other_vehicles.count = v.int()
        ),
        field!(
            "其他车辆价值",
            "other_vehicles.value",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |a: Assets| Value::Scalar(a.other_vehicles.value.clone()),
            |a, v| a.other_vehicles.value = v.scalar()
        ),
        field!(
            "办公家具价值",
            "furniture_value",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |a: Assets| Value::Scalar(a.furniture_value.clone()),
            |a, v| a.furniture_value = v.scalar()
        ),
        field!(
            "其他资产价值",
            "other_value",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |a: Assets| Value::Scalar(a.other_value.clone()),
            |a, v| a.other_value = v.scalar()
        ),
        field!(
            "单价50万元以上大型设备",
            "equipment_over_50",
            COUNT,
            false,
            0.0,
            "台（套）",
            |a: Assets| Value::Int(i64::from(a.equipment_over_50)),
            |a, v| a.equipment_over_50 = v.int()
        ),
        field!(
            "单价100万元以上大型设备",
            "equipment_over_100",
            COUNT,
            false,
            0.0,
            "台（套）",
            |a: Assets| Value::Int(i64::from(a.equipment_over_100)),
            |a, v| a.equipment_over_100 = v.int()
        ),
        field!(
            "本年拟购置车辆",
            "planned_vehicles",
            COUNT,
            false,
            0.0,
            "辆",
            |a: Assets| Value::Int(i64::from(a.planned_vehicles)),
            |a, v| a.planned_vehicles = v.int()
        ),
        field!(
            "本年拟购置50万元以上设备",
            "planned_equipment_over_50",
            COUNT,
            false,
            0.0,
            "台（套）",
            |a: Assets| Value::Int(i64::from(a.planned_equipment_over_50)),
            |a, v| a.planned_equipment_over_50 = v.int()
        ),
        field!(
            "本年拟购置100万元以上设备",
            "planned_equipment_over_100",
            COUNT,
            false,
            0.0,
            "台（套）",
            |a: Assets| Value::Int(i64::from(a.planned_equipment_over_100)),
            |a, v| a.planned_equipment_over_100 = v.int()
        ),
    ],
};

/// 整体绩效目标: the department-wide target form, without its indicators.
pub(crate) const OVERALL: Sheet<OverallTarget> = Sheet {
    name: "整体绩效目标",
    title: "部门整体绩效目标",
    note: "不公开部门整体绩效目标时全部留空；指标填在“绩效指标”表，所属填“部门整体”。",
    fields: &[
        field!(
            "部门联系人",
            "contact",
            Kind::Text,
            true,
            0.0,
            "姓名",
            |o: OverallTarget| Value::Text(o.contact.clone()),
            |o, v| o.contact = v.text()
        ),
        field!(
            "联系电话",
            "phone",
            Kind::Text,
            true,
            0.0,
            "按文本填写",
            |o: OverallTarget| Value::Text(o.phone.clone()),
            |o, v| o.phone = v.text()
        ),
        field!(
            "年度绩效目标",
            "goal",
            Kind::Text,
            true,
            0.0,
            "一段文字",
            |o: OverallTarget| Value::Text(o.goal.clone()),
            |o, v| o.goal = v.text()
        ),
        field!(
            "财政资金：上级安排",
            "superior_funds",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |o: OverallTarget| Value::Scalar(o.superior_funds.clone()),
            |o, v| o.superior_funds = v.scalar()
        ),
        field!(
            "财政资金：本级安排",
            "local_funds",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |o: OverallTarget| Value::Scalar(o.local_funds.clone()),
            |o, v| o.local_funds = v.scalar()
        ),
        field!(
            "其他资金",
            "other_funds",
            Kind::Decimal,
            false,
            0.0,
            "金额",
            |o: OverallTarget| Value::Scalar(o.other_funds.clone()),
            |o, v| o.other_funds = v.scalar()
        ),
    ],
};

/// 项目绩效目标: one project target form per row, without its indicators.
pub(crate) const TARGETS: Sheet<ProjectTarget> = Sheet {
    name: "项目绩效目标",
    title: "项目支出绩效目标",
    note: "按打印顺序，一行一个项目；指标填在“绩效指标”表，所属填项目名称。",
    fields: &[
        field!(
            "项目名称",
            "project",
            Kind::Text,
            true,
            30.0,
            "与预算明细中的项目名称完全一致",
            |t: ProjectTarget| Value::Text(t.project.clone()),
            |t, v| t.project = v.text()
        ),
        field!(
            "表中项目名称",
            "title",
            Kind::OptText,
            false,
            30.0,
            "绩效目标表上印的名称与项目名称不同时填写",
            |t: ProjectTarget| Value::Opt(t.title.clone()),
            |t, v| t.title = v.opt()
        ),
        field!(
            "项目负责人",
            "leader",
            Kind::Text,
            true,
            12.0,
            "姓名",
            |t: ProjectTarget| Value::Text(t.leader.clone()),
            |t, v| t.leader = v.text()
        ),
        field!(
            "项目总体目标",
            "goal",
            Kind::Text,
            true,
            70.0,
            "一段文字",
            |t: ProjectTarget| Value::Text(t.goal.clone()),
            |t, v| t.goal = v.text()
        ),
    ],
};

/// 专项资金绩效目标: one programme's form (专项资金, 一级项目) per row, without its
/// indicators. A workbook may lack the sheet ([`OPTIONAL_SHEETS`]).
pub(crate) const PROGRAMMES: Sheet<ProgrammeTarget> = Sheet {
    name: "专项资金绩效目标",
    title: "专项资金绩效目标（一级项目）",
    note: "按打印顺序，一行一笔本部门主管的专项资金；本级支出、补助下级照文件填写；指标填在“绩效指标”表，所属填资金名称。",
    fields: &[
        field!(
            "资金名称",
            "name",
            Kind::Text,
            true,
            24.0,
            "专项资金（一级项目）名称；与项目绩效目标表中的项目名称不能相同",
            |t: ProgrammeTarget| Value::Text(t.name.clone()),
            |t, v| t.name = v.text()
        ),
        field!(
            "主管部门",
            "manager",
            Kind::Text,
            false,
            16.0,
            "不填为本部门",
            |t: ProgrammeTarget| Value::Text(t.manager.clone()),
            |t, v| t.manager = v.text()
        ),
        field!(
            "本级支出",
            "own",
            Kind::Decimal,
            false,
            14.0,
            "金额；不填取本部门属于这笔资金的明细之和",
            |t: ProgrammeTarget| Value::Scalar(t.own.clone()),
            |t, v| t.own = v.scalar()
        ),
        field!(
            "补助下级",
            "transfers",
            Kind::Decimal,
            false,
            14.0,
            "金额；不填为 0",
            |t: ProgrammeTarget| Value::Scalar(t.transfers.clone()),
            |t, v| t.transfers = v.scalar()
        ),
        field!(
            "项目概况",
            "overview",
            Kind::Text,
            false,
            50.0,
            "一段文字",
            |t: ProgrammeTarget| Value::Text(t.overview.clone()),
            |t, v| t.overview = v.text()
        ),
        field!(
            "当年绩效目标",
            "goal",
            Kind::Text,
            true,
            60.0,
            "一段文字",
            |t: ProgrammeTarget| Value::Text(t.goal.clone()),
            |t, v| t.goal = v.text()
        ),
    ],
};

/// Sheets a workbook may lack (added after workbooks were in use): an absent one reads as
/// empty.
pub(crate) const OPTIONAL_SHEETS: &[&str] = &[PROGRAMMES.name];

/// 绩效指标: every indicator, tagged with the target it belongs to.
pub(crate) const INDICATORS: Sheet<(String, Indicator)> = Sheet {
    name: "绩效指标",
    title: "绩效指标",
    note: "所属填“部门整体”或项目绩效目标表中的项目名称；同一目标的指标按打印顺序排列。",
    fields: &[
        field!(
            "所属",
            "",
            Kind::Text,
            true,
            24.0,
            "部门整体 或 项目名称",
            |r: (String, Indicator)| Value::Text(r.0.clone()),
            |r, v| r.0 = v.text()
        ),
        field!(
            "一级指标",
            "level1",
            Kind::Text,
            true,
            12.0,
            "如 产出指标",
            |r: (String, Indicator)| Value::Text(r.1.level1.clone()),
            |r, v| r.1.level1 = v.text()
        ),
        field!(
            "二级指标",
            "level2",
            Kind::Text,
            true,
            14.0,
            "如 数量指标",
            |r: (String, Indicator)| Value::Text(r.1.level2.clone()),
            |r, v| r.1.level2 = v.text()
        ),
        field!(
            "三级指标",
            "name",
            Kind::Text,
            true,
            30.0,
            "指标名称",
            |r: (String, Indicator)| Value::Text(r.1.name.clone()),
            |r, v| r.1.name = v.text()
        ),
        field!(
            "指标值",
            "value",
            Kind::Text,
            true,
            14.0,
            "如 ≥95%；以等号开头时先输入英文单引号",
            |r: (String, Indicator)| Value::Text(r.1.value.clone()),
            |r, v| r.1.value = v.text()
        ),
        field!(
            "指标值设定依据",
            "basis",
            Kind::Text,
            true,
            24.0,
            "如 计划标准",
            |r: (String, Indicator)| Value::Text(r.1.basis.clone()),
            |r, v| r.1.basis = v.text()
        ),
        field!(
            "分值权重",
            "weight",
            Kind::Decimal,
            true,
            9.0,
            "数字",
            |r: (String, Indicator)| Value::Scalar(r.1.weight.clone()),
            |r, v| r.1.weight = v.scalar()
        ),
        field!(
            "上年完成值",
            "last_value",
            Kind::OptText,
            false,
            12.0,
            "项目指标填写",
            |r: (String, Indicator)| Value::Opt(r.1.last_value.clone()),
            |r, v| r.1.last_value = v.opt()
        ),
        field!(
            "指标赋分规则",
            "scoring",
            Kind::OptText,
            false,
            16.0,
            "项目指标填写",
            |r: (String, Indicator)| Value::Opt(r.1.scoring.clone()),
            |r, v| r.1.scoring = v.opt()
        ),
        field!(
            "佐证资料",
            "evidence",
            Kind::OptText,
            false,
            12.0,
            "项目指标填写",
            |r: (String, Indicator)| Value::Opt(r.1.evidence.clone()),
            |r, v| r.1.evidence = v.opt()
        ),
        field!(
            "指标性质",
            "nature",
            Kind::OptText,
            false,
            9.0,
            "≥、≤、=、定性等，绩效目标表单列时填写",
            |r: (String, Indicator)| Value::Opt(r.1.nature.clone()),
            |r, v| r.1.nature = v.opt()
        ),
        field!(
            "计量单位",
            "measure",
            Kind::OptText,
            false,
            9.0,
            "个、%、万人次……，绩效目标表单列时填写",
            |r: (String, Indicator)| Value::Opt(r.1.measure.clone()),
            |r, v| r.1.measure = v.opt()
        ),
        field!(
            "核心指标",
            "core",
            Kind::OptText,
            false,
            9.0,
            "是 或 否，绩效目标表单列时填写",
            |r: (String, Indicator)| Value::Opt(r.1.core.clone()),
            |r, v| r.1.core = v.opt()
        ),
        field!(
            "活动",
            "activity",
            Kind::OptText,
            false,
            12.0,
            "指标所属的活动，部门整体绩效目标表按活动列出时填写",
            |r: (String, Indicator)| Value::Opt(r.1.activity.clone()),
            |r, v| r.1.activity = v.opt()
        ),
    ],
};

/// Every data sheet the reader needs, in workbook order.
pub(crate) const DATA_SHEETS: &[&str] = &[
    DEPARTMENT.name,
    OFFICES.name,
    UNITS.name,
    LINES.name,
    CODE_NAMES.name,
    COMPARE,
    ITEMS.name,
    PROJECTS.name,
    CARRYOVER.name,
    PROCUREMENT.name,
    ASSETS.name,
    OVERALL.name,
    TARGETS.name,
    INDICATORS.name,
];

/// The values a field's drop-down offers, if it has one. The lists only suggest: the
/// model accepts the aliases it knows and reports anything else with its rule.
pub(crate) fn choices(sheet: &str, header: &str) -> Option<Vec<&'static str>> {
    use gongkai_model::facts::Procured;
    use gongkai_model::source::{Kind as SpendKind, Source};
    match (sheet, header) {
        ("预算明细", "支出类型") => Some(vec![SpendKind::Basic.label(), SpendKind::Project.label()]),
        ("预算明细", "资金来源") => Some(Source::ALL.iter().map(|s| s.label()).collect()),
        ("预算明细", "人员经费" | "基本建设") => Some(vec![flag_label(true), flag_label(false)]),
        ("预算明细", "政府采购品目") => Some(Procured::ALL.iter().map(|p| p.label()).collect()),
        ("基本信息", "金额单位") => Some(vec![MoneyUnit::Yuan.label(), MoneyUnit::Wan.label()]),
        ("基本信息", "单位性质") => Some(vec!["行政单位", "参公事业单位", "事业单位"]),
        _ => None,
    }
}

#[cfg(test)]
mod schema_tests {
    //! Every field of the input schema has its place in the workbook, so `gongkai convert`
    //! to a workbook never drops one: the schema (kept current by the CLI's tests) is the
    //! list of what the YAML can hold.

    use super::*;

    /// The field paths a sheet reads, first segment only (`basic.amount` → `basic`).
    fn paths<T>(sheet: &Sheet<T>) -> Vec<&'static str> {
        sheet.fields.iter().map(|f| f.path.split('.').next().unwrap_or_default()).collect()
    }

    fn properties(schema: &serde_json::Value, definition: &str) -> Vec<String> {
        let props = &schema["definitions"][definition]["properties"];
        props.as_object().unwrap_or_else(|| panic!("{definition}: no properties")).keys().cloned().collect()
    }

    #[test]
    fn every_schema_field_of_a_listed_entry_has_a_column() {
        let text = include_str!("../../../schema/budget.schema.json");
        let schema: serde_json::Value = serde_json::from_str(text).unwrap();
        let sheets: [(&str, Vec<&str>); 9] = [
            ("LineInput", paths(&LINES)),
            ("UnitInput", paths(&UNITS)),
            ("ItemCompared", paths(&ITEMS)),
            ("ProjectText", paths(&PROJECTS)),
            ("CarryoverText", paths(&CARRYOVER)),
            ("Procurement", paths(&PROCUREMENT)),
            ("ProjectTarget", paths(&TARGETS)),
            ("ProgrammeTarget", paths(&PROGRAMMES)),
            ("Indicator", paths(&INDICATORS)),
        ];
        let mut missing = Vec::new();
        for (definition, paths) in &sheets {
            for property in properties(&schema, definition) {
                // A project's indicators are rows of 绩效指标, under the project's name.
                let elsewhere =
                    property == "indicators" && ["ProjectTarget", "ProgrammeTarget"].contains(definition);
                if !paths.contains(&property.as_str()) && !elsewhere {
                    missing.push(format!("{definition}.{property}"));
                }
            }
        }
        assert!(missing.is_empty(), "fields without a workbook column: {missing:?}");
    }
}
