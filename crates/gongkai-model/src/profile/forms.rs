//! How a profile describes its performance-target forms (绩效目标表): for the department
//! and for each project, a grid of fixed labels, values from the input's performance
//! targets and amounts over the lines, then one row per indicator.
//!
//! The layout is the profile's; [`crate::forms`] fills it in for a department.

use serde::{Deserialize, Serialize};

use super::filter::Filter;
use crate::table::{NumberFormat, NumberPosition, Orientation};

/// The forms of a profile; a profile without forms prints none.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FormsSpec {
    /// The department's form (部门整体绩效目标表), printed first when the input has its
    /// targets.
    pub overall: Option<FormSpec>,
    /// The form printed for each project the input gives targets for (项目支出绩效目标表),
    /// or, in the [`FormLayout::List`] layout, one form listing every project.
    pub project: Option<FormSpec>,
    /// The form printed for each programme (专项资金, 一级项目) the input gives targets for:
    /// its amounts are the programme's stated budget, beside the department's own lines.
    pub programme: Option<FormSpec>,
}

/// How a project's form is laid out over the projects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormLayout {
    /// One form per project (the default).
    #[default]
    Each,
    /// One form over every project: the header once at the top (repeated on every page),
    /// then for each project its fixed rows and its indicator rows, the project's `beside`
    /// cells merged down beside all of its indicator rows.
    List,
}

/// One kind of form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormSpec {
    /// The title; `{year}`, `{org}` and, in a project's form, `{project}` (the project's
    /// printed name) are filled in.
    pub title: String,
    /// The line under the title, filled in like the title: `（{year}年）`.
    pub subtitle: String,
    /// 表号 (`表十`), printed where `number_position` says; empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// Where the 表号 goes.
    #[serde(default = "above")]
    pub number_position: NumberPosition,
    /// The grid's column widths, in characters; their count is the grid's width.
    pub widths: Vec<u16>,
    /// The rows above the indicators. Each row's cells are placed left to right in the
    /// columns that cells of earlier rows do not cover (as in HTML); every row fills the
    /// grid exactly. In the list layout, each project's rows above its indicators.
    pub rows: Vec<Vec<FormCell>>,
    /// One form per project, or one listing them all.
    pub layout: FormLayout,
    /// The list layout's header: rows of labels printed once above the projects (and on
    /// every page the form runs over), in place of the indicators' label row.
    pub header: Vec<Vec<FormCell>>,
    /// The list layout's cells left of each project's indicators (序号, 项目名称, amounts,
    /// 绩效目标), each merged down over the project's indicator rows.
    pub beside: Vec<FormCell>,
    /// The indicator rows under them.
    pub indicators: IndicatorBlock,
    /// How the form's amounts print.
    pub format: NumberFormat,
    /// The page the form goes on.
    pub orientation: Orientation,
    /// The unit line's label above the grid at the right (`金额单位` prints `金额单位：万元`);
    /// `None` for none.
    pub unit_label: Option<String>,
    /// For the department's form: the budget it describes, whose lines give the
    /// narrative's amount and which stated funds must add up to (W414). For a programme's
    /// form: which of the department's lines of the programme are its 本级支出 (E429).
    pub funds: Option<FundsRule>,
}

fn above() -> NumberPosition {
    NumberPosition::Above
}

/// A cell of a form's fixed rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormCell {
    /// What the cell shows.
    pub value: FormValue,
    /// Columns covered, from 1.
    pub colspan: usize,
    /// Rows covered, from 1.
    pub rowspan: usize,
}

/// What a cell of a form shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FormValue {
    /// A fixed label; `{year}` and `{org}` are filled in.
    Text(String),
    /// A value of the department or of the form's performance targets.
    Field(FormField),
    /// The lines that pass the filter (a project's form: the project's lines), added up.
    Amount(Filter),
}

/// A value a form takes from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormField {
    /// 部门名称.
    Org,
    /// `[部门代码]部门名称` (`[292]国家信访局`), the name alone when the input has no code.
    CodedOrg,
    /// 预算年度.
    Year,
    /// 年度绩效目标 / 项目总体目标.
    Goal,
    /// 部门联系人 (department's form).
    Contact,
    /// 联系电话 (department's form).
    Phone,
    /// The project's printed name (project's form).
    Project,
    /// 项目负责人 (project's form).
    Leader,
    /// The project's budget unit (project's form).
    Unit,
    /// 主管部门 (programme's form): the input's, else the department's name.
    Manager,
    /// 项目概况 (programme's form).
    Overview,
    /// 本级支出 (programme's form): stated, else the department's lines of the programme.
    Own,
    /// 补助下级 (programme's form).
    Transfers,
    /// 当年预算 (programme's form): 本级支出 + 补助下级.
    Budget,
    /// The project's number among the forms, from 1 (序号 of a list of projects).
    Seq,
}

