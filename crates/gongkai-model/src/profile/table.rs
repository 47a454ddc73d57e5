//! How a profile describes one table: its heading, its columns (a header tree whose
//! leaves say what each column holds) and its rows (a tree of groupings of the lines, a
//! fixed listing, or a two-sided 收支 table).

use serde::{Deserialize, Serialize};

use super::filter::Filter;
use crate::catalogue::Classification;
pub use crate::table::{Layout, NumberFormat, NumberPosition, Orientation, Zero};

/// One table of a profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableSpec {
    /// Stable key, `t6`.
    pub id: String,
    /// 表号 as printed (`表6`, `公开06表`, `部门公开表 6`); `None` for an unnumbered table.
    pub number: Option<String>,
    /// 标题; `{year}` and `{org}` are filled in.
    pub title: String,
    /// Which budget lines the table is about.
    pub scope: Filter,
    /// How rows are formed.
    pub rows: RowScheme,
    /// The header tree; its leaves, left to right, are the grid columns.
    pub header: Vec<HeaderNode>,
    /// The row under the header that numbers the columns, if any.
    pub numbering: Numbering,
    /// What an empty table prints.
    pub empty: EmptyTable,
    /// Column identities: the column `total` equals the sum of `parts`.
    pub sums: Vec<ColumnSum>,
    /// How amounts print.
    pub format: NumberFormat,
    /// Amount columns (by id) whose zero cells print blank, whatever `format.zero` says.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blank_zero: Vec<String>,
    /// The lines above the grid and the page.
    pub layout: Layout,
    /// The one sentence printed under the table when its printed parts do not add up to a
    /// printed total (四舍五入尾差); the details stay in validate's findings.
    pub rounding_note: String,
    /// Sentences always printed under the table (a definition such as 机关运行经费's);
    /// `{org}` and `{year}` are filled in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The numbering row under a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Numbering {
    /// None.
    None,
    /// `mark` for text columns (※, **, 栏次 in the first), 1, 2, 3 … for amount columns.
    Columns {
        /// What text columns show.
        mark: String,
        /// What the first column shows, when it differs (`栏次`).
        first: Option<String>,
    },
}

/// What an empty table prints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmptyTable {
    /// The sentence (`{org}`, `{year}` filled in); under the grid.
    pub note: Option<String>,
    /// Whether the empty table still prints its total row (with blank or zero amounts).
    pub total_row: bool,
    /// Blank rows printed in an empty table (some regions pad to a fixed height).
    pub blank_rows: usize,
    /// The word an empty table prints in the first cell of its first row (`无`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// Why the table is empty, as a register (报表目录) prints it beside the table (`不涉及`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A column that is the sum of others (by column id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSum {
    /// The total column.
    pub total: String,
    /// Its parts.
    pub parts: Vec<String>,
}

/// A node of a header tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderNode {
    /// The printed label.
    pub label: String,
    /// For a leaf: what its column holds.
    pub column: Option<ColumnSpec>,
    /// Sub-headers.
    pub children: Vec<HeaderNode>,
}

impl HeaderNode {
    /// How many grid columns a header tree has (its leaves).
    pub fn leaf_count(nodes: &[HeaderNode]) -> usize {
        nodes.iter().map(|n| if n.children.is_empty() { 1 } else { Self::leaf_count(&n.children) }).sum()
    }
}

/// What a leaf column holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ColumnSpec {
    /// Part `level` of the row's code as split columns print it: 0 = 类 (`208`), 1 = 款
    /// (`05`), 2 = 项 (`05`).
    CodePart(u8),
    /// The row's whole code in one column (`208`, `20805`, `2080505`).
    Code,
    /// The row's name (科目名称, unit or project name, a fixed row's label), printed by a
    /// pattern: `{name}`, `{code} {name}`, `[{code}]{name}`, `{cn}、{name}` ….
    Name {
        /// The pattern.
        pattern: String,
        /// The dimensions whose value the column prints, where a row's level groups by
        /// several (政府采购支出表's 专项名称, 经济科目, 采购品目名称 columns on one row); a
        /// row without any of them prints nothing here. Empty: the row's own name, and in a
        /// table where other name columns claim dimensions, nothing for a row whose
        /// dimensions are all claimed.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        of: Vec<Dim>,
    },
    /// The project name of a project row.
    Project,
    /// An attribute of a project row's project from the input's 项目说明 (项目类型,
    /// 一级项目, 实施单位); 实施单位 not given is the units of the row's lines.
    ProjectAttr(crate::input::ProjectField),
    /// The label of the left side of a two-sided table.
    LeftLabel,
    /// Which year a row of a table printed by year is ([`YearRows`]): `2025 年`, `2026 年`,
    /// `增减变化金额`; empty in other tables.
    Period,
    /// An amount of the left side: its row's lines that pass `filter`.
    LeftAmount {
        /// Column key for identities.
        id: String,
        /// Which lines of the row the column adds up.
        filter: Filter,
    },
    /// The label of the right side of a two-sided table, by a pattern like [`Self::Name`].
    RightLabel {
        /// The pattern for class rows.
        pattern: String,
    },
    /// An amount: the row's lines that also pass `filter`.
    Amount {
        /// Column key for identities.
        id: String,
        /// Which lines the column adds up.
        filter: Filter,
        /// What of each line it adds up: its amount, or a reserved share of it.
        #[serde(default, skip_serializing_if = "Measure::is_amount")]
        measure: Measure,
    },
    /// `of` − `base`, two amount columns of the same row.
    Change {
        /// Column key.
        id: String,
        /// The column changed.
        of: String,
        /// The column compared with.
        base: String,
    },
    /// (`of` − `base`) / `base`, as a percentage.
    ChangePercent {
        /// Column key.
        id: String,
        /// The column changed.
        of: String,
        /// The column compared with.
        base: String,
    },
}

