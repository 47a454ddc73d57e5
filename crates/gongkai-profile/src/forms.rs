//! forms.yaml: the performance-target forms (绩效目标表) as their authors write them, and
//! their resolution into the engine's [`FormsSpec`] with every name checked and every row
//! of the grid placed (it must fill the grid exactly, E612).
//!
//! The field docs are in Chinese on purpose: they are the descriptions of the bundle's
//! JSON Schema, which editors show to the people who write profiles.

use std::collections::BTreeMap;

use gongkai_model::diag::Path;
use gongkai_model::money::MoneyUnit;
use gongkai_model::profile::{
    FormCell, FormField, FormLayout, FormSpec, FormValue, FormsSpec, FundsRule, IndicatorBlock,
    IndicatorColumn, IndicatorField, NumberFormat, Orientation, Zero,
};
use gongkai_model::rules::Rule;
use gongkai_model::source::Source;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::file::FilterFile;
use crate::resolve::{Findings, filter};

/// The file's name in a bundle.
pub(crate) const FORMS: &str = "forms.yaml";

/// forms.yaml：绩效目标表的版式。省略本文件则不印绩效目标表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormsFile {
    /// 部门整体绩效目标表（输入有 performance.overall 时印出）；省略则不印。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<FormFile>,
    /// 项目支出绩效目标表（输入 performance.projects 的每个项目印一张；layout: list 时一张表列出全部项目）；省略则不印。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<FormFile>,
    /// 专项资金绩效目标表（输入 performance.programmes 的每笔专项资金印一张，如市级重点专项资金
    /// 绩效目标表）；省略则不印。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<FormFile>,
}

/// 一种绩效目标表。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormFile {
    /// 标题，可含 {year}、{org}；项目表还可含 {project}（项目的打印名称），专项资金表的 {project} 是资金名称。
    pub title: String,
    /// 标题下的一行，如“（{year}年）”，写法同标题。
    #[serde(default)]
    pub subtitle: String,
    /// 表号，如“表十”，印在标题上方自成一行；省略则不印。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 表号的位置：above（居中，默认）、above-left、above-right；inline 与标题同一行。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_position: Option<String>,
    /// 各列的宽度（字符数）；有几个宽度，表格就有几列。
    pub widths: Vec<u16>,
    /// 指标之上的各行，每行是若干格子。格子从左到右排入上面各行没有占用的列，每行须恰好排满。
    /// 列表版式（layout: list）中是每个项目在其指标之上的各行（可省略）。
    #[serde(default)]
    pub rows: Vec<Vec<FormCellFile>>,
    /// 只用于项目表：each（每个项目一张表，默认）或 list（一张表列出全部项目：header 印在最上面、
    /// 跨页时每页重印，然后每个项目先印其 rows，再印其指标各行，beside 的格子在指标左侧向下合并到
    /// 该项目的最后一个指标）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// 只用于列表版式：表头各行（每行若干格子，排法同 rows，可用 text、org、year，amount 为全部所列项目之和），
    /// 印一次（跨页时每页重印），代替指标的列标签行。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<Vec<FormCellFile>>,
    /// 只用于列表版式：每个项目在指标各行左侧的格子（如序号 seq、项目名称 project、金额 amount、
    /// 绩效目标 goal），从第一列起，各自向下合并到该项目的最后一个指标（不写 rowspan）。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beside: Vec<FormCellFile>,
    /// 绩效指标：一行列标签，然后每个指标一行。
    pub indicators: IndicatorsFile,
    /// 金额的印法（省略时为万元、两位小数、零印 0.00、千分位）。
    #[serde(default)]
    pub format: FormFormatFile,
    /// 页面方向：portrait（纵向，默认）或 landscape（横向）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orientation: Option<String>,
    /// 表格右上方单位行的标签，如“金额单位”（印“金额单位：万元”，单位取 format.unit）；省略则不印。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_label: Option<String>,
    /// 部门整体表：本表说明的预算。情况说明中部门整体绩效目标的金额取它的明细之和（省略时为本表各
    /// amount 格子之和）；输入若仍填写上级安排、本级安排、其他资金，三项之和应等于它（W414）。
    /// 专项资金表：本部门属于这笔资金的明细中算作本级支出的（省略时为全部）：输入不填 own 时本级支出
    /// 取它们之和，填写时不能少于它们之和（E429）。项目表不用。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funds: Option<FundsFile>,
}