impl FormField {
    /// Every field with its name in a bundle and whether each kind of form has it
    /// (department's, project's).
    pub const ALL: &'static [(FormField, &'static str, bool, bool)] = &[
        (FormField::Org, "org", true, true),
        (FormField::CodedOrg, "coded_org", true, true),
        (FormField::Year, "year", true, true),
        (FormField::Goal, "goal", true, true),
        (FormField::Contact, "contact", true, false),
        (FormField::Phone, "phone", true, false),
        (FormField::Project, "project", false, true),
        (FormField::Leader, "leader", false, true),
        (FormField::Unit, "unit", false, true),
        (FormField::Manager, "manager", false, false),
        (FormField::Overview, "overview", false, false),
        (FormField::Own, "own", false, false),
        (FormField::Transfers, "transfers", false, false),
        (FormField::Budget, "budget", false, false),
        (FormField::Seq, "seq", false, true),
    ];

    /// The fields a programme's form has (`project` is the programme's name, `goal` its
    /// 当年绩效目标).
    pub const PROGRAMME: &'static [FormField] = &[
        FormField::Org,
        FormField::CodedOrg,
        FormField::Year,
        FormField::Goal,
        FormField::Project,
        FormField::Manager,
        FormField::Overview,
        FormField::Own,
        FormField::Transfers,
        FormField::Budget,
    ];
}

/// The indicator rows of a form: a row of column labels, then one row per indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorBlock {
    /// A label in the first column beside the label row and every indicator row
    /// (`绩效指标`); the indicator columns then start in the second column.
    pub side: Option<String>,
    /// How many of the fixed rows above the label row the side label covers too (0: it
    /// starts at the label row); those rows leave the first column to it.
    pub side_above: usize,
    /// The indicator columns, left to right.
    pub columns: Vec<IndicatorColumn>,
    /// How many leading columns merge vertically where consecutive indicators have the
    /// same value (and the same values to their left): 2 merges equal 一级 and 二级 cells.
    pub merge: usize,
}

/// A column of the indicator rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorColumn {
    /// The label in the label row.
    pub label: String,
    /// What the column shows of each indicator.
    pub value: IndicatorField,
    /// Grid columns the column covers, from 1.
    pub colspan: usize,
}

/// A value of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorField {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Name,
    /// 指标值.
    Value,
    /// 指标（值）设定依据.
    Basis,
    /// 上年完成值.
    LastValue,
    /// 分值权重, as written.
    Weight,
    /// 指标赋分规则.
    Scoring,
    /// 佐证资料.
    Evidence,
    /// 指标性质 (≥, =, 定性).
    Nature,
    /// 计量单位.
    Measure,
    /// 是否核心指标.
    Core,
    /// The activity (活动) the indicator belongs to, as a department's form lists them.
    Activity,
    /// 一级, 二级 and 三级指标 run together in one cell (`产出指标数量指标参保人数`).
    Levels,
}

impl IndicatorField {
    /// Every field with its name in a bundle.
    pub const ALL: &'static [(IndicatorField, &'static str)] = &[
        (IndicatorField::Level1, "level1"),
        (IndicatorField::Level2, "level2"),
        (IndicatorField::Name, "name"),
        (IndicatorField::Value, "value"),
        (IndicatorField::Basis, "basis"),
        (IndicatorField::LastValue, "last_value"),
        (IndicatorField::Weight, "weight"),
        (IndicatorField::Scoring, "scoring"),
        (IndicatorField::Evidence, "evidence"),
        (IndicatorField::Nature, "nature"),
        (IndicatorField::Measure, "measure"),
        (IndicatorField::Core, "core"),
        (IndicatorField::Activity, "activity"),
        (IndicatorField::Levels, "levels"),
    ];
}

/// The budget the department's form describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FundsRule {
    /// What that budget is called in the warning: `一般公共预算拨款`.
    pub label: String,
    /// Its lines.
    pub filter: Filter,
}

impl FormsSpec {
    /// Which texts of the input's `performance` the forms print.
    pub fn printed_texts(&self) -> super::FormTexts {
        let basis = |f: &Option<FormSpec>| {
            f.as_ref().is_some_and(|f| f.indicators.columns.iter().any(|c| c.value == IndicatorField::Basis))
        };
        let leader = self.project.as_ref().is_some_and(|f| {
            f.rows.iter().flatten().chain(&f.beside).any(|c| c.value == FormValue::Field(FormField::Leader))
        });
        let forms = [&self.overall, &self.project, &self.programme];
        let weight = forms
            .into_iter()
            .flatten()
            .any(|f| f.indicators.columns.iter().any(|c| c.value == IndicatorField::Weight))
            || forms.iter().all(|f| f.is_none());
        super::FormTexts {
            leader,
            overall_basis: basis(&self.overall),
            project_basis: basis(&self.project),
            programme_basis: basis(&self.programme),
            weight,
        }
    }
}