/// What an amount column adds up of each line it selects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The line's amount.
    #[default]
    Amount,
    /// The share of its 政府采购 amount reserved for 中小企业 (`sme_reserved`).
    SmeReserved,
    /// The share reserved for 小型、微型企业 (`small_micro_reserved`).
    SmallMicroReserved,
}

impl Measure {
    /// Whether this is the line's amount (the default).
    pub fn is_amount(&self) -> bool {
        *self == Measure::Amount
    }

    /// What the measure takes of `fact`.
    pub fn of(self, fact: &crate::facts::Fact) -> rust_decimal::Decimal {
        match self {
            Measure::Amount => fact.amount,
            Measure::SmeReserved => fact.reserved[0],
            Measure::SmallMicroReserved => fact.reserved[1],
        }
    }

    /// The measure by its profile name.
    pub fn parse(text: &str) -> Option<Measure> {
        match text.trim() {
            "amount" => Some(Measure::Amount),
            "sme_reserved" => Some(Measure::SmeReserved),
            "small_micro_reserved" => Some(Measure::SmallMicroReserved),
            _ => None,
        }
    }
}

/// How a table forms its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RowScheme {
    /// Groupings of the lines, outermost first, under a total row.
    Tree(Tree),
    /// Fixed rows, each adding up the lines that pass its filter.
    Fixed(Vec<FixedRow>),
    /// A two-sided 收支 table.
    Balance(Balance),
    /// A register (报表目录): one row per table and form of the document, in order, saying
    /// whether each is empty and why. Its rows are filled in after every other table is
    /// derived ([`crate::derive::fill_registers`]).
    Register(Register),
}

/// A register of the document's tables and forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Register {
    /// What the 是否空表 column prints for an empty table (`是`); a table with figures
    /// prints nothing there.
    pub mark: String,
    /// The performance forms, listed as one row of the register.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forms: Option<RegisterForms>,
}

/// The register's row for the performance forms.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterForms {
    /// The number the register gives them (`表14`).
    pub number: String,
    /// The table after which they are listed; `None` for after the last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Why there are none, when the input has no project's performance form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A tree of groupings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tree {
    /// The total row.
    pub total: Option<TotalRow>,
    /// The levels, outermost first.
    pub levels: Vec<Level>,
    /// Each row printed once per year and once for the change (“三公”经费表's 2025 年,
    /// 2026 年, 增减变化金额 beside a 年度 column), instead of once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<YearRows>,
}

/// The rows of a tree printed by year: for each row, one with last year's figures (from
/// last year's input, else the typed figures `compare` names), one with this year's, and
/// one with the change (this year's less last year's). The row's names print on the first
/// of the three; the [`ColumnSpec::Period`] column says which row is which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRows {
    /// The label of last year's row (`{prev_year} 年`).
    pub last: String,
    /// The label of this year's row (`{year} 年`).
    pub this: String,
    /// The label of the change row (`增减变化金额`).
    pub change: String,
    /// Without last year's input: for amount columns (by id), the comparison key of the
    /// typed last-year figure the department's row prints. Columns not listed print zero;
    /// a total of the table's `sums` is the sum of its parts (never a typed figure).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub compare: std::collections::BTreeMap<String, String>,
}

/// A total row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalRow {
    /// Its label (`总计`, `合 计`).
    pub label: String,
    /// Above the other rows (true) or below them.
    pub top: bool,
}