/// 一个格子：text、value、amount 写且只写一个。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormCellFile {
    /// 固定文字，可含 {year}、{org}。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// 取自输入的值。两种表都有：org（部门名称）、year（年度）、goal（年度绩效目标或项目总体目标）；
    /// 部门整体表：contact、phone（资金写成 amount 格子，由预算明细算出）；
    /// 项目表：project（项目打印名称）、leader（项目负责人）、unit（项目所属预算单位）、seq（项目的序号，从 1 起）；
    /// 专项资金表：project（资金名称）、manager（主管部门）、overview（项目概况）、own（本级支出）、
    /// transfers（补助下级）、budget（当年预算 = 本级支出 + 补助下级），金额按 format 印出。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// 金额：符合筛选条件的本年预算明细之和（项目表只取该项目的明细）；全部明细写 amount: {}。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<FilterFile>,
    /// 占几列（默认 1）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colspan: Option<usize>,
    /// 占几行（默认 1）；不能伸入指标各行。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rowspan: Option<usize>,
}

/// 绩效指标各行。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsFile {
    /// 第一列中从列标签行一直到最后一个指标的文字，如“绩效指标”；这时指标各列从第二列起。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// side 的格子从列标签行之上的几行起（默认 0：从列标签行起）；这几行的第一列留给它，格子从第二列排起。
    #[serde(default)]
    pub side_above: usize,
    /// 指标的各列，从左到右。
    pub columns: Vec<IndicatorColumnFile>,
    /// 前几列中上下相邻、内容相同（且左边各列也相同）的格子合并，如 2 合并相同的一级、二级指标。
    #[serde(default)]
    pub merge: usize,
}

/// 指标的一列。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorColumnFile {
    /// 列标签行中的文字，如“一级指标”（列表版式不印列标签行，可省略）。
    #[serde(default)]
    pub label: String,
    /// 这一列印指标的哪一项：level1、level2、name（三级指标）、value（指标值）、basis（设定依据）、
    /// last_value（上年完成值）、weight（分值权重）、scoring（赋分规则）、evidence（佐证资料）、
    /// nature（指标性质）、measure（计量单位）、core（是否核心）、activity（所属活动）、
    /// levels（一级、二级、三级指标连写在一格）。
    pub value: String,
    /// 这一列占表格的几列（默认 1），如指标之上的各行比指标分得更细时。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colspan: Option<usize>,
}

/// 绩效目标表中金额的印法。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FormFormatFile {
    /// 金额单位：万元 或 元。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// 小数位数。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// 零值的印法：zero（0.00，默认）、blank（空白）、dash（-）、bare（0，不带小数）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zero: Option<String>,
    /// 是否用千分位逗号（默认用）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separators: Option<bool>,
}

/// 部门整体表的资金应等于的预算。
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundsFile {
    /// 这笔预算的名称（W414 的提示中印出），如“一般公共预算拨款”。
    pub label: String,
    /// 取哪些本年预算明细。
    #[serde(default)]
    pub filter: FilterFile,
}

/// Which form is being resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Overall,
    Project,
    Programme,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Overall => "部门整体绩效目标表",
            Kind::Project => "项目支出绩效目标表",
            Kind::Programme => "专项资金绩效目标表",
        }
    }
}