/// One level of a tree: rows grouping the lines by the values of `dims`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    /// What the rows of this level group by (several: one row per combination, such as
    /// 项 × project).
    pub dims: Vec<Dim>,
    /// Which rows the level prints: those with lines, or every code of the catalogue.
    pub rows: LevelRows,
    /// For a project level: the label of the row of lines without a project (basic
    /// spending), printed first; `None` leaves such lines out of the level.
    pub without_project: Option<String>,
    /// For a project level: only the projects whose 项目说明 fills in this field (a
    /// 项目支出绩效表 lists the projects with a 绩效目标).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_with: Option<crate::input::ProjectField>,
    /// Whether the level groups without printing its own rows: the rows under it follow
    /// group by group, at its depth (预算05表's 项 rows unit by unit, without unit rows).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// The names this level's rows print for some codes, instead of the catalogue's (a
    /// table that calls 301 工资和福利支出 where the others print 工资福利支出).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: std::collections::BTreeMap<String, String>,
}

/// A dimension lines are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dim {
    /// The whole department: one row over all its units (表2's 部门 row above its 单位 rows).
    Org,
    /// The budget unit.
    Unit,
    /// 功能分类 类.
    FuncClass,
    /// 功能分类 款.
    FuncSection,
    /// 功能分类 项.
    FuncItem,
    /// 部门经济分类 类.
    EconClass,
    /// 部门经济分类 款.
    EconItem,
    /// 部门经济分类 项 under a 款 (7 digits, 3010201), where a region divides 款; lines
    /// coded at the 款 have no row at this level.
    EconSub,
    /// 部门经济分类 as the line writes it: its 项 (7 digits) where the region divides the
    /// 款, else its 款 (5 digits). A row per code whatever its length (预算03表's
    /// `3021101-差旅费` beside `30201-办公费`).
    Econ,
    /// 政府经济分类 类 (the line's 5xx code, from the catalogue's correspondence or the
    /// line's own `gov_econ`).
    GovClass,
    /// 政府经济分类 款.
    GovItem,
    /// The project.
    Project,
    /// The project's parents (一级项目, 二级项目 …: the input's `parent` of the project,
    /// steps separated by `/`): one level of rows per step, outermost first, over the
    /// levels below. Lines of a project without a parent, or without a project, pass
    /// straight to the levels below.
    ProjectParent,
    /// The 政府采购 category (货物 A, 工程 B, 服务 C); lines not procured have no row.
    Procurement,
    /// The line's 采购品目名称 (复印纸); lines that name none have no row.
    ProcurementItem,
    /// The line's 采购组织形式 (集中采购); lines that name none have no row.
    ProcurementForm,
    /// The line's fund source by its name (资金性质: 一般公共预算结转 …).
    Source,
    /// 政府购买服务指导性目录 一级 (`01-公共服务`) of the line's `service`; lines without one
    /// have no row.
    ServiceClass,
    /// 政府购买服务指导性目录 二级 (`0115-公共信息与宣传服务`).
    ServiceItem,
    /// 政府购买服务指导性目录 三级 (a name: `公共信息系统开发与维护服务`).
    Service,
    /// Each line on its own (a row per line, where a table lists entries it does not add up).
    Line,
}

impl Dim {
    /// The classification whose codes the dimension groups by; `None` for units and
    /// projects.
    pub fn classification(self) -> Option<Classification> {
        match self {
            Dim::FuncClass | Dim::FuncSection | Dim::FuncItem => Some(Classification::Function),
            Dim::EconClass | Dim::EconItem | Dim::EconSub | Dim::Econ => Some(Classification::Economic),
            Dim::GovClass | Dim::GovItem => Some(Classification::Government),
            Dim::Org
            | Dim::Unit
            | Dim::Project
            | Dim::ProjectParent
            | Dim::Procurement
            | Dim::ProcurementItem
            | Dim::ProcurementForm
            | Dim::Source
            | Dim::ServiceClass
            | Dim::ServiceItem
            | Dim::Service
            | Dim::Line => None,
        }
    }

    /// Whether a line may have no value on this dimension, and then no row at its level
    /// (a 款 without 项, a line not procured).
    pub fn optional(self) -> bool {
        matches!(
            self,
            Dim::EconSub
                | Dim::Procurement
                | Dim::ProcurementItem
                | Dim::ProcurementForm
                | Dim::ServiceClass
                | Dim::ServiceItem
                | Dim::Service
        )
    }