/// Resolves forms.yaml.
pub(crate) fn resolve(
    file: &FormsFile,
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> FormsSpec {
    let root = Path::root();
    FormsSpec {
        overall: file.overall.as_ref().map(|f| form(f, Kind::Overall, &root.key("overall"), groups, out)),
        project: file.project.as_ref().map(|f| form(f, Kind::Project, &root.key("project"), groups, out)),
        programme: file
            .programme
            .as_ref()
            .map(|f| form(f, Kind::Programme, &root.key("programme"), groups, out)),
    }
}

fn form(
    f: &FormFile,
    kind: Kind,
    path: &Path,
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> FormSpec {
    let width = f.widths.len();
    if width == 0 {
        out.push(FORMS, Rule::ProfileConflict, path.key("widths"), "widths 为空：表格没有列");
    }
    let mut rows = Vec::new();
    for (r, cells) in f.rows.iter().enumerate() {
        let rp = path.key("rows").index(r);
        rows.push(
            cells
                .iter()
                .enumerate()
                .map(|(c, cell)| self::cell(cell, kind, &rp.index(c), groups, out))
                .collect(),
        );
    }
    if f.indicators.side_above > rows.len() {
        out.push(
            FORMS,
            Rule::ProfileFormGrid,
            path.key("indicators").key("side_above"),
            format!("side_above {} 超出了指标之上的 {} 行", f.indicators.side_above, rows.len()),
        );
    }
    if width > 0 {
        let from = rows.len().saturating_sub(f.indicators.side_above);
        place_from(&rows, width, from, &path.key("rows"), out);
    }
    let layout = match f.layout.as_deref().map(str::trim) {
        None | Some("each") => FormLayout::Each,
        Some("list") if kind == Kind::Project => FormLayout::List,
        Some("list") => {
            out.push(
                FORMS,
                Rule::ProfileConflict,
                path.key("layout"),
                "layout: list 只用于项目支出绩效目标表",
            );
            FormLayout::Each
        }
        Some(other) => {
            out.push(FORMS, Rule::ProfileBadValue, path.key("layout"), format!("版式“{other}”无效")).hint =
                Some("可选：each（每个项目一张表）、list（一张表列出全部项目）".into());
            FormLayout::Each
        }
    };
    let list = layout == FormLayout::List;
    let mut header = Vec::new();
    for (r, cells) in f.header.iter().enumerate() {
        let rp = path.key("header").index(r);
        header.push(
            cells
                .iter()
                .enumerate()
                .map(|(c, cell)| {
                    let cp = rp.index(c);
                    if cell
                        .value
                        .as_deref()
                        .is_some_and(|v| !["org", "coded_org", "year"].contains(&v.trim()))
                    {
                        out.push(FORMS, Rule::ProfileUnknownField, cp.key("value"), "表头没有项目的值")
                            .hint =
                            Some("表头可用 text、org、coded_org、year 和 amount（全部所列项目之和）".into());
                    }
                    self::cell(cell, kind, &cp, groups, out)
                })
                .collect(),
        );
    }
    if width > 0 {
        place(&header, width, &path.key("header"), out);
    }
    let mut beside = Vec::new();
    for (c, cell) in f.beside.iter().enumerate() {
        let cp = path.key("beside").index(c);
        if cell.rowspan.is_some() {
            out.push(
                FORMS,
                Rule::ProfileConflict,
                cp.key("rowspan"),
                "beside 的格子不写 rowspan：它向下合并到项目的最后一个指标",
            );
        }
        beside.push(self::cell(cell, kind, &cp, groups, out));
    }
    if !list {
        for (key, written) in [("header", !f.header.is_empty()), ("beside", !f.beside.is_empty())] {
            if written {
                out.push(
                    FORMS,
                    Rule::ProfileConflict,
                    path.key(key),
                    format!("{key} 只用于列表版式（layout: list）"),
                );
            }
        }
    }
    if list && f.indicators.side.is_some() {
        out.push(
            FORMS,
            Rule::ProfileConflict,
            path.key("indicators").key("side"),
            "列表版式没有列标签行，不写 side",
        )
        .hint = Some("项目左侧的格子写在 beside 中".into());
    }
    let beside_width: usize = beside.iter().map(|c: &FormCell| c.colspan).sum();
    let indicators =
        indicators(&f.indicators, width.saturating_sub(beside_width), &path.key("indicators"), out);
    let funds = f.funds.as_ref().map(|funds| {
        let p = path.key("funds");
        if kind == Kind::Project {
            out.push(
                FORMS,
                Rule::ProfileConflict,
                p.clone(),
                "funds 只用于部门整体绩效目标表和专项资金绩效目标表",
            )
            .hint = Some("项目表的金额直接由项目的预算明细算出，写成 amount 格子".into());
        }
        FundsRule {
            label: funds.label.trim().to_owned(),
            filter: this_year(&funds.filter, &p.key("filter"), groups, out),
        }
    });
    FormSpec {
        title: f.title.clone(),
        subtitle: f.subtitle.clone(),
        number: f.number.as_deref().map(str::trim).unwrap_or_default().to_owned(),
        number_position: crate::resolve::number_position(f.number_position.as_deref(), FORMS, path, out),
        widths: f.widths.clone(),
        rows,
        indicators,
        format: number_format(&f.format, &path.key("format"), out),
        funds,
        orientation: match f.orientation.as_deref().map(str::trim) {
            None | Some("portrait") => Orientation::Portrait,
            Some("landscape") => Orientation::Landscape,
            Some(other) => {
                out.push(
                    FORMS,
                    Rule::ProfileBadValue,
                    path.key("orientation"),
                    format!("页面方向“{other}”无效"),
                )
                .hint = Some("可选：portrait、landscape".into());
                Orientation::Portrait
            }
        },
        unit_label: f.unit_label.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned),
        layout,
        header,
        beside,
    }
}

/// A filter over this year's lines: forms print no last-year figures.
fn this_year(
    f: &FilterFile,
    path: &Path,
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> gongkai_model::profile::Filter {
    let resolved = filter(f, FORMS, path, groups, out);
    if resolved.last_year.is_some() {
        out.push(
            FORMS,
            Rule::ProfileConflict,
            path.key("last_year"),
            "绩效目标表的金额不写 last_year：只取本年预算",
        );
    }
    resolved
}

fn cell(
    c: &FormCellFile,
    kind: Kind,
    path: &Path,
    groups: &BTreeMap<String, Vec<Source>>,
    out: &mut Findings,
) -> FormCell {
    let span = |n: Option<usize>, key: &str, out: &mut Findings| match n {
        Some(0) => {
            out.push(FORMS, Rule::ProfileBadValue, path.key(key), format!("{key} 不能为 0"));
            1
        }
        n => n.unwrap_or(1),
    };
    let colspan = span(c.colspan, "colspan", out);
    let rowspan = span(c.rowspan, "rowspan", out);
    let written = [c.text.is_some(), c.value.is_some(), c.amount.is_some()].iter().filter(|b| **b).count();
    if written != 1 {
        out.push(
            FORMS,
            Rule::ProfileConflict,
            path.clone(),
            if written == 0 {
                "格子没有内容"
            } else {
                "格子的 text、value、amount 只能写一个"
            },
        )
        .hint = Some("写且只写 text（固定文字）、value（输入中的值）、amount（金额）之一".into());
    }
    let value = if let Some(name) = &c.value {
        FormValue::Field(field(name, kind, &path.key("value"), out))
    } else if let Some(f) = &c.amount {
        FormValue::Amount(this_year(f, &path.key("amount"), groups, out))
    } else {
        FormValue::Text(c.text.clone().unwrap_or_default())
    };
    FormCell { value, colspan, rowspan }
}

fn field(name: &str, kind: Kind, path: &Path, out: &mut Findings) -> FormField {
    let name = name.trim();
    let has = |&(field, _, overall, project): &(FormField, &str, bool, bool)| match kind {
        Kind::Overall => overall,
        Kind::Project => project,
        Kind::Programme => FormField::PROGRAMME.contains(&field),
    };
    let allowed: Vec<&str> = FormField::ALL.iter().filter(|f| has(f)).map(|f| f.1).collect();
    match FormField::ALL.iter().find(|f| f.1 == name) {
        Some(f) if has(f) => f.0,
        found => {
            let message = match found {
                Some(_) => format!("{}没有值“{name}”", kind.name()),
                None => format!("没有值“{name}”"),
            };
            let funds = ["superior_funds", "local_funds", "other_funds"].contains(&name);
            out.push(FORMS, Rule::ProfileUnknownField, path.clone(), message).hint = Some(if funds {
                "资金由预算明细算出：写成 amount 格子，如 {amount: {sources: [一般公共预算]}}".to_owned()
            } else {
                format!("{}可用：{}", kind.name(), allowed.join("、"))
            });
            FormField::Org
        }
    }
}

/// Places the fixed rows as the evaluator does and reports every row that does not fill
/// the grid exactly, and every cell that reaches past it.
fn place(rows: &[Vec<FormCell>], width: usize, path: &Path, out: &mut Findings) {
    place_from(rows, width, rows.len(), path, out);
}

/// [`place`], the first column left to the side label from row `side` on.
fn place_from(rows: &[Vec<FormCell>], width: usize, side: usize, path: &Path, out: &mut Findings) {
    let mut covered_until = vec![0usize; width];
    for (r, cells) in rows.iter().enumerate() {
        let rp = path.index(r);
        if r == side {
            covered_until[0] = usize::MAX;
        }
        let mut col = 0;
        let mut overflow = false;
        for (c, cell) in cells.iter().enumerate() {
            while col < width && covered_until[col] > r {
                col += 1;
            }
            if col + cell.colspan > width {
                out.push(
                    FORMS,
                    Rule::ProfileFormGrid,
                    rp.index(c),
                    format!("第 {} 行的第 {} 个格子排不下：表格只有 {width} 列", r + 1, c + 1),
                )
                .hint = Some("格子从左到右排入上面各行没有占用的列；检查 colspan、rowspan 和 widths".into());
                overflow = true;
                break;
            }
            if covered_until[col..col + cell.colspan].iter().any(|&until| until > r) {
                out.push(
                    FORMS,
                    Rule::ProfileFormGrid,
                    rp.index(c),
                    format!("第 {} 行的第 {} 个格子与上面各行向下合并的格子重叠", r + 1, c + 1),
                );
                overflow = true;
                break;
            }
            if r + cell.rowspan > rows.len() {
                out.push(
                    FORMS,
                    Rule::ProfileFormGrid,
                    rp.index(c).key("rowspan"),
                    format!("rowspan {} 超出了指标之上的 {} 行", cell.rowspan, rows.len()),
                );
            }
            for slot in &mut covered_until[col..col + cell.colspan] {
                *slot = r + cell.rowspan;
            }
            col += cell.colspan;
        }
        let free = (col..width).filter(|&c| covered_until[c] <= r).count();
        if !overflow && free > 0 {
            out.push(
                FORMS,
                Rule::ProfileFormGrid,
                rp,
                format!("第 {} 行没有排满：还空着 {free} 列（表格有 {width} 列）", r + 1),
            )
            .hint = Some("加宽最后一个格子（colspan）或补上格子".into());
        }
    }
}

fn indicators(f: &IndicatorsFile, width: usize, path: &Path, out: &mut Findings) -> IndicatorBlock {
    let mut columns = Vec::new();
    for (i, c) in f.columns.iter().enumerate() {
        let name = c.value.trim();
        let value = IndicatorField::ALL.iter().find(|(_, n)| *n == name).map(|(v, _)| *v);
        if value.is_none() {
            let all: Vec<&str> = IndicatorField::ALL.iter().map(|(_, n)| *n).collect();
            out.push(
                FORMS,
                Rule::ProfileUnknownField,
                path.key("columns").index(i).key("value"),
                format!("指标没有“{name}”这一项"),
            )
            .hint = Some(format!("可选：{}", all.join("、")));
        }
        let colspan = match c.colspan {
            Some(0) => {
                out.push(
                    FORMS,
                    Rule::ProfileBadValue,
                    path.key("columns").index(i).key("colspan"),
                    "colspan 不能为 0",
                );
                1
            }
            n => n.unwrap_or(1),
        };
        columns.push(IndicatorColumn {
            label: c.label.clone(),
            value: value.unwrap_or(IndicatorField::Name),
            colspan,
        });
    }
    if columns.is_empty() {
        out.push(FORMS, Rule::ProfileConflict, path.key("columns"), "指标没有列");
    }
    let used = columns.iter().map(|c| c.colspan).sum::<usize>() + usize::from(f.side.is_some());
    if width > 0 && used != width {
        let side = if f.side.is_some() { "（含 side 一列）" } else { "" };
        out.push(
            FORMS,
            Rule::ProfileFormGrid,
            path.key("columns"),
            format!("指标有 {used} 列{side}，表格有 {width} 列"),
        )
        .hint = Some("指标的列数（加上 side 或列表版式 beside 的各列）须与 widths 的个数相同".into());
    }
    if f.merge > columns.len() {
        out.push(
            FORMS,
            Rule::ProfileBadValue,
            path.key("merge"),
            format!("merge {} 超过了指标的列数 {}", f.merge, columns.len()),
        );
    }
    if f.side_above > 0 && f.side.is_none() {
        out.push(FORMS, Rule::ProfileConflict, path.key("side_above"), "side_above 只和 side 一起写");
    }
    IndicatorBlock {
        side: f.side.clone(),
        side_above: f.side_above,
        columns,
        merge: f.merge.min(f.columns.len()),
    }
}

fn number_format(f: &FormFormatFile, path: &Path, out: &mut Findings) -> NumberFormat {
    let base = NumberFormat { zero: Zero::Zero, ..NumberFormat::default() };
    let unit = match f.unit.as_deref().map(str::trim) {
        None => base.unit,
        Some("万元") => MoneyUnit::Wan,
        Some("元") => MoneyUnit::Yuan,
        Some(other) => {
            out.push(FORMS, Rule::ProfileBadValue, path.key("unit"), format!("金额单位“{other}”无效")).hint =
                Some("可选：万元、元".into());
            base.unit
        }
    };
    let zero = match f.zero.as_deref().map(str::trim) {
        None => base.zero,
        Some("blank") => Zero::Blank,
        Some("zero") => Zero::Zero,
        Some("dash") => Zero::Dash,
        Some("bare") => Zero::Bare,
        Some(other) => {
            out.push(FORMS, Rule::ProfileBadValue, path.key("zero"), format!("零值印法“{other}”无效")).hint =
                Some("可选：zero、blank、dash、bare".into());
            base.zero
        }
    };
    let decimals = f.decimals.unwrap_or(base.decimals);
    if decimals > 6 {
        out.push(
            FORMS,
            Rule::ProfileBadValue,
            path.key("decimals"),
            format!("小数位数 {decimals} 太多（最多 6 位）"),
        );
    }
    NumberFormat {
        unit,
        decimals: decimals.min(6),
        zero,
        separators: f.separators.unwrap_or(base.separators),
        ..base
    }
}

#[cfg(test)]
mod tests {
    use gongkai_model::profile::{FormField, FormValue};

    use crate::{Bundle, builtin_bundle, read};

    /// The xinjiang-11 bundle with `forms` as its forms.yaml.
    fn bundle(forms: &str) -> Bundle {
        let mut b = builtin_bundle("xinjiang-11").expect("built in");
        b.files.insert("forms.yaml".into(), forms.as_bytes().to_vec());
        b
    }

    /// Every finding of the bundle as `rule file:line:column`.
    fn findings(forms: &str) -> Vec<String> {
        match read(&bundle(forms), "p") {
            Ok(_) => Vec::new(),
            Err(diags) => diags
                .iter()
                .map(|d| {
                    format!("{} {}", d.rule, d.location.as_ref().map(ToString::to_string).unwrap_or_default())
                })
                .collect(),
        }
    }

    /// A small valid project form: two fixed rows on a three-column grid.
    const GOOD: &str = "\
project:
  title: \"{project}\"
  widths: [10, 10, 10]
  rows:
    - [{text: 项目名称}, {value: project, colspan: 2}]
    - [{text: 金额, rowspan: 1}, {amount: {kinds: [项目]}}, {value: leader}]
  indicators:
    columns:
      - {label: 一级指标, value: level1}
      - {label: 三级指标, value: name}
      - {label: 分值, value: weight}
";

    #[track_caller]
    fn check(forms: &str, expect: &[&str]) {
        assert_eq!(findings(forms), expect, "{forms}");
    }

    #[test]
    fn the_small_form_reads() {
        check(GOOD, &[]);
        let p = read(&bundle(GOOD), "p").expect("reads");
        assert!(p.forms.overall.is_none());
        let form = p.forms.project.expect("project form");
        assert_eq!(form.rows[1][2].value, FormValue::Field(FormField::Leader));
    }

    #[test]
    fn the_builtin_forms_read_with_both_kinds() {
        let p = crate::builtin("xinjiang-11").expect("reads");
        assert!(p.forms.overall.as_ref().is_some_and(|f| f.funds.is_some()));
        assert_eq!(p.forms.project.as_ref().map(|f| f.widths.len()), Some(9));
    }

    #[test]
    fn a_row_that_leaves_columns_free() {
        check(&GOOD.replace("{value: project, colspan: 2}", "{value: project}"), &["E612 p/forms.yaml:5:7"]);
    }

    #[test]
    fn a_cell_past_the_last_column() {
        check(
            &GOOD.replace("{value: project, colspan: 2}", "{value: project, colspan: 3}"),
            &["E612 p/forms.yaml:5:22"],
        );
    }

    #[test]
    fn a_rowspan_into_the_indicators() {
        check(
            &GOOD.replace("{text: 金额, rowspan: 1}", "{text: 金额, rowspan: 2}"),
            &["E612 p/forms.yaml:6:28"],
        );
    }

    #[test]
    fn a_cell_below_a_merged_cell_overlapping_it() {
        let forms = GOOD
            .replace("{text: 项目名称}", "{text: 项目名称, rowspan: 2}")
            .replace(
                "{text: 金额, rowspan: 1}, {amount: {kinds: [项目]}}",
                "{amount: {kinds: [项目]}, colspan: 2}",
            )
            .replace(", {value: leader}]", "]");
        check(&forms, &[]);
        let overlap =
            forms.replace("{amount: {kinds: [项目]}, colspan: 2}", "{amount: {kinds: [项目]}, colspan: 3}");
        check(&overlap, &["E612 p/forms.yaml:6:8"]);
    }

    #[test]
    fn a_value_the_input_does_not_have() {
        check(&GOOD.replace("value: leader", "value: manager"), &["E613 p/forms.yaml:6:65"]);
    }

    #[test]
    fn a_department_value_in_a_project_form() {
        check(&GOOD.replace("value: leader", "value: contact"), &["E613 p/forms.yaml:6:65"]);
    }

    #[test]
    fn an_indicator_value_that_does_not_exist() {
        check(&GOOD.replace("value: weight", "value: score"), &["E613 p/forms.yaml:11:28"]);
    }

    #[test]
    fn indicator_columns_that_do_not_fill_the_grid() {
        check(&GOOD.replace("      - {label: 分值, value: weight}\n", ""), &["E612 p/forms.yaml:8:5"]);
        // A side label takes the first column.
        let side = GOOD.replace("  indicators:\n", "  indicators:\n    side: 绩效指标\n");
        check(&side, &["E612 p/forms.yaml:9:5"]);
    }

    #[test]
    fn an_unknown_source_in_an_amount() {
        check(&GOOD.replace("kinds: [项目]", "sources: [专项收入]"), &["E606 p/forms.yaml:6:52"]);
    }

    #[test]
    fn funds_in_a_project_form() {
        let forms =
            GOOD.replace("  indicators:\n", "  funds: {label: 一般公共预算, filter: {}}\n  indicators:\n");
        check(&forms, &["E610 p/forms.yaml:7:3"]);
    }

    #[test]
    fn a_programme_form_has_its_own_values_and_may_say_its_funds() {
        let programme = GOOD
            .replace(
                "project:\n",
                "programme:\n  funds: {label: 财政拨款, filter: {sources: [一般公共预算]}}\n",
            )
            .replace("{value: leader}", "{value: own}")
            .replace("{value: project, colspan: 2}", "{value: manager, colspan: 2}");
        check(&programme, &[]);
        let p = read(&bundle(&programme), "p").expect("reads");
        let form = p.forms.programme.expect("programme form");
        assert_eq!(form.rows[1][2].value, FormValue::Field(FormField::Own));
        assert!(form.funds.is_some());
        // A project's leader is not a programme's; a programme's 本级支出 is not a project's.
        check(&programme.replace("{value: own}", "{value: leader}"), &["E613 p/forms.yaml:7:65"]);
        check(&GOOD.replace("value: leader", "value: own"), &["E613 p/forms.yaml:6:65"]);
    }

    #[test]
    fn a_cell_with_two_contents() {
        check(&GOOD.replace("{text: 项目名称}", "{text: 项目名称, value: org}"), &["E610 p/forms.yaml:5:8"]);
    }

    #[test]
    fn last_years_lines_in_an_amount() {
        check(&GOOD.replace("kinds: [项目]", "last_year: true"), &["E610 p/forms.yaml:6:53"]);
    }

    #[test]
    fn a_misspelt_key_is_a_structure_error() {
        check(&GOOD.replace("colspan: 2", "colspn: 2"), &["E101 p/forms.yaml:5:39"]);
    }

    /// A list of projects on a four-column grid: a header of one row, 序号 and 项目名称
    /// beside two indicator columns.
    const LIST: &str = "\
project:
  layout: list
  title: 项目支出绩效目标表
  widths: [4, 10, 10, 10]
  header:
    - [{text: 序号}, {text: 项目名称}, {text: 三级指标}, {text: 指标值}]
  beside:
    - {value: seq}
    - {value: project}
  indicators:
    columns:
      - {value: name}
      - {value: value}
";

    #[test]
    fn the_list_layout_reads_and_its_grid_is_checked() {
        check(LIST, &[]);
        let form = read(&bundle(LIST), "p").expect("reads").forms.project.expect("project form");
        assert_eq!(form.layout, gongkai_model::profile::FormLayout::List);
        assert_eq!(form.beside[0].value, FormValue::Field(FormField::Seq));
        // The beside cells and the indicators fill the grid; the header fills it too.
        check(
            &LIST.replace("[4, 10, 10, 10]", "[4, 10, 10, 10, 10]"),
            &["E612 p/forms.yaml:6:7", "E612 p/forms.yaml:11:5"],
        );
        // A header holds no project's values; beside cells are merged by the layout.
        check(&LIST.replace("{text: 项目名称}", "{value: goal}"), &["E613 p/forms.yaml:6:28"]);
        check(&LIST.replace("{value: seq}", "{value: seq, rowspan: 2}"), &["E610 p/forms.yaml:8:29"]);
        // header and beside belong to the list; a list has no label row for a side label.
        check(&LIST.replace("  layout: list\n", ""), &["E610 p/forms.yaml:4:3", "E610 p/forms.yaml:6:3"]);
        check(
            &LIST.replace("  indicators:\n", "  indicators:\n    side: 指标\n"),
            &["E610 p/forms.yaml:11:11", "E612 p/forms.yaml:12:5"],
        );
        check(
            &LIST.replace("layout: list", "layout: grid"),
            &["E609 p/forms.yaml:2:11", "E610 p/forms.yaml:5:3", "E610 p/forms.yaml:7:3"],
        );
    }
}