    /// The length of the dimension's codes (3 类, 5 款, 7 项).
    pub fn code_len(self) -> Option<usize> {
        match self {
            Dim::FuncClass | Dim::EconClass | Dim::GovClass => Some(3),
            Dim::FuncSection | Dim::EconItem | Dim::GovItem => Some(5),
            Dim::FuncItem | Dim::EconSub => Some(7),
            Dim::Org
            | Dim::Unit
            | Dim::Project
            | Dim::ProjectParent
            | Dim::Procurement
            | Dim::ProcurementItem
            | Dim::ProcurementForm
            | Dim::Source
            | Dim::Econ
            | Dim::ServiceClass
            | Dim::ServiceItem
            | Dim::Service
            | Dim::Line => None,
        }
    }
}

/// Which rows a level prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum LevelRows {
    /// The groups that have lines.
    Used,
    /// Every code of the catalogue at this level (under its parent), and any other code
    /// the lines use.
    Catalogue,
    /// These codes in this order, with or without lines, then any other code used.
    Codes(Vec<String>),
}

/// A fixed row of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixedRow {
    /// Key for identities.
    pub key: String,
    /// The printed label.
    pub label: String,
    /// Indentation level; 0 rows add up to the total.
    pub level: u8,
    /// Which lines the row adds up (within the table scope); `None` for a blank row.
    pub filter: Option<Filter>,
    /// Keys of the rows this row is the sum of.
    pub children: Vec<String>,
    /// Whether this is the table's total row.
    pub total: bool,
    /// Printed only when it has money (a template row such as 国有资本经营预算拨款收入 that
    /// most departments leave out). A `{cn}` in a label numbers the printed rows of its
    /// level (一、二、…), so leaving a row out never leaves a gap in the numbering.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// A two-sided 收支 table: fixed rows on the left, 类 rows and fixed rows on the right,
/// side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    /// Left rows, in order (blank rows have no filter).
    pub left: Vec<FixedRow>,
    /// The right side's 类 rows.
    pub classes: LevelRows,
    /// Names of listed 类 the catalogue lacks (234 抗疫特别国债安排的支出, printed by some
    /// regions after the catalogue's classes).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub class_names: std::collections::BTreeMap<String, String>,
    /// How deep the right side's function rows go: 1 类 only, 2 with their 款, 3 with
    /// their 项 (款 and 项 rows only where there are lines).
    pub depth: u8,
    /// Right rows above the 类 rows (一、本年支出).
    pub right_top: Vec<FixedRow>,
    /// Right rows after the 类 rows (本年支出合计, 结转下年 …); each may be aligned with a
    /// left row.
    pub right: Vec<RightRow>,
    /// Label of the left total (收入总计).
    pub left_total: String,
    /// Label of the right total (支出总计).
    pub right_total: String,
    /// Whether the totals row is printed first, under the header (合计 above the items).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total_top: bool,
    /// Further right-hand panes after the right side, side by side (a 收支总表 that shows
    /// the same spending by 部门经济分类 and by 政府经济分类 beside its 功能分类 类). Pane
    /// `k` owns the header's `k + 2`-th right-label column and the amount columns after it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub panes: Vec<Pane>,
}

/// A further right-hand pane of a 收支 table: fixed rows, each adding up its own lines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pane {
    /// The rows, in order; a row may be aligned with a left row.
    pub rows: Vec<RightRow>,
    /// The label printed in the pane on the totals row (支出总计).
    pub total: String,
}

/// Which pane each leaf column of a 收支 table belongs to: 0 for the left side and the
/// right side, `k` for the columns from the `k + 1`-th right-label column on.
pub fn leaf_panes(specs: &[&ColumnSpec]) -> Vec<usize> {
    let mut pane = 0;
    let mut seen = 0;
    specs
        .iter()
        .map(|c| {
            if matches!(c, ColumnSpec::RightLabel { .. }) {
                pane = seen;
                seen += 1;
            }
            pane
        })
        .collect()
}

/// A fixed row of the right side of a two-sided table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RightRow {
    /// The row.
    pub row: FixedRow,
    /// The key of the left row it is printed beside, if any.
    pub beside: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_right_label_after_the_first_opens_a_pane_of_its_own() {
        let amount = || ColumnSpec::Amount {
            id: "x".into(),
            filter: crate::profile::Filter::all(),
            measure: Measure::Amount,
        };
        let right = || ColumnSpec::RightLabel { pattern: "{name}".into() };
        let left = ColumnSpec::LeftAmount { id: "in".into(), filter: crate::profile::Filter::all() };
        let specs =
            [ColumnSpec::LeftLabel, left, right(), amount(), right(), amount(), amount(), right(), amount()];
        let panes = leaf_panes(&specs.iter().collect::<Vec<_>>());
        assert_eq!(panes, [0, 0, 0, 0, 1, 1, 1, 2, 2]);
        // A two-sided table is all pane 0.
        assert_eq!(leaf_panes(&specs[..4].iter().collect::<Vec<_>>()), [0, 0, 0, 0]);
    }
}
